-- Foundation schema (SQLite). Instants are stored as UTC; times of day as
-- minutes since midnight in the restaurant's own time zone.

CREATE TABLE restaurants (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,
    name         TEXT    NOT NULL,
    tagline_fr   TEXT    NOT NULL DEFAULT '',
    tagline_en   TEXT    NOT NULL DEFAULT '',
    street       TEXT    NOT NULL,
    postal_code  TEXT    NOT NULL,
    city         TEXT    NOT NULL,
    country      TEXT    NOT NULL,
    phone        TEXT    NOT NULL,
    email        TEXT    NOT NULL,
    time_zone    TEXT    NOT NULL,
    created_at   TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE service_periods (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    kind          TEXT    NOT NULL CHECK (kind IN ('lunch', 'dinner')),
    opens_minute  INTEGER NOT NULL CHECK (opens_minute BETWEEN 0 AND 1440),
    closes_minute INTEGER NOT NULL CHECK (closes_minute BETWEEN 0 AND 1440),
    CHECK (closes_minute > opens_minute),
    UNIQUE (restaurant_id, weekday, kind)
);

CREATE TABLE dining_tables (
    id              INTEGER PRIMARY KEY,
    restaurant_id   INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    area            TEXT    NOT NULL,
    min_seats       INTEGER NOT NULL CHECK (min_seats >= 1),
    max_seats       INTEGER NOT NULL,
    bookable_online INTEGER NOT NULL DEFAULT 1 CHECK (bookable_online IN (0, 1)),
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    CHECK (max_seats >= min_seats),
    UNIQUE (restaurant_id, name)
);

CREATE TABLE menu_categories (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name_fr       TEXT    NOT NULL,
    name_en       TEXT    NOT NULL
);

CREATE TABLE menu_items (
    id             INTEGER PRIMARY KEY,
    category_id    INTEGER NOT NULL REFERENCES menu_categories(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name_fr        TEXT    NOT NULL,
    name_en        TEXT    NOT NULL,
    description_fr TEXT    NOT NULL DEFAULT '',
    description_en TEXT    NOT NULL DEFAULT '',
    price_cents    INTEGER NOT NULL CHECK (price_cents >= 0)
);

CREATE INDEX menu_items_category ON menu_items(category_id, position);
