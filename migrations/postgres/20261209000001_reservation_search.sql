-- The staff list's search (name, e-mail, reference, phone digits) without
-- reading every booking of the range: one lower-cased text per booking,
-- kept by the database, and a trigram index that answers `LIKE '%...%'`
-- on it. Phone numbers are held without their spaces, dashes and dots, as
-- the search compares them. pg_trgm ships with PostgreSQL and is a trusted
-- extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE reservations ADD COLUMN search_text TEXT GENERATED ALWAYS AS (
    LOWER(guest_name || ' ' || guest_email_key || ' ' || reference || ' '
          || REPLACE(REPLACE(REPLACE(guest_phone, ' ', ''), '-', ''), '.', ''))
) STORED;

CREATE INDEX reservations_search ON reservations USING gin (search_text gin_trgm_ops);
