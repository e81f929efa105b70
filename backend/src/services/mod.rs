//! Services: what the web layer calls. Each takes validated domain values,
//! talks to the store, applies the rules and returns domain values.

pub mod site;

use crate::error::StoreError;

/// Errors of the service layer, one variant per answer a client can get.
/// Internal causes are kept for the logs and never shown to clients.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for ServiceError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => ServiceError::NotFound,
            StoreError::Conflict(what) => ServiceError::Conflict(what),
            other => ServiceError::Store(other),
        }
    }
}
