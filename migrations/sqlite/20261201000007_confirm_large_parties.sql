-- A restaurant may ask large parties to confirm their booking from an
-- e-mailed link: from `confirm_email_from_party` guests up (NULL: never),
-- the booking is 'pending_confirmation' and holds its table for
-- `confirm_hold_minutes`, then is released if nobody confirmed it.
--
-- SQLite cannot change a CHECK constraint, so the reservations table is
-- rebuilt with its rows and ids. sqlx runs this in a transaction, where
-- foreign keys cannot be switched off: dropping the old table deletes the
-- rows that refer to it (ON DELETE CASCADE), so they are copied aside first
-- and put back after.
CREATE TEMP TABLE keep_tokens AS SELECT * FROM reservation_tokens;
CREATE TEMP TABLE keep_tables AS SELECT * FROM reservation_tables;
CREATE TEMP TABLE keep_events AS SELECT * FROM reservation_events;
CREATE TEMP TABLE keep_proofs AS SELECT * FROM email_proofs;

CREATE TABLE reservations_new (
    id                INTEGER PRIMARY KEY,
    restaurant_id     INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    reference         TEXT    NOT NULL UNIQUE,
    status            TEXT    NOT NULL CHECK (status IN
        ('pending_payment', 'pending_confirmation', 'confirmed', 'seated', 'completed',
         'cancelled', 'no_show')),
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

ALTER TABLE booking_settings ADD COLUMN confirm_email_from_party INTEGER
    CHECK (confirm_email_from_party IS NULL OR confirm_email_from_party >= 1);
ALTER TABLE booking_settings ADD COLUMN confirm_hold_minutes INTEGER NOT NULL DEFAULT 30
    CHECK (confirm_hold_minutes BETWEEN 5 AND 1440);
