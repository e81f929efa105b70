-- The team screen (/admin/team). A member an admin deactivates keeps the
-- account and the role to come back with, but acts as a diner until
-- reactivated (`deactivated_at`); the deactivation also moves the session
-- epoch on, which signs every session out. `last_sign_in_at` is when the
-- account last signed in with its password (or accepted its invitation).
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
ALTER TABLE users ADD COLUMN last_sign_in_at TEXT;

-- The team (and the count of the admins left) without reading every
-- diner's account.
CREATE INDEX users_team ON users (role) WHERE role IN ('staff', 'admin');
