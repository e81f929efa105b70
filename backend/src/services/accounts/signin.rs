//! Signing in.

use super::{verify_password, view};
use crate::ratelimit::LoginGuard;
use crate::services::booking::{hash_token, new_token};
use crate::services::ServiceError;
use crate::store::Store;
use crate::StoreError;
use chrono::TimeDelta;
use domain::UserView;

/// How long a browser stays trusted after signing in (its device cookie's
/// life).
pub const DEVICE_TRUSTED: TimeDelta = TimeDelta::days(90);

/// A successful sign-in.
#[derive(Debug)]
pub struct SignedIn {
    pub user_id: i64,
    pub user: UserView,
    /// A new device token for the browser's cookie, when it was not yet
    /// trusted for this account.
    pub new_device: Option<String>,
}

/// Checks an e-mail and password; the same answer, in about the same time,
/// for an unknown e-mail and a wrong password. Only failures count towards
/// holding the account back (see [`LoginGuard`]); `device` is the
/// browser's device token, which, when trusted for this account, lets the
/// right password through while others' guesses hold the account back.
#[tracing::instrument(skip_all)]
pub async fn login(
    store: &Store,
    guard: &LoginGuard,
    email: &str,
    password: &str,
    device: Option<&str>,
) -> Result<SignedIn, ServiceError> {
    let row = match store.user_by_email(email).await {
        Ok(row) => Some(row),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    let device_hash = device.map(hash_token);
    let trusted = match (&row, &device_hash) {
        (Some(row), Some(hash)) => store.device_trusted(row.id, hash, crate::now()).await?,
        _ => false,
    };
    let device_key = device_hash.as_deref().filter(|_| trusted);
    if let Err(retry_after) = guard.check(email, device_key).await {
        tracing::warn!(
            security_event = "rate_limited",
            bucket = "login_account",
            "sign-in held back after failed attempts"
        );
        return Err(ServiceError::RateLimited { retry_after });
    }
    let hash = row.as_ref().map(|r| r.password_hash.as_str()).unwrap_or("");
    let ok = verify_password(password, hash).await?;
    match row {
        Some(row) if ok => {
            guard.succeeded(email, device_key).await;
            let new_device = if trusted {
                None
            } else {
                let (token, token_hash) = new_token();
                let now = crate::now();
                store
                    .trust_device(row.id, &token_hash, now + DEVICE_TRUSTED, now)
                    .await?;
                Some(token)
            };
            store.record_sign_in(row.id, crate::now()).await?;
            tracing::info!(security_event = "login", user_id = row.id, "signed in");
            Ok(SignedIn {
                user_id: row.id,
                user: view(&row)?,
                new_device,
            })
        }
        _ => {
            guard.failed(email, device_key).await;
            tracing::warn!(security_event = "login_failed", "failed sign-in");
            Err(ServiceError::Unauthorized)
        }
    }
}
