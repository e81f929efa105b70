//! Web sessions kept in the app's own database (tower-sessions' SQL stores
//! on the store's pool), for when no Redis is configured. The store hides
//! which database it is; this is the session store that fits it.

use super::{Pool, Store};
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

/// The session store on the app's database.
#[derive(Debug, Clone)]
pub enum SqlSessions {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

impl Store {
    /// The session store on this database. Its table comes with the
    /// migrations (`*_sessions.sql`): no schema changes once the pool is
    /// in use.
    pub fn session_store(&self) -> SqlSessions {
        match self.pool() {
            Pool::Sqlite(pool) => SqlSessions::Sqlite(SqliteStore::new(pool.clone())),
            Pool::Postgres(pool) => SqlSessions::Postgres(PostgresStore::new(pool.clone())),
        }
    }
}

impl SqlSessions {
    /// Deletes expired sessions every `period`, in the background.
    pub fn spawn_cleanup(&self, period: std::time::Duration) {
        match self.clone() {
            SqlSessions::Sqlite(s) => drop(tokio::spawn(s.continuously_delete_expired(period))),
            SqlSessions::Postgres(s) => drop(tokio::spawn(s.continuously_delete_expired(period))),
        }
    }
}

macro_rules! delegate {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            SqlSessions::Sqlite($s) => $e,
            SqlSessions::Postgres($s) => $e,
        }
    };
}

#[async_trait]
impl SessionStore for SqlSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        delegate!(self, s => s.create(record).await)
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        delegate!(self, s => s.save(record).await)
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        delegate!(self, s => s.load(id).await)
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        delegate!(self, s => s.delete(id).await)
    }
}
