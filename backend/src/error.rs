use std::fmt;

/// A database URL or option that cannot be used. Shown to the operator as
/// one line at start-up.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "DATABASE_URL {0:?} is not valid: expected sqlite://PATH or postgres://USER@HOST:PORT/DB"
    )]
    MalformedDatabaseUrl(String),
    #[error("cannot create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
}

/// Errors of the store layer. Conflicts (unique or exclusion violations) are
/// told apart from everything else so that callers never match on
/// constraint names or driver messages.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflicting write: {0}")]
    Conflict(String),
    #[error("cannot reach the database ({backend}): {source}")]
    Unreachable {
        backend: &'static str,
        #[source]
        source: sqlx::Error,
    },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if is_conflict(db.as_ref()) => {
                StoreError::Conflict(db.message().to_owned())
            }
            _ => StoreError::Database(err),
        }
    }
}

/// Unique and exclusion violations, identified by SQLSTATE (PostgreSQL) or
/// extended result code (SQLite), never by message text.
fn is_conflict(db: &dyn sqlx::error::DatabaseError) -> bool {
    use sqlx::error::ErrorKind;
    if matches!(db.kind(), ErrorKind::UniqueViolation) {
        return true;
    }
    // 23P01 exclusion_violation (PostgreSQL); 1555/2067 primary key/unique
    // and 1811 RAISE(ABORT) from the overlap triggers (SQLite).
    matches!(
        db.code().as_deref(),
        Some("23P01" | "1555" | "2067" | "1811")
    )
}

impl StoreError {
    pub fn corrupt(what: impl fmt::Display) -> Self {
        StoreError::Corrupt(what.to_string())
    }
}
