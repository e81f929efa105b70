-- A per-account session epoch: a session is valid only while the epoch it
-- was opened with is the account's. New accounts start at a random value
-- (so an id that SQLite hands out again after a deletion never matches a
-- session of the deleted account); changing the password, verifying the
-- e-mail address or being made admin from the command line moves it on,
-- which signs every other session of the account out.
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;
