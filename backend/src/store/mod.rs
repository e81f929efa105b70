//! One store interface over SQLite and PostgreSQL.
//!
//! Queries are written once in portable SQL (`$1` placeholders work on both
//! drivers) and run on whichever pool is configured through [`on_pool!`];
//! only what really differs (migrations, locking) is written per backend.

// SQL fragments written by several transactions are macros (so each
// statement exists once, and runs on the transaction of either backend).

/// Queues an e-mail in the outbox, in the caller's transaction `$tx`.
macro_rules! queue_mail {
    ($tx:expr, $kind:expr, $payload:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO outbox (kind, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $3)",
        )
        .bind($kind)
        .bind($payload)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}

/// Adds a line to a reservation's history, in the caller's transaction;
/// `$actor` is an [`Actor`](booking::Actor).
macro_rules! record_event {
    ($tx:expr, $reservation_id:expr, $now:expr, $actor:expr, $action:expr, $details:expr) => {{
        let actor: $crate::store::Actor = $actor;
        sqlx::query(
            "INSERT INTO reservation_events (reservation_id, at, actor, action, details, user_id) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind($reservation_id)
        .bind($now)
        .bind(actor.as_str())
        .bind($action)
        .bind($details)
        .bind(actor.user_id())
        .execute(&mut *$tx)
        .await?
    }};
}

/// Writes the holds of a reservation on its tables over `start..end`, in
/// the caller's transaction (the database refuses overlapping active holds).
macro_rules! hold_tables {
    ($tx:expr, $reservation_id:expr, $table_ids:expr, $start:expr, $end:expr, $active:expr) => {
        for table_id in $table_ids {
            sqlx::query(
                "INSERT INTO reservation_tables (reservation_id, table_id, starts_at, ends_at, active) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind($reservation_id)
            .bind(table_id)
            .bind($start)
            .bind($end)
            .bind($active)
            .execute(&mut *$tx)
            .await?;
        }
    };
}

/// Points reservation `$reservation_id` at its guest's profile, in the
/// caller's booking transaction (one writer per restaurant, so two
/// bookings cannot create one guest twice): the profile of its e-mail
/// address; without a profile for the address, one known by the phone
/// alone takes the address; without an address, the newest profile with
/// the phone. A new profile otherwise; none for a booking without either.
/// The profile takes the booking's name and contact (the newest are kept).
/// (The lookups repeat their partial index's condition, `<> ''`: without
/// it neither database may use the index for a bound value, and each
/// booking would read every profile.)
macro_rules! link_guest {
    ($tx:expr, $reservation_id:expr, $now:expr) => {{
        let (restaurant_id, name, email, key, phone): (i64, String, String, String, String) =
            sqlx::query_as(
                "SELECT restaurant_id, guest_name, guest_email, guest_email_key, guest_phone \
                 FROM reservations WHERE id = $1",
            )
            .bind($reservation_id)
            .fetch_one(&mut *$tx)
            .await?;
        let by_phone = |only_without_email: bool| {
            sqlx::query_scalar::<_, i64>(if only_without_email {
                "SELECT id FROM guests WHERE restaurant_id = $1 AND phone = $2 AND phone <> '' \
                 AND email_key = '' ORDER BY updated_at DESC, id DESC LIMIT 1"
            } else {
                "SELECT id FROM guests WHERE restaurant_id = $1 AND phone = $2 AND phone <> '' \
                 ORDER BY updated_at DESC, id DESC LIMIT 1"
            })
            .bind(restaurant_id)
            .bind(phone.clone())
        };
        let found: Option<i64> = if !key.is_empty() {
            let by_email: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM guests WHERE restaurant_id = $1 AND email_key = $2 \
                 AND email_key <> ''",
            )
            .bind(restaurant_id)
            .bind(&key)
            .fetch_optional(&mut *$tx)
            .await?;
            match by_email {
                Some(id) => Some(id),
                None if !phone.is_empty() => by_phone(true).fetch_optional(&mut *$tx).await?,
                None => None,
            }
        } else if !phone.is_empty() {
            by_phone(false).fetch_optional(&mut *$tx).await?
        } else {
            None
        };
        let guest_id: Option<i64> = match found {
            Some(id) => {
                sqlx::query(
                    "UPDATE guests SET name = CASE WHEN $2 <> '' THEN $2 ELSE name END, \
                     email = CASE WHEN $4 <> '' THEN $3 ELSE email END, \
                     email_key = CASE WHEN $4 <> '' THEN $4 ELSE email_key END, \
                     phone = CASE WHEN $5 <> '' THEN $5 ELSE phone END, updated_at = $6 \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(&name)
                .bind(&email)
                .bind(&key)
                .bind(&phone)
                .bind($now)
                .execute(&mut *$tx)
                .await?;
                Some(id)
            }
            None if !key.is_empty() || !phone.is_empty() => Some(
                sqlx::query_scalar(
                    "INSERT INTO guests (restaurant_id, name, email, email_key, phone, \
                     created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
                )
                .bind(restaurant_id)
                .bind(&name)
                .bind(&email)
                .bind(&key)
                .bind(&phone)
                .bind($now)
                .fetch_one(&mut *$tx)
                .await?,
            ),
            None => None,
        };
        sqlx::query("UPDATE reservations SET guest_id = $2 WHERE id = $1")
            .bind($reservation_id)
            .bind(guest_id)
            .execute(&mut *$tx)
            .await?;
    }};
}

mod accounts;
mod booking;
mod contact;
mod guests;
mod live;
mod restaurant;
mod sessions;
mod shift_notes;
mod snapshot;
mod team;

use crate::error::{ConfigError, StoreError};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

pub use accounts::{email_key, TokenPurpose, UserRow};
pub use booking::{
    db_time, Actor, BookingSetup, Change, EmailConfirmation, EventRow, ImportedReservation,
    NewReservation, OutboxRow, ProofPurpose, Proved, ReservationChange, ReservationRow,
    ReservationWithTables, TableLabel, MAX_SPAN,
};
pub use booking::{period_hours, HoursClash, UpcomingBooking};
pub use booking::{AreaRow, Author, CombinationMemberRow, FloorTableRow, InUse, TableBookingRow};
pub use booking::{
    Begun, NewOperation, NewPayment, OperationKind, OperationRow, OverdueHold, PaymentRow, Settled,
    Settlement,
};
pub use booking::{BlockRow, BlockingBooking, NewBlock};
pub use booking::{ListQuery, ListTotals, NoteRow, Span};
pub use booking::{MenuRefusal, StoredPhoto, MEDIA_PATH};
pub use booking::{MoneyMove, MoneyMoved, PaymentListQuery, PaymentListRow};
pub use contact::{ContactFilter, ContactRow};
pub use guests::{GuestRow, GuestVisitRow};
pub use restaurant::RestaurantRow;
pub use sessions::SqlSessions;
pub use shift_notes::ShiftNoteRow;
pub use snapshot::{DayKey, Setup, Versions};
pub use team::{MemberChange, TeamRow, LAST_ADMIN};

/// Runs the same expression against whichever pool the store holds; the
/// expression is type-checked once per backend.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store.pool() {
            $crate::store::Pool::Sqlite($pool) => $body,
            $crate::store::Pool::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/techplus.db";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A validated `DATABASE_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file (created if missing).
    Sqlite(PathBuf),
    /// A PostgreSQL database (created if missing).
    Postgres(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, ConfigError> {
        let malformed = || ConfigError::MalformedDatabaseUrl(redact(raw));
        let raw = raw.trim();
        if let Some(rest) = raw.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() || path.starts_with(':') {
                return Err(malformed());
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            let url = url::Url::parse(raw).map_err(|_| malformed())?;
            let has_host = url.host_str().is_some_and(|h| !h.is_empty());
            let db = url.path().trim_start_matches('/');
            if !has_host || db.is_empty() || db.contains('/') {
                return Err(malformed());
            }
            PgConnectOptions::from_str(raw).map_err(|_| malformed())?;
            return Ok(DatabaseUrl::Postgres(raw.to_owned()));
        }
        Err(malformed())
    }

    pub fn backend(&self) -> Backend {
        match self {
            DatabaseUrl::Sqlite(_) => Backend::Sqlite,
            DatabaseUrl::Postgres(_) => Backend::Postgres,
        }
    }

    /// The URL with any password hidden, for logs and error messages.
    pub fn redacted(&self) -> String {
        match self {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => redact(url),
        }
    }
}

/// Hides the password of `scheme://user:password@host/...`, even in a URL
/// that does not parse.
fn redact(raw: &str) -> String {
    let Some(scheme_end) = raw.find("://") else {
        return raw.to_owned();
    };
    let authority_start = scheme_end + 3;
    let rest = &raw[authority_start..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_len];
    let Some(at) = authority.rfind('@') else {
        return raw.to_owned();
    };
    let userinfo = &authority[..at];
    let Some(colon) = userinfo.find(':') else {
        return raw.to_owned();
    };
    format!(
        "{}{}:***{}",
        &raw[..authority_start],
        &userinfo[..colon],
        &raw[authority_start + at..]
    )
}

/// The connection pool of one of the two backends.
#[derive(Debug, Clone)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// The database, and what this process keeps of it in memory (the
/// restaurant's setup, reloaded when the database's setup version moves).
/// Clones share both.
#[derive(Debug, Clone)]
pub struct Store {
    pool: Pool,
    setup: std::sync::Arc<snapshot::SetupCache>,
}

/// What [`Store::open`] found and did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opened {
    /// True when the database had no restaurant yet (fresh database).
    pub is_empty: bool,
}

impl Store {
    /// Connects (creating the database when missing) and runs the
    /// backend's migrations.
    #[tracing::instrument(skip_all, fields(db = %url.redacted()))]
    pub async fn open(url: &DatabaseUrl) -> Result<(Store, Opened), StoreError> {
        let pool = match url {
            DatabaseUrl::Sqlite(path) => Pool::Sqlite(open_sqlite(path).await?),
            DatabaseUrl::Postgres(raw) => Pool::Postgres(open_postgres(raw).await?),
        };
        let store = Store {
            pool,
            setup: Default::default(),
        };
        store.migrate().await?;
        let is_empty = store.restaurant_count().await? == 0;
        Ok((store, Opened { is_empty }))
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// The connection pool (for the store's own queries, session stores and
    /// tests that look behind the app's back).
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await?,
            Pool::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// A round trip to the database, for the readiness probe.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(drop))?;
        Ok(())
    }

    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }

    /// Resolves once [`Store::close`] has begun (whoever called it): what
    /// holds a connection for long lets it go then, or the close would
    /// wait for it.
    pub async fn closing(&self) {
        on_pool!(self, pool => pool.close_event().await)
    }
}

async fn open_sqlite(path: &Path) -> Result<SqlitePool, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Unreachable {
            backend: "sqlite",
            source: sqlx::Error::Io(e),
        })?;
    }
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    SqlitePoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|source| StoreError::Unreachable {
            backend: "sqlite",
            source,
        })
}

async fn open_postgres(raw: &str) -> Result<PgPool, StoreError> {
    use sqlx::migrate::MigrateDatabase;
    let unreachable = |source| StoreError::Unreachable {
        backend: "postgres",
        source,
    };
    let exists = tokio::time::timeout(
        Duration::from_secs(10),
        sqlx::Postgres::database_exists(raw),
    )
    .await
    .map_err(|_| unreachable(sqlx::Error::PoolTimedOut))?
    .map_err(unreachable)?;
    if !exists {
        match sqlx::Postgres::create_database(raw).await {
            Ok(()) => tracing::info!("created the PostgreSQL database"),
            // Another process may have created it meanwhile.
            Err(e) if sqlx::Postgres::database_exists(raw).await.unwrap_or(false) => {
                tracing::debug!(error = %e, "database appeared concurrently")
            }
            Err(e) => return Err(unreachable(e)),
        }
    }
    let options = PgConnectOptions::from_str(raw).map_err(unreachable)?;
    PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(unreachable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sqlite_urls() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db").unwrap(),
            DatabaseUrl::Sqlite("data/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db?mode=rwc").unwrap(),
            DatabaseUrl::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse(DEFAULT_DATABASE_URL).unwrap().backend(),
            Backend::Sqlite
        );
    }

    #[test]
    fn parses_postgres_urls() {
        let url = DatabaseUrl::parse("postgres://postgres@127.0.0.1:5432/techplus").unwrap();
        assert_eq!(url.backend(), Backend::Postgres);
        assert!(DatabaseUrl::parse("postgresql://u:p@db/x").is_ok());
    }

    #[test]
    fn rejects_malformed_urls() {
        for bad in [
            "",
            "mysql://root@localhost/x",
            "sqlite://",
            "sqlite::memory:",
            "postgres://",
            "postgres://host",
            "postgres://host/",
            "nonsense",
        ] {
            assert!(
                DatabaseUrl::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn redacts_passwords() {
        let url = DatabaseUrl::parse("postgres://u:secret@db:5432/x").unwrap();
        assert!(!url.redacted().contains("secret"));
        let err = DatabaseUrl::parse("postgres://u:secret@/").unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
    }
}
