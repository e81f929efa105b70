-- Guest profiles: one per e-mail address (its key), or per phone number for
-- guests known by phone alone, built from their bookings. Staff keep tags
-- (vip, regular, allergy, ...) and notes on them; every booking points at
-- its guest's profile (none for a walk-in without any contact).
CREATE TABLE guests (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL DEFAULT '',
    email_key     TEXT    NOT NULL DEFAULT '',
    phone         TEXT    NOT NULL DEFAULT '',
    -- Comma-separated, lower-case, each at most once.
    tags          TEXT    NOT NULL DEFAULT '',
    notes         TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL,
    -- The last booking (or edit) that touched the profile.
    updated_at    TEXT    NOT NULL
);
CREATE UNIQUE INDEX guests_email ON guests(restaurant_id, email_key) WHERE email_key <> '';
CREATE INDEX guests_phone ON guests(restaurant_id, phone) WHERE phone <> '';
CREATE INDEX guests_name ON guests(restaurant_id, name, id);

ALTER TABLE reservations ADD COLUMN guest_id INTEGER REFERENCES guests(id) ON DELETE SET NULL;
CREATE INDEX reservations_guest ON reservations(guest_id, status);

-- The profiles of the bookings made so far: by address, then by phone for
-- bookings without one (unless a profile already has that phone); each
-- takes its newest booking's name and contact. Lookups repeat the partial
-- indexes' `<> ''` so that they can use them.
INSERT INTO guests (restaurant_id, name, email, email_key, phone, created_at, updated_at)
SELECT restaurant_id, guest_name, guest_email, guest_email_key, guest_phone, first_at, created_at
FROM (SELECT r.*,
             ROW_NUMBER() OVER (PARTITION BY restaurant_id, guest_email_key
                                ORDER BY created_at DESC, id DESC) AS n,
             MIN(created_at) OVER (PARTITION BY restaurant_id, guest_email_key) AS first_at
      FROM reservations r WHERE guest_email_key <> '') AS newest
WHERE n = 1;
INSERT INTO guests (restaurant_id, name, phone, created_at, updated_at)
SELECT restaurant_id, guest_name, guest_phone, first_at, created_at
FROM (SELECT r.*,
             ROW_NUMBER() OVER (PARTITION BY restaurant_id, guest_phone
                                ORDER BY created_at DESC, id DESC) AS n,
             MIN(created_at) OVER (PARTITION BY restaurant_id, guest_phone) AS first_at
      FROM reservations r
      WHERE guest_email_key = '' AND guest_phone <> ''
        AND NOT EXISTS (SELECT 1 FROM guests g
                        WHERE g.restaurant_id = r.restaurant_id AND g.phone = r.guest_phone
                          AND g.phone <> '')) AS newest
WHERE n = 1;
UPDATE reservations SET guest_id = (SELECT g.id FROM guests g
    WHERE g.restaurant_id = reservations.restaurant_id AND g.email_key = reservations.guest_email_key
      AND g.email_key <> '')
WHERE guest_email_key <> '';
UPDATE reservations SET guest_id = (SELECT g.id FROM guests g
    WHERE g.restaurant_id = reservations.restaurant_id AND g.phone = reservations.guest_phone
      AND g.phone <> '' ORDER BY g.updated_at DESC, g.id DESC LIMIT 1)
WHERE guest_email_key = '' AND guest_phone <> '';

CREATE TRIGGER guests_live_update AFTER UPDATE ON guests
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
