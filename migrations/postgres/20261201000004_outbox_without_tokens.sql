-- The outbox no longer holds tokens: the mail worker mints each link's token
-- as it sends the message and keeps only its hash. Messages written before
-- (sent, waiting or parked) lose the plain tokens they still carry.
UPDATE outbox SET payload = ((payload::jsonb) - 'manage_token' - 'token')::text
WHERE payload LIKE '{%}';
