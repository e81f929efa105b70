-- A block keeps tables from bookings over a span (a private event, a
-- repair, a terrace closed for the rain), with the reason staff gave and
-- who set it, if their account remains. Blocking an area blocks each of
-- its tables: one block, one row per table.
CREATE TABLE table_blocks (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    starts_at     TEXT    NOT NULL,
    ends_at       TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX table_blocks_restaurant_end ON table_blocks(restaurant_id, ends_at);

CREATE TABLE block_tables (
    block_id INTEGER NOT NULL REFERENCES table_blocks(id) ON DELETE CASCADE,
    table_id INTEGER NOT NULL REFERENCES dining_tables(id),
    PRIMARY KEY (block_id, table_id)
);
CREATE INDEX block_tables_table ON block_tables(table_id);

-- The database refuses a booking's hold over a block and a block over a
-- booking's hold (half-open spans, as between bookings). Writers take the
-- database lock first (BEGIN IMMEDIATE), so the checks cannot race.
CREATE TRIGGER reservation_tables_not_blocked_insert
BEFORE INSERT ON reservation_tables
WHEN NEW.active = 1 AND EXISTS (
    SELECT 1 FROM block_tables bt JOIN table_blocks b ON b.id = bt.block_id
    WHERE bt.table_id = NEW.table_id
      AND b.starts_at < NEW.ends_at AND NEW.starts_at < b.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'table blocked for an overlapping time');
END;

CREATE TRIGGER reservation_tables_not_blocked_update
BEFORE UPDATE ON reservation_tables
WHEN NEW.active = 1 AND EXISTS (
    SELECT 1 FROM block_tables bt JOIN table_blocks b ON b.id = bt.block_id
    WHERE bt.table_id = NEW.table_id
      AND b.starts_at < NEW.ends_at AND NEW.starts_at < b.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'table blocked for an overlapping time');
END;

CREATE TRIGGER block_tables_not_booked
BEFORE INSERT ON block_tables
WHEN EXISTS (
    SELECT 1 FROM reservation_tables rt JOIN table_blocks b ON b.id = NEW.block_id
    WHERE rt.table_id = NEW.table_id AND rt.active = 1
      AND rt.starts_at < b.ends_at AND b.starts_at < rt.ends_at)
BEGIN
    SELECT RAISE(ABORT, 'table booked for an overlapping time');
END;

-- A block's tables and span are set once: it is removed and set again.
CREATE TRIGGER block_tables_fixed BEFORE UPDATE ON block_tables
BEGIN
    SELECT RAISE(ABORT, 'a block does not change');
END;
CREATE TRIGGER table_blocks_span_fixed BEFORE UPDATE OF starts_at, ends_at ON table_blocks
BEGIN
    SELECT RAISE(ABORT, 'a block does not change');
END;

-- Availability and open staff screens hear of blocks as of bookings.
CREATE TRIGGER block_tables_holds_insert AFTER INSERT ON block_tables
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER block_tables_holds_delete AFTER DELETE ON block_tables
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER table_blocks_holds_delete AFTER DELETE ON table_blocks
BEGIN UPDATE holds_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER table_blocks_live_insert AFTER INSERT ON table_blocks
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER table_blocks_live_delete AFTER DELETE ON table_blocks
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
