//! Session storage: the app's own database by default
//! ([`backend::store::SqlSessions`]), Redis when `REDIS_URL` is set (so
//! several server processes share sessions).

use async_trait::async_trait;
use backend::store::SqlSessions;
use backend::Store;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions_redis_store::fred::prelude::Pool as RedisPool;
use tower_sessions_redis_store::RedisStore;

#[derive(Debug, Clone)]
pub enum Sessions {
    Sql(SqlSessions),
    Redis(RedisStore<RedisPool>),
}

impl Sessions {
    /// Picks the store (the SQL one's table comes with the migrations).
    pub fn new(store: &Store, redis: Option<RedisPool>) -> Self {
        match redis {
            Some(pool) => Sessions::Redis(RedisStore::new(pool)),
            None => Sessions::Sql(store.session_store()),
        }
    }

    /// Deletes expired sessions every hour (Redis expires its own keys).
    pub fn spawn_cleanup(&self) {
        if let Sessions::Sql(s) = self {
            s.spawn_cleanup(HOUR);
        }
    }
}

const HOUR: std::time::Duration = std::time::Duration::from_secs(3600);

macro_rules! delegate {
    ($self:ident, $s:ident => $e:expr) => {
        match $self {
            Sessions::Sql($s) => $e,
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
