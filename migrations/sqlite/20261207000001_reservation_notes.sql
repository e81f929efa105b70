-- Internal notes: what staff write about one booking (never shown to the
-- guest), with who wrote them, if their account remains.
CREATE TABLE reservation_notes (
    id             INTEGER PRIMARY KEY,
    reservation_id INTEGER NOT NULL REFERENCES reservations(id) ON DELETE CASCADE,
    at             TEXT    NOT NULL,
    user_id        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    body           TEXT    NOT NULL
);
CREATE INDEX reservation_notes_reservation ON reservation_notes(reservation_id, id);
