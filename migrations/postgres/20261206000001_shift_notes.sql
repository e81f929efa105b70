-- The shift note: what staff write for a day's service (who is off, the
-- private party at nine, the fish that did not come). One per restaurant
-- and day; the staff member who wrote it last, if their account remains.
CREATE TABLE shift_notes (
    restaurant_id BIGINT      NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    day           DATE        NOT NULL,
    body          TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    updated_by    BIGINT      REFERENCES users(id) ON DELETE SET NULL,
    PRIMARY KEY (restaurant_id, day)
);
