-- The restaurant's gallery, shown on its page: photos in the order admins
-- set, each with a text alternative in each language (what the photo
-- shows, for those who cannot see it). The files are kept as the menu's
-- photos are: `storage_key` + `-{width}.webp|.jpg` for each width in
-- `widths`; the row is written only once every file is.
CREATE TABLE restaurant_photos (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    storage_key   TEXT    NOT NULL UNIQUE,
    width         INTEGER NOT NULL CHECK (width > 0),
    height        INTEGER NOT NULL CHECK (height > 0),
    widths        TEXT    NOT NULL,
    alt_fr        TEXT    NOT NULL DEFAULT '',
    alt_en        TEXT    NOT NULL DEFAULT '',
    created_at    TEXT    NOT NULL
);
CREATE INDEX restaurant_photos_order ON restaurant_photos(restaurant_id, position);
CREATE TRIGGER restaurant_photos_setup_insert AFTER INSERT ON restaurant_photos
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER restaurant_photos_setup_update AFTER UPDATE ON restaurant_photos
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER restaurant_photos_setup_delete AFTER DELETE ON restaurant_photos
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
