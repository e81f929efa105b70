-- A reservation lasts at most 1,440 minutes (the rules' longest turn time):
-- the query of the holds overlapping a window relies on it to scan only the
-- reservations starting within a day before the window (see MAX_SPAN).
ALTER TABLE reservations
    ADD CONSTRAINT reservations_span CHECK (ends_at - starts_at <= INTERVAL '1440 minutes');
