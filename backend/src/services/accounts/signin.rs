//! Signing in.

use super::{verify_password, view};
use crate::ratelimit::LoginGuard;
use crate::services::ServiceError;
use crate::store::Store;
use crate::StoreError;
use domain::UserView;

/// Checks an e-mail and password; the same answer, in about the same time,
/// for an unknown e-mail and a wrong password. Returns the user's id.
#[tracing::instrument(skip_all)]
pub async fn login(
    store: &Store,
    guard: &LoginGuard,
    email: &str,
    password: &str,
) -> Result<(i64, UserView), ServiceError> {
    if let Err(retry_after) =
        guard.attempt(&crate::store::email_key(email), std::time::Instant::now())
    {
        tracing::warn!(
            security_event = "rate_limited",
            bucket = "login_account",
            "too many sign-in attempts for one account"
        );
        return Err(ServiceError::RateLimited { retry_after });
    }
    let row = match store.user_by_email(email).await {
        Ok(row) => Some(row),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let hash = row.as_ref().map(|r| r.password_hash.as_str()).unwrap_or("");
    let ok = verify_password(password, hash).await;
    match row {
        Some(row) if ok => {
            tracing::info!(security_event = "login", user_id = row.id, "signed in");
            Ok((row.id, view(&row)?))
        }
        _ => {
            tracing::warn!(security_event = "login_failed", "failed sign-in");
            Err(ServiceError::Unauthorized)
        }
    }
}
