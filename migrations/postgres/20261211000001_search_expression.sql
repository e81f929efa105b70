-- The search's text was a stored column: it widened every booking's row
-- (the list's other reads fetch fewer rows per page of the heap, and the
-- planner, weighing that, sorted a year of bookings to show the newest
-- first instead of walking the creation index). The trigram index is now
-- over the same expression, which the list's search repeats word for word.
DROP INDEX reservations_search;
ALTER TABLE reservations DROP COLUMN search_text;
CREATE INDEX reservations_search ON reservations USING gin ((
    LOWER(guest_name || ' ' || guest_email_key || ' ' || reference || ' '
          || REPLACE(REPLACE(REPLACE(guest_phone, ' ', ''), '-', ''), '.', ''))
) gin_trgm_ops);
