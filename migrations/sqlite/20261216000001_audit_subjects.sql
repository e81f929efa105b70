-- The audit log covers the whole setup: the gallery, the room (areas,
-- tables, combinations, blocks) and the menu (categories, dishes). SQLite
-- cannot change a CHECK constraint: the table is written anew (nothing
-- refers to it).
CREATE TABLE audit_log_new (
    id            INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants(id) ON DELETE CASCADE,
    at            TEXT    NOT NULL,
    user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    subject       TEXT    NOT NULL CHECK (subject IN ('restaurant', 'rules', 'hours', 'exception',
                      'gallery', 'area', 'table', 'combination', 'block', 'menu_category', 'menu_item')),
    action        TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    label         TEXT    NOT NULL DEFAULT '',
    changes       TEXT    NOT NULL DEFAULT '[]'
);
INSERT INTO audit_log_new (id, restaurant_id, at, user_id, subject, action, label, changes)
    SELECT id, restaurant_id, at, user_id, subject, action, label, changes FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_restaurant ON audit_log(restaurant_id, id);
