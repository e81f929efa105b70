-- Booking core (SQLite). Instants are UTC RFC 3339 text written by the store
-- with whole seconds ("2026-12-01T18:00:00+00:00"), so text order is time
-- order. Dates are "YYYY-MM-DD" text in the restaurant's time zone.

-- Seatings of each weekly service period: the last seating, the slot interval
-- and the pacing limit (covers that may start in one slot).
ALTER TABLE service_periods ADD COLUMN last_seating_minute INTEGER
    CHECK (last_seating_minute IS NULL OR last_seating_minute BETWEEN 0 AND 1440);
ALTER TABLE service_periods ADD COLUMN slot_interval_minutes INTEGER NOT NULL DEFAULT 15
    CHECK (slot_interval_minutes BETWEEN 1 AND 1440);
ALTER TABLE service_periods ADD COLUMN max_covers_per_slot INTEGER
    CHECK (max_covers_per_slot IS NULL OR max_covers_per_slot >= 1);

-- One row per restaurant: booking window, turn times, cancellation, deposit.
CREATE TABLE booking_settings (
    restaurant_id          INTEGER PRIMARY KEY REFERENCES restaurants(id) ON DELETE CASCADE,
    min_notice_minutes     INTEGER NOT NULL DEFAULT 120 CHECK (min_notice_minutes >= 0),
    max_advance_days       INTEGER NOT NULL DEFAULT 60 CHECK (max_advance_days >= 0),
    min_party              INTEGER NOT NULL DEFAULT 1 CHECK (min_party >= 1),
    max_party_online       INTEGER NOT NULL DEFAULT 8,
    -- JSON: {"bands": [[largest party, minutes], ...], "larger": minutes}
    turn_times             TEXT    NOT NULL,
    cancel_cutoff_minutes  INTEGER NOT NULL DEFAULT 120 CHECK (cancel_cutoff_minutes >= 0),
    deposit_per_guest_cents INTEGER CHECK (deposit_per_guest_cents IS NULL OR deposit_per_guest_cents > 0),
    deposit_from_party     INTEGER CHECK (deposit_from_party IS NULL OR deposit_from_party >= 1),
    CHECK (max_party_online >= min_party)
);

-- Closed dates/ranges, and special hours for one date (periods as JSON).
CREATE TABLE booking_exceptions (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (kind IN ('closed', 'special_hours')),
    starts_on     TEXT    NOT NULL,
    ends_on       TEXT    NOT NULL,
    periods       TEXT    NOT NULL DEFAULT '[]',
    note          TEXT    NOT NULL DEFAULT '',
    CHECK (ends_on >= starts_on)
);
CREATE INDEX booking_exceptions_restaurant ON booking_exceptions(restaurant_id, starts_on);

-- Tables that may be pushed together for larger parties.
CREATE TABLE table_combinations (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    UNIQUE (restaurant_id, name)
);
CREATE TABLE table_combination_members (
    combination_id INTEGER NOT NULL REFERENCES table_combinations(id) ON DELETE CASCADE,
    table_id       INTEGER NOT NULL REFERENCES dining_tables(id) ON DELETE CASCADE,
    PRIMARY KEY (combination_id, table_id)
);

CREATE TABLE reservations (
    id                INTEGER PRIMARY KEY,
    restaurant_id     INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    reference         TEXT    NOT NULL UNIQUE,
    status            TEXT    NOT NULL CHECK (status IN
        ('pending_payment', 'confirmed', 'seated', 'completed', 'cancelled', 'no_show')),
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
    CHECK (ends_at > starts_at)
);
CREATE INDEX reservations_restaurant_time ON reservations(restaurant_id, starts_at);
CREATE INDEX reservations_email ON reservations(guest_email);

-- Guests manage a booking with a secret link: only the SHA-256 of each token
-- is kept. A reservation may have several (the e-mailed one, and one issued
-- when the guest finds the booking by reference and e-mail).
CREATE TABLE reservation_tokens (
    token_hash     TEXT    PRIMARY KEY,
    reservation_id INTEGER NOT NULL REFERENCES reservations(id) ON DELETE CASCADE,
    created_at     TEXT    NOT NULL
);
CREATE INDEX reservation_tokens_reservation ON reservation_tokens(reservation_id);

-- The tables a reservation holds, with its span copied so that the database
-- itself can refuse overlaps. `active` is false once the reservation no
-- longer holds its tables (cancelled, no-show, completed).
CREATE TABLE reservation_tables (
    reservation_id INTEGER NOT NULL REFERENCES reservations(id) ON DELETE CASCADE,
    table_id       INTEGER NOT NULL REFERENCES dining_tables(id),
    starts_at      TEXT    NOT NULL,
    ends_at        TEXT    NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    PRIMARY KEY (reservation_id, table_id),
    CHECK (ends_at > starts_at)
);
CREATE INDEX reservation_tables_table_time ON reservation_tables(table_id, starts_at);

-- SQLite has no exclusion constraints: these triggers refuse a row that
-- overlaps an active row of the same table (half-open spans). Writers also
-- take the database lock first (BEGIN IMMEDIATE), so checks cannot race.
CREATE TRIGGER reservation_tables_no_overlap_insert
BEFORE INSERT ON reservation_tables
WHEN NEW.active = 1 AND EXISTS (
    SELECT 1 FROM reservation_tables o
    WHERE o.table_id = NEW.table_id AND o.active = 1
      AND o.starts_at < NEW.ends_at AND NEW.starts_at < o.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'table already booked for an overlapping time');
END;

CREATE TRIGGER reservation_tables_no_overlap_update
BEFORE UPDATE ON reservation_tables
WHEN NEW.active = 1 AND EXISTS (
    SELECT 1 FROM reservation_tables o
    WHERE o.table_id = NEW.table_id AND o.active = 1
      AND NOT (o.reservation_id = OLD.reservation_id AND o.table_id = OLD.table_id)
      AND o.starts_at < NEW.ends_at AND NEW.starts_at < o.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'table already booked for an overlapping time');
END;

-- Every change of a reservation: what, who (guest, staff, system), when.
CREATE TABLE reservation_events (
    id             INTEGER PRIMARY KEY,
    reservation_id INTEGER NOT NULL REFERENCES reservations(id) ON DELETE CASCADE,
    at             TEXT    NOT NULL,
    actor          TEXT    NOT NULL CHECK (actor IN ('guest', 'staff', 'system')),
    action         TEXT    NOT NULL,
    details        TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX reservation_events_reservation ON reservation_events(reservation_id, id);

-- E-mails to send, written in the same transaction as the change they
-- announce; a background worker sends them.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    locked_until    TEXT,
    sent_at         TEXT,
    last_error      TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, next_attempt_at);
