-- `holds_version` moves on with every change of who holds a table when
-- (a reservation's tables, span, size or status), so that a process may
-- keep a day's computed availability until it moves. A migration that
-- rebuilds reservations or reservation_tables must create these again.
CREATE TABLE holds_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO holds_version (id, version) VALUES (1, 1);

CREATE TRIGGER reservation_tables_holds_insert AFTER INSERT ON reservation_tables
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservation_tables_holds_update AFTER UPDATE ON reservation_tables
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservation_tables_holds_delete AFTER DELETE ON reservation_tables
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservations_holds_insert AFTER INSERT ON reservations
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservations_holds_update AFTER UPDATE ON reservations
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservations_holds_delete AFTER DELETE ON reservations
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
