-- A restaurant may ask large parties to confirm their booking from an
-- e-mailed link: from `confirm_email_from_party` guests up (NULL: never),
-- the booking is 'pending_confirmation' and holds its table for
-- `confirm_hold_minutes`, then is released if nobody confirmed it.
ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations ADD CONSTRAINT reservations_status_check CHECK (status IN
    ('pending_payment', 'pending_confirmation', 'confirmed', 'seated', 'completed',
     'cancelled', 'no_show'));
CREATE INDEX reservations_pending ON reservations(status) WHERE status = 'pending_confirmation';

ALTER TABLE booking_settings ADD COLUMN confirm_email_from_party BIGINT
    CHECK (confirm_email_from_party IS NULL OR confirm_email_from_party >= 1);
ALTER TABLE booking_settings ADD COLUMN confirm_hold_minutes BIGINT NOT NULL DEFAULT 30
    CHECK (confirm_hold_minutes BETWEEN 5 AND 1440);
