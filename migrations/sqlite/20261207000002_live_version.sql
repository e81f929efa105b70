-- `live_version` moves with every change a staff screen shows (a booking
-- made, moved, changed or cancelled; a booking's note; a day's shift
-- note), whoever writes it, so that open staff screens can be told.
CREATE TABLE live_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO live_version (id, version) VALUES (1, 1);

CREATE TRIGGER reservations_live_insert AFTER INSERT ON reservations
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservations_live_update AFTER UPDATE ON reservations
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservations_live_delete AFTER DELETE ON reservations
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER reservation_notes_live_insert AFTER INSERT ON reservation_notes
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER shift_notes_live_insert AFTER INSERT ON shift_notes
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER shift_notes_live_update AFTER UPDATE ON shift_notes
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER shift_notes_live_delete AFTER DELETE ON shift_notes
BEGIN UPDATE live_version SET version = version + 1 WHERE id = 1; END;
