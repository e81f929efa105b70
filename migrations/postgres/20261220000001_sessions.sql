-- The web sessions' table (tower-sessions' PostgreSQL store), made here with
-- the rest of the schema rather than by the store when the server starts
-- (as on SQLite, where that matters).
CREATE SCHEMA IF NOT EXISTS tower_sessions;
CREATE TABLE IF NOT EXISTS tower_sessions.session
(
    id text primary key not null,
    data bytea not null,
    expiry_date timestamptz not null
);
