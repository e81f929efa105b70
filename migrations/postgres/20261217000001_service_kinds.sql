-- A restaurant names its services after more than lunch and dinner:
-- breakfast, brunch, afternoon and late night too.
ALTER TABLE service_periods DROP CONSTRAINT service_periods_kind_check;
ALTER TABLE service_periods ADD CONSTRAINT service_periods_kind_check CHECK (kind IN ('breakfast',
    'brunch', 'lunch', 'afternoon', 'dinner', 'late_night'));
