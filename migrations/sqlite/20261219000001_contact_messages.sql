-- Messages sent from the contact page, for staff to read and answer. The
-- language is the page's when it was sent; `handled_*` says who dealt with
-- it (their account may be gone).
CREATE TABLE contact_messages (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    name          TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    message       TEXT    NOT NULL,
    language      TEXT    NOT NULL CHECK (language IN ('fr', 'en')),
    received_at   TEXT    NOT NULL,
    handled_at    TEXT,
    handled_by    INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX contact_messages_received ON contact_messages(restaurant_id, received_at);
