-- Accounts: diners, staff and admins, and the single-use links e-mailed to
-- them (e-mail verification, password reset, staff invitation).

CREATE TABLE users (
    id                INTEGER PRIMARY KEY,
    -- As typed; email_key (lower-cased) is what makes an account unique.
    email             TEXT NOT NULL,
    email_key         TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    phone             TEXT NOT NULL DEFAULT '',
    locale            TEXT NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    -- PHC string (argon2id); empty for an invited account not yet accepted.
    password_hash     TEXT NOT NULL,
    role              TEXT NOT NULL DEFAULT 'diner' CHECK (role IN ('diner', 'staff', 'admin')),
    email_verified_at TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

-- Only the SHA-256 of each e-mailed token is kept.
CREATE TABLE user_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'invite')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX user_tokens_user ON user_tokens(user_id, purpose);
