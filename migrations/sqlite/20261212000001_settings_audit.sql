-- The restaurant's "about" text in each language (its page), and the
-- audit log of settings changes: who (while the account remains), when,
-- what (`subject`, `action`, a `label` in the data's words) and every
-- field changed, before → after (`changes`: a JSON array of
-- {"field", "before", "after"}).
ALTER TABLE restaurants ADD COLUMN about_fr TEXT NOT NULL DEFAULT '';
ALTER TABLE restaurants ADD COLUMN about_en TEXT NOT NULL DEFAULT '';

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    at            TEXT    NOT NULL,
    user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    subject       TEXT    NOT NULL CHECK (subject IN ('restaurant', 'rules', 'hours', 'exception')),
    action        TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    label         TEXT    NOT NULL DEFAULT '',
    changes       TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_log_restaurant ON audit_log(restaurant_id, id);
