-- Proofs that a guest reads an address, asked by e-mail before something
-- takes effect: a new e-mail for a booking ('change_email') and, for the
-- party sizes the restaurant chooses, the booking itself
-- ('confirm_booking'). The mail worker mints the link's token when it sends
-- the message and stores only its hash here; a proof is used once, before
-- it expires. Rows also count the requests per booking and per address.
CREATE TABLE email_proofs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    reservation_id INTEGER NOT NULL REFERENCES reservations(id) ON DELETE CASCADE,
    purpose        TEXT    NOT NULL CHECK (purpose IN ('change_email', 'confirm_booking')),
    email          TEXT    NOT NULL,
    email_key      TEXT    NOT NULL,
    token_hash     TEXT    UNIQUE,
    created_at     TEXT    NOT NULL,
    expires_at     TEXT    NOT NULL,
    used_at        TEXT
);
CREATE INDEX email_proofs_reservation ON email_proofs(reservation_id, created_at);
CREATE INDEX email_proofs_email ON email_proofs(email_key, created_at);
