-- The host stand: a guest who has arrived but is not seated yet
-- ('arrived'), where a booking came from (online, phone, walk-in), when its
-- guests sat down, and which
-- staff member wrote each line of a reservation's history.
ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations ADD CONSTRAINT reservations_status_check CHECK (status IN
    ('pending_payment', 'pending_confirmation', 'confirmed', 'arrived', 'seated',
     'completed', 'cancelled', 'no_show'));
ALTER TABLE reservations ADD COLUMN source TEXT NOT NULL DEFAULT 'online'
    CHECK (source IN ('online', 'phone', 'walk_in'));
-- When the guests last sat down (the host's elapsed time at the table).
ALTER TABLE reservations ADD COLUMN seated_at TIMESTAMPTZ;

-- The staff member who wrote a history line (NULL: the guest or the system,
-- or an account deleted since).
ALTER TABLE reservation_events ADD COLUMN user_id BIGINT REFERENCES users(id) ON DELETE SET NULL;
