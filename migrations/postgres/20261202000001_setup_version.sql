-- The booking setup (the restaurant, its hours, tables, combinations,
-- exceptions, settings and menu) is kept in each server process's memory;
-- `setup_version` moves on with every change of those tables, so a process
-- (this one or another on the same database) reloads it when the number it
-- holds is no longer the database's. A migration that rebuilds one of these
-- tables must create its triggers again.
CREATE TABLE setup_version (
    id      SMALLINT PRIMARY KEY CHECK (id = 1),
    version BIGINT   NOT NULL
);
INSERT INTO setup_version (id, version) VALUES (1, 1);

CREATE FUNCTION bump_setup_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE setup_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER restaurants_setup AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON restaurants
    FOR EACH STATEMENT EXECUTE FUNCTION bump_setup_version();
CREATE TRIGGER service_periods_setup AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_periods
    FOR EACH STATEMENT EXECUTE FUNCTION bump_setup_version();
CREATE TRIGGER dining_tables_setup AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dining_tables
    FOR EACH STATEMENT EXECUTE FUNCTION bump_setup_version();
CREATE TRIGGER menu_categories_setup AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON menu_categories
    FOR EACH STATEMENT EXECUTE FUNCTION bump_setup_version();
CREATE TRIGGER menu_items_setup AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON menu_items
    FOR EACH STATEMENT EXECUTE FUNCTION bump_setup_version();
CREATE TRIGGER booking_settings_setup AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON booking_settings
    FOR EACH STATEMENT EXECUTE FUNCTION bump_setup_version();
CREATE TRIGGER booking_exceptions_setup AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON booking_exceptions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_setup_version();
CREATE TRIGGER table_combinations_setup AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON table_combinations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_setup_version();
CREATE TRIGGER table_combination_members_setup AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON table_combination_members
    FOR EACH STATEMENT EXECUTE FUNCTION bump_setup_version();
