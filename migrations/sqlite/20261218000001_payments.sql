-- Payments (Stripe): the restaurant's policy, each booking's payment, the
-- refunds and fees sent to Stripe, and the webhook events already applied.
-- Amounts are minor units (cents) of the restaurant's currency.

-- What a booking is asked to pay: nothing, a deposit, or a card saved as a
-- guarantee; for which parties, days (ISO names, comma-separated; none: every
-- day) and services (none: every service); how long an unpaid booking holds
-- its table; the refund terms.
CREATE TABLE payment_policies (
    restaurant_id  INTEGER PRIMARY KEY REFERENCES restaurants(id) ON DELETE CASCADE,
    mode           TEXT    NOT NULL DEFAULT 'off' CHECK (mode IN ('off', 'deposit', 'guarantee')),
    deposit_per_guest_cents     INTEGER NOT NULL DEFAULT 0 CHECK (deposit_per_guest_cents >= 0),
    no_show_fee_per_guest_cents INTEGER NOT NULL DEFAULT 0 CHECK (no_show_fee_per_guest_cents >= 0),
    from_party     INTEGER NOT NULL DEFAULT 1 CHECK (from_party >= 1),
    weekdays       TEXT    NOT NULL DEFAULT '',
    services       TEXT    NOT NULL DEFAULT '',
    hold_minutes   INTEGER NOT NULL DEFAULT 10 CHECK (hold_minutes BETWEEN 1 AND 60),
    refund_cutoff_minutes INTEGER NOT NULL DEFAULT 1440 CHECK (refund_cutoff_minutes >= 0),
    late_refund_percent   INTEGER NOT NULL DEFAULT 0 CHECK (late_refund_percent BETWEEN 0 AND 100)
);
-- The deposit the booking rules held until now becomes the policy.
INSERT INTO payment_policies (restaurant_id, mode, deposit_per_guest_cents, from_party)
    SELECT restaurant_id, 'deposit', deposit_per_guest_cents, COALESCE(deposit_from_party, 1)
    FROM booking_settings WHERE deposit_per_guest_cents IS NOT NULL;
ALTER TABLE booking_settings DROP COLUMN deposit_per_guest_cents;
ALTER TABLE booking_settings DROP COLUMN deposit_from_party;
CREATE TRIGGER payment_policies_setup_insert AFTER INSERT ON payment_policies
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER payment_policies_setup_update AFTER UPDATE ON payment_policies
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER payment_policies_setup_delete AFTER DELETE ON payment_policies
BEGIN UPDATE setup_version SET version = version + 1 WHERE id = 1; END;

-- One booking's payment. `pending` holds the table until `hold_until`;
-- the refund terms are those the guest agreed to when paying.
CREATE TABLE payments (
    id             INTEGER PRIMARY KEY,
    reservation_id INTEGER NOT NULL UNIQUE REFERENCES reservations(id) ON DELETE CASCADE,
    restaurant_id  INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('deposit', 'guarantee')),
    status         TEXT    NOT NULL CHECK (status IN
        ('pending', 'paid', 'card_saved', 'expired', 'refunded', 'fee_charged')),
    amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
    currency       TEXT    NOT NULL,
    refund_cutoff_minutes INTEGER NOT NULL CHECK (refund_cutoff_minutes >= 0),
    late_refund_percent   INTEGER NOT NULL CHECK (late_refund_percent BETWEEN 0 AND 100),
    hold_until     TEXT    NOT NULL,
    checkout_session_id TEXT UNIQUE,
    checkout_url   TEXT,
    payment_intent_id TEXT UNIQUE,
    customer_id    TEXT,
    payment_method_id TEXT,
    paid_cents     INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
    refunded_cents INTEGER NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
    fee_charged_cents INTEGER NOT NULL DEFAULT 0 CHECK (fee_charged_cents >= 0),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    CHECK (refunded_cents <= paid_cents)
);
CREATE INDEX payments_pending ON payments(status, hold_until);
CREATE INDEX payments_restaurant ON payments(restaurant_id, created_at);

-- A refund or a no-show fee sent to Stripe, under its own idempotency key
-- (a second request with the same key is the same operation).
CREATE TABLE payment_operations (
    id             INTEGER PRIMARY KEY,
    payment_id     INTEGER NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('refund', 'fee')),
    amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0),
    reason         TEXT    NOT NULL DEFAULT '',
    idempotency_key TEXT   NOT NULL UNIQUE,
    stripe_id      TEXT,
    status         TEXT    NOT NULL CHECK (status IN ('requested', 'succeeded', 'failed')),
    user_id        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at     TEXT    NOT NULL
);
CREATE INDEX payment_operations_payment ON payment_operations(payment_id);

-- Stripe's webhook events already applied: each is applied once.
CREATE TABLE stripe_events (
    id          TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    received_at TEXT NOT NULL
);

-- Changes of the payment policy are in the audit log.
CREATE TABLE audit_log_new (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    at            TEXT    NOT NULL,
    user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    subject       TEXT    NOT NULL CHECK (subject IN ('restaurant', 'rules', 'hours', 'exception',
                      'gallery', 'area', 'table', 'combination', 'block', 'menu_category', 'menu_item',
                      'payments')),
    action        TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    label         TEXT    NOT NULL DEFAULT '',
    changes       TEXT    NOT NULL DEFAULT '[]'
);
INSERT INTO audit_log_new (id, restaurant_id, at, user_id, subject, action, label, changes)
    SELECT id, restaurant_id, at, user_id, subject, action, label, changes FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_restaurant ON audit_log(restaurant_id, id);
