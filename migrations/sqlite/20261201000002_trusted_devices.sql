-- A browser that signed in to an account carries a random device token in a
-- cookie; only its SHA-256 is kept. While failed guesses from elsewhere hold
-- the account's sign-in back, the right password still gets through from a
-- trusted device (which counts its own failures).
CREATE TABLE trusted_devices (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX trusted_devices_user ON trusted_devices(user_id, created_at);
