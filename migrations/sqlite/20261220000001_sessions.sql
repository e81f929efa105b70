-- The web sessions' table (tower-sessions' SQLite store), made here with
-- the rest of the schema rather than by the store when the server starts:
-- a table created after the pool has opened connections changes the
-- schema under them, and a connection that has to read the new schema while
-- another writes could fail a statement with "no such table" (seen right
-- after start, under load).
CREATE TABLE IF NOT EXISTS tower_sessions
(
    id text primary key not null,
    data blob not null,
    expiry_date integer not null
);
