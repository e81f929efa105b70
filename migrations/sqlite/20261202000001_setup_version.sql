-- The booking setup (the restaurant, its hours, tables, combinations,
-- exceptions, settings and menu) is kept in each server process's memory;
-- `setup_version` moves on with every change of those tables, so a process
-- (this one or another on the same database) reloads it when the number it
-- holds is no longer the database's. A migration that rebuilds one of these
-- tables must create its triggers again.
CREATE TABLE setup_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO setup_version (id, version) VALUES (1, 1);

CREATE TRIGGER restaurants_setup_insert AFTER INSERT ON restaurants
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER restaurants_setup_update AFTER UPDATE ON restaurants
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER restaurants_setup_delete AFTER DELETE ON restaurants
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_periods_setup_insert AFTER INSERT ON service_periods
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_periods_setup_update AFTER UPDATE ON service_periods
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_periods_setup_delete AFTER DELETE ON service_periods
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER dining_tables_setup_insert AFTER INSERT ON dining_tables
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER dining_tables_setup_update AFTER UPDATE ON dining_tables
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER dining_tables_setup_delete AFTER DELETE ON dining_tables
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER menu_categories_setup_insert AFTER INSERT ON menu_categories
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER menu_categories_setup_update AFTER UPDATE ON menu_categories
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER menu_categories_setup_delete AFTER DELETE ON menu_categories
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER menu_items_setup_insert AFTER INSERT ON menu_items
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER menu_items_setup_update AFTER UPDATE ON menu_items
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER menu_items_setup_delete AFTER DELETE ON menu_items
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booking_settings_setup_insert AFTER INSERT ON booking_settings
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booking_settings_setup_update AFTER UPDATE ON booking_settings
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booking_settings_setup_delete AFTER DELETE ON booking_settings
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booking_exceptions_setup_insert AFTER INSERT ON booking_exceptions
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booking_exceptions_setup_update AFTER UPDATE ON booking_exceptions
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booking_exceptions_setup_delete AFTER DELETE ON booking_exceptions
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER table_combinations_setup_insert AFTER INSERT ON table_combinations
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER table_combinations_setup_update AFTER UPDATE ON table_combinations
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER table_combinations_setup_delete AFTER DELETE ON table_combinations
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER table_combination_members_setup_insert AFTER INSERT ON table_combination_members
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER table_combination_members_setup_update AFTER UPDATE ON table_combination_members
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER table_combination_members_setup_delete AFTER DELETE ON table_combination_members
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
