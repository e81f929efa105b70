-- A restaurant names its services after more than lunch and dinner:
-- breakfast, brunch, afternoon and late night too. SQLite cannot change a
-- CHECK constraint: the table is written anew (nothing refers to it), with
-- its setup-version triggers.
CREATE TABLE service_periods_new (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    kind          TEXT    NOT NULL CHECK (kind IN ('breakfast', 'brunch', 'lunch', 'afternoon',
                      'dinner', 'late_night')),
    opens_minute  INTEGER NOT NULL CHECK (opens_minute BETWEEN 0 AND 1440),
    closes_minute INTEGER NOT NULL CHECK (closes_minute BETWEEN 0 AND 1440),
    last_seating_minute INTEGER
        CHECK (last_seating_minute IS NULL OR last_seating_minute BETWEEN 0 AND 1440),
    slot_interval_minutes INTEGER NOT NULL DEFAULT 15
        CHECK (slot_interval_minutes BETWEEN 1 AND 1440),
    max_covers_per_slot INTEGER
        CHECK (max_covers_per_slot IS NULL OR max_covers_per_slot >= 1),
    CHECK (closes_minute > opens_minute),
    UNIQUE (restaurant_id, weekday, kind)
);
INSERT INTO service_periods_new (id, restaurant_id, weekday, kind, opens_minute, closes_minute,
        last_seating_minute, slot_interval_minutes, max_covers_per_slot)
    SELECT id, restaurant_id, weekday, kind, opens_minute, closes_minute,
        last_seating_minute, slot_interval_minutes, max_covers_per_slot FROM service_periods;
DROP TABLE service_periods;
ALTER TABLE service_periods_new RENAME TO service_periods;
CREATE TRIGGER service_periods_setup_insert AFTER INSERT ON service_periods
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_periods_setup_update AFTER UPDATE ON service_periods
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER service_periods_setup_delete AFTER DELETE ON service_periods
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
UPDATE setup_version SET version = version + 1 WHERE id = 1;
