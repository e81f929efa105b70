-- `live_version` moves with every change a staff screen shows (a booking
-- made, moved, changed or cancelled; a booking's note; a day's shift
-- note), whoever writes it, and `NOTIFY techplus_live` tells every server
-- process at commit, so that open staff screens can be told at once.
CREATE TABLE live_version (
    id      SMALLINT PRIMARY KEY CHECK (id = 1),
    version BIGINT   NOT NULL
);
INSERT INTO live_version (id, version) VALUES (1, 1);

CREATE FUNCTION bump_live_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v BIGINT;
BEGIN
    UPDATE live_version SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
    PERFORM pg_notify('techplus_live', v::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER reservations_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reservations
    FOR EACH STATEMENT EXECUTE FUNCTION bump_live_version();
CREATE TRIGGER reservation_notes_live AFTER INSERT OR UPDATE OR DELETE ON reservation_notes
    FOR EACH STATEMENT EXECUTE FUNCTION bump_live_version();
CREATE TRIGGER shift_notes_live AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON shift_notes
    FOR EACH STATEMENT EXECUTE FUNCTION bump_live_version();
