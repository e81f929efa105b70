-- A reservation lasts at most 1,440 minutes (the rules' longest turn time):
-- the query of the holds overlapping a window relies on it to scan only the
-- reservations starting within a day before the window (see MAX_SPAN).
CREATE TRIGGER reservations_span_insert BEFORE INSERT ON reservations
WHEN (julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400 > 86400.5
BEGIN
    SELECT RAISE(ABORT, 'reservation longer than 1440 minutes');
END;

CREATE TRIGGER reservations_span_update BEFORE UPDATE OF starts_at, ends_at ON reservations
WHEN (julianday(NEW.ends_at) - julianday(NEW.starts_at)) * 86400 > 86400.5
BEGIN
    SELECT RAISE(ABORT, 'reservation longer than 1440 minutes');
END;
