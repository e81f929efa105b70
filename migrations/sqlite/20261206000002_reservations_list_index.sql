-- The staff's reservations list reads a page in (start, id) order from
-- this index, seeking to its cursor, and its totals (bookings and covers
-- matching the dates, statuses, sources and party sizes) from the index
-- alone; "newest bookings first" walks the bookings by creation.
CREATE INDEX reservations_list ON reservations(restaurant_id, starts_at, id, status, source, party_size);
CREATE INDEX reservations_created ON reservations(restaurant_id, created_at, id);
