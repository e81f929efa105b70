-- When someone registers with an address that has an account, the owner is
-- told by e-mail (and the answer is the same as for a new address); this
-- remembers when, so that the owner gets at most one such notice a day.
ALTER TABLE users ADD COLUMN registration_notice_at TEXT;
