-- The host stand: a guest who has arrived but is not seated yet
-- ('arrived'), where a booking came from (online, phone, walk-in), when its
-- guests sat down, and which
-- staff member wrote each line of a reservation's history.
--
-- SQLite cannot change a CHECK constraint, so the reservations table is
-- rebuilt with its rows and ids, as in 20261201000007 (the rows that refer
-- to it are copied aside and put back), and its triggers are created again.
CREATE TEMP TABLE keep_tokens AS SELECT * FROM reservation_tokens;
CREATE TEMP TABLE keep_tables AS SELECT * FROM reservation_tables;
CREATE TEMP TABLE keep_events AS SELECT * FROM reservation_events;
CREATE TEMP TABLE keep_proofs AS SELECT * FROM email_proofs;

CREATE TABLE reservations_new (
    id                INTEGER PRIMARY KEY,
    restaurant_id     INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    reference         TEXT    NOT NULL UNIQUE,
    status            TEXT    NOT NULL CHECK (status IN
        ('pending_payment', 'pending_confirmation', 'confirmed', 'arrived', 'seated',
         'completed', 'cancelled', 'no_show')),
    starts_at         TEXT    NOT NULL,
    ends_at           TEXT    NOT NULL,
    party_size        INTEGER NOT NULL CHECK (party_size >= 1),
    guest_name        TEXT    NOT NULL,
    guest_email       TEXT    NOT NULL,
    guest_phone       TEXT    NOT NULL,
    notes             TEXT    NOT NULL DEFAULT '',
    locale            TEXT    NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    guest_email_key   TEXT    NOT NULL DEFAULT '',
    source            TEXT    NOT NULL DEFAULT 'online'
        CHECK (source IN ('online', 'phone', 'walk_in')),
    -- When the guests last sat down (the host's elapsed time at the table).
    seated_at         TEXT,
    CHECK (ends_at > starts_at)
);
INSERT INTO reservations_new (id, restaurant_id, reference, status, starts_at, ends_at,
    party_size, guest_name, guest_email, guest_phone, notes, locale, created_at, updated_at,
    guest_email_key)
SELECT id, restaurant_id, reference, status, starts_at, ends_at, party_size, guest_name,
    guest_email, guest_phone, notes, locale, created_at, updated_at, guest_email_key
FROM reservations;
DROP TABLE reservations;
ALTER TABLE reservations_new RENAME TO reservations;
CREATE INDEX reservations_restaurant_time ON reservations(restaurant_id, starts_at);
CREATE INDEX reservations_email ON reservations(guest_email);
CREATE INDEX reservations_guest_email_key ON reservations(guest_email_key);
CREATE INDEX reservations_pending ON reservations(status) WHERE status = 'pending_confirmation';

INSERT INTO reservation_tokens SELECT * FROM keep_tokens;
INSERT INTO reservation_tables SELECT * FROM keep_tables;
INSERT INTO reservation_events SELECT * FROM keep_events;
INSERT INTO email_proofs SELECT * FROM keep_proofs;
DROP TABLE keep_tokens;
DROP TABLE keep_tables;
DROP TABLE keep_events;
DROP TABLE keep_proofs;

CREATE TRIGGER reservations_span_insert BEFORE INSERT ON reservations
WHEN (julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400 > 86400.5
BEGIN
    SELECT RAISE(ABORT, 'reservation longer than 1440 minutes');
END;
CREATE TRIGGER reservations_span_update BEFORE UPDATE OF starts_at, ends_at ON reservations
WHEN (julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400 > 86400.5
BEGIN
    SELECT RAISE(ABORT, 'reservation longer than 1440 minutes');
END;
CREATE TRIGGER reservations_holds_insert AFTER INSERT ON reservations
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservations_holds_update AFTER UPDATE ON reservations
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservations_holds_delete AFTER DELETE ON reservations
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;

-- The staff member who wrote a history line (NULL: the guest or the system,
-- or an account deleted since).
ALTER TABLE reservation_events ADD COLUMN user_id INTEGER REFERENCES users(id) ON DELETE SET NULL;
