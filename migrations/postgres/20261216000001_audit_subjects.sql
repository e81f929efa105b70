-- The audit log covers the whole setup: the gallery, the room (areas,
-- tables, combinations, blocks) and the menu (categories, dishes).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_subject_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_subject_check CHECK (subject IN ('restaurant',
    'rules', 'hours', 'exception', 'gallery', 'area', 'table', 'combination', 'block',
    'menu_category', 'menu_item'));
