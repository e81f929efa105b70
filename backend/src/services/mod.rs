//! Services: what the web layer calls. Each takes validated domain values,
//! talks to the store, applies the rules and returns domain values.

pub mod accounts;
pub mod authz;
pub mod booking;
pub mod contact;
pub mod live;
pub mod setup;
pub mod site;

use crate::error::StoreError;
use domain::{Alternative, SlotReason};

/// Errors of the service layer, one variant per answer a client can get.
/// Internal causes are kept for the logs and never shown to clients.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    #[error("conflict: {0}")]
    Conflict(String),
    /// A value from the client is not valid; the field at fault.
    #[error("invalid {0}")]
    Invalid(&'static str),
    /// The slot cannot be booked (any more); the nearest bookable ones.
    #[error("slot unavailable: {reason:?}")]
    SlotUnavailable {
        reason: SlotReason,
        alternatives: Vec<Alternative>,
    },
    /// Past the cut-off, or no longer a confirmed booking: call the restaurant.
    #[error("too late to change online")]
    TooLate,
    /// A status change the booking's current status does not allow (such
    /// as completing a cancelled booking).
    #[error("status change refused")]
    StatusRefused,
    /// Another booking holds the table at that time.
    #[error("table taken")]
    TableTaken,
    /// A value from the client is refused for a reason worth saying
    /// (`tables` / `too_small`).
    #[error("{field} refused: {reason}")]
    Refused {
        field: &'static str,
        reason: &'static str,
    },
    /// No account signed in, or wrong credentials.
    #[error("unauthorized")]
    Unauthorized,
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// Allowed, but only after signing in again (an old session).
    #[error("sign in again")]
    Reauthenticate,
    /// Too many attempts; try again in `retry_after` seconds.
    #[error("rate limited")]
    RateLimited { retry_after: u64 },
    /// Too much costly work (password hashing) running already; try again
    /// in `retry_after` seconds.
    #[error("busy")]
    Busy { retry_after: u64 },
    /// The payment provider cannot be reached or is not configured.
    #[error("payments unavailable")]
    PaymentUnavailable,
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
