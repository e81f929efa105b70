-- `holds_version` moves on with every change of who holds a table when
-- (a reservation's tables, span, size or status), so that a process may
-- keep a day's computed availability until it moves.
CREATE TABLE holds_version (
    id      SMALLINT PRIMARY KEY CHECK (id = 1),
    version BIGINT   NOT NULL
);
INSERT INTO holds_version (id, version) VALUES (1, 1);

CREATE FUNCTION bump_holds_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE holds_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;

CREATE TRIGGER reservation_tables_holds AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reservation_tables
    FOR EACH STATEMENT EXECUTE FUNCTION bump_holds_version();
CREATE TRIGGER reservations_holds AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reservations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_holds_version();
