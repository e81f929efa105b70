//! Session storage: the app's own database by default, Redis when
//! `REDIS_URL` is set (so several server processes share sessions).

use async_trait::async_trait;
use backend::Store;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_redis_store::fred::prelude::Pool as RedisPool;
use tower_sessions_redis_store::RedisStore;
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Debug, Clone)]
pub enum Sessions {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
    Redis(RedisStore<RedisPool>),
}

impl Sessions {
    /// Picks the store and prepares it (creates the session table).
    pub async fn new(store: &Store, redis: Option<RedisPool>) -> Result<Self, sqlx::Error> {
        if let Some(pool) = redis {
            return Ok(Sessions::Redis(RedisStore::new(pool)));
        }
        Ok(match store {
            Store::Sqlite(pool) => {
                let s = SqliteStore::new(pool.clone());
                s.migrate().await?;
                Sessions::Sqlite(s)
            }
            Store::Postgres(pool) => {
                let s = PostgresStore::new(pool.clone());
                s.migrate().await?;
                Sessions::Postgres(s)
            }
        })
    }

    /// Deletes expired sessions every hour (Redis expires its own keys).
    pub fn spawn_cleanup(&self) {
        match self.clone() {
            Sessions::Sqlite(s) => drop(tokio::spawn(s.continuously_delete_expired(HOUR))),
            Sessions::Postgres(s) => drop(tokio::spawn(s.continuously_delete_expired(HOUR))),
            Sessions::Redis(_) => {}
        }
    }
}

const HOUR: tokio::time::Duration = tokio::time::Duration::from_secs(3600);

macro_rules! delegate {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            Sessions::Sqlite($s) => $e,
            Sessions::Postgres($s) => $e,
            Sessions::Redis($s) => $e,
        }
    };
}

#[async_trait]
impl SessionStore for Sessions {
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
