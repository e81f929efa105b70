-- The staff list's search (name, e-mail, reference, phone digits) without
-- reading every booking of the range: a full-text table with the trigram
-- tokenizer (any substring of three characters or more, every letter's
-- case folded), kept by triggers whatever writes the booking. Its rowid is
-- the booking's id. Phone numbers are indexed without their spaces, dashes
-- and dots, as the search compares them.
CREATE VIRTUAL TABLE reservations_search USING fts5(text, tokenize = 'trigram');

INSERT INTO reservations_search (rowid, text)
SELECT id, guest_name || ' ' || guest_email_key || ' ' || reference || ' '
           || REPLACE(REPLACE(REPLACE(guest_phone, ' ', ''), '-', ''), '.', '')
FROM reservations;

CREATE TRIGGER reservations_search_insert AFTER INSERT ON reservations
BEGIN
    INSERT INTO reservations_search (rowid, text)
    VALUES (new.id, new.guest_name || ' ' || new.guest_email_key || ' ' || new.reference || ' '
                    || REPLACE(REPLACE(REPLACE(new.guest_phone, ' ', ''), '-', ''), '.', ''));
END;

CREATE TRIGGER reservations_search_update
AFTER UPDATE OF guest_name, guest_email_key, reference, guest_phone ON reservations
BEGIN
    UPDATE reservations_search
    SET text = new.guest_name || ' ' || new.guest_email_key || ' ' || new.reference || ' '
               || REPLACE(REPLACE(REPLACE(new.guest_phone, ' ', ''), '-', ''), '.', '')
    WHERE rowid = new.id;
END;

CREATE TRIGGER reservations_search_delete AFTER DELETE ON reservations
BEGIN
    DELETE FROM reservations_search WHERE rowid = old.id;
END;
