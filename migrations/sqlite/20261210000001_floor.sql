-- The room's areas (dining room, terrace, bar...), in the order staff read
-- them, and where each table stands on its area's floor plan: a grid of
-- cells (x, y from the top left), the table's size in cells, its shape and
-- rotation. A table's area was a name on the table; it becomes a row that
-- can exist before its first table and be renamed at once.
CREATE TABLE areas (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    position      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (restaurant_id, name)
);
INSERT INTO areas (restaurant_id, name, position)
SELECT restaurant_id, area, MIN(id) FROM dining_tables GROUP BY restaurant_id, area;

ALTER TABLE dining_tables ADD COLUMN area_id INTEGER REFERENCES areas(id);
UPDATE dining_tables SET area_id = (SELECT a.id FROM areas a
    WHERE a.restaurant_id = dining_tables.restaurant_id AND a.name = dining_tables.area);
ALTER TABLE dining_tables DROP COLUMN area;
CREATE INDEX dining_tables_area ON dining_tables(area_id);

ALTER TABLE dining_tables ADD COLUMN shape TEXT NOT NULL DEFAULT 'square'
    CHECK (shape IN ('round', 'square', 'rectangle'));
ALTER TABLE dining_tables ADD COLUMN x INTEGER NOT NULL DEFAULT 0 CHECK (x BETWEEN 0 AND 99);
ALTER TABLE dining_tables ADD COLUMN y INTEGER NOT NULL DEFAULT 0 CHECK (y BETWEEN 0 AND 99);
ALTER TABLE dining_tables ADD COLUMN width INTEGER NOT NULL DEFAULT 2 CHECK (width BETWEEN 1 AND 12);
ALTER TABLE dining_tables ADD COLUMN height INTEGER NOT NULL DEFAULT 2 CHECK (height BETWEEN 1 AND 12);
ALTER TABLE dining_tables ADD COLUMN rotation INTEGER NOT NULL DEFAULT 0
    CHECK (rotation IN (0, 45, 90, 135));
-- Existing tables in rows of six per area, three cells apart.
UPDATE dining_tables SET
    x = ((SELECT COUNT(*) FROM dining_tables t
          WHERE t.area_id = dining_tables.area_id AND t.id < dining_tables.id) % 6) * 3,
    y = ((SELECT COUNT(*) FROM dining_tables t
          WHERE t.area_id = dining_tables.area_id AND t.id < dining_tables.id) / 6) * 3;

-- The booking setup reloads with its areas; staff screens hear of table
-- changes (the timeline's rows).
CREATE TRIGGER areas_setup_insert AFTER INSERT ON areas
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER areas_setup_update AFTER UPDATE ON areas
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER areas_setup_delete AFTER DELETE ON areas
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER areas_live AFTER UPDATE ON areas
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER dining_tables_live_insert AFTER INSERT ON dining_tables
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER dining_tables_live_update AFTER UPDATE ON dining_tables
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER dining_tables_live_delete AFTER DELETE ON dining_tables
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
