-- The menu as admins keep it: each dish's EU allergens and dietary tags
-- (bit sets, in the order of `domain::Allergen` and `domain::Diet`), the
-- local date the kitchen ran out of it (`YYYY-MM-DD`: back the day after),
-- and its photos. A photo's files live in the media storage under
-- `storage_key` + `-{width}.webp|.jpg`, one pair per width in `widths`
-- (ascending, comma-separated); the row is written only once every file is.
ALTER TABLE menu_items ADD COLUMN allergens INTEGER NOT NULL DEFAULT 0
    CHECK (allergens BETWEEN 0 AND 16383);
ALTER TABLE menu_items ADD COLUMN diets INTEGER NOT NULL DEFAULT 0
    CHECK (diets BETWEEN 0 AND 63);
ALTER TABLE menu_items ADD COLUMN sold_out_on TEXT;

CREATE TABLE menu_photos (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES menu_items(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    storage_key TEXT    NOT NULL UNIQUE,
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    widths      TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX menu_photos_item ON menu_photos(item_id, position);

CREATE TRIGGER menu_photos_setup_insert AFTER INSERT ON menu_photos
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER menu_photos_setup_update AFTER UPDATE ON menu_photos
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER menu_photos_setup_delete AFTER DELETE ON menu_photos
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
