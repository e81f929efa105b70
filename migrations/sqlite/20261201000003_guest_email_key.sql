-- The guest's e-mail as one key (trimmed, lower-cased by the server's one
-- case-folding rule, `store::email_key`), indexed: lookups by e-mail no
-- longer scan with LOWER(guest_email), whose folding differs between the
-- databases (SQLite folds ASCII only). Existing rows are folded by the
-- database once.
ALTER TABLE reservations ADD COLUMN guest_email_key TEXT NOT NULL DEFAULT '';
UPDATE reservations SET guest_email_key = LOWER(TRIM(guest_email));
CREATE INDEX reservations_guest_email_key ON reservations(guest_email_key);
