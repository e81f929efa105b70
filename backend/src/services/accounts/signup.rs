//! Registering, verifying the e-mail address, and the forgotten password.

use super::{account_mail, hash_password, view};
use crate::mail::account::{AccountMailKind, ACCOUNT_OUTBOX_KIND};
use crate::services::booking::hash_token;
use crate::services::ServiceError;
use crate::store::{Store, TokenPurpose};
use crate::StoreError;
use chrono::{DateTime, Utc};
use domain::{Email, GuestName, Locale, Password, Role, UserView};

/// A new diner account (its id and view), and the e-mail with its
/// verification link. A taken e-mail address is [`ServiceError::Conflict`].
#[tracing::instrument(skip_all)]
pub async fn register(
    store: &Store,
    now: DateTime<Utc>,
    name: GuestName,
    email: Email,
    password: Password,
    locale: Locale,
) -> Result<(i64, UserView), ServiceError> {
    let hash = hash_password(&password).await?;
    let mail = account_mail(
        store,
        AccountMailKind::VerifyEmail,
        email.as_str(),
        name.as_str(),
        locale,
    )
    .await?;
    let row = store
        .create_user(
            email.as_str(),
            name.as_str(),
            locale.as_str(),
            &hash,
            Role::Diner.as_str(),
            Some((ACCOUNT_OUTBOX_KIND, &mail)),
            now,
        )
        .await?;
    tracing::info!(
        security_event = "account_registered",
        user_id = row.id,
        "account created"
    );
    Ok((row.id, view(&row)?))
}

/// Uses an e-mail verification link; returns the account's id. Sessions
/// opened before the address was proven are signed out.
#[tracing::instrument(skip_all)]
pub async fn verify_email(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
) -> Result<i64, ServiceError> {
    let user_id = store
        .consume_user_token(&hash_token(token), TokenPurpose::VerifyEmail, now)
        .await?;
    store.set_email_verified(user_id, now).await?;
    Ok(user_id)
}

/// Sends a reset link when the account exists; answers the same, at once,
/// either way: the lookup and the e-mail happen after the answer, so its
/// timing says nothing about the address.
#[tracing::instrument(skip_all)]
pub async fn forgot_password(
    store: &Store,
    now: DateTime<Utc>,
    email: &str,
) -> Result<(), ServiceError> {
    let (store, email) = (store.clone(), email.to_owned());
    tokio::spawn(async move {
        if let Err(e) = send_reset_link(&store, now, &email).await {
            tracing::warn!(error = %e, "could not queue a password-reset link");
        }
    });
    Ok(())
}

async fn send_reset_link(
    store: &Store,
    now: DateTime<Utc>,
    email: &str,
) -> Result<(), ServiceError> {
    let row = match store.user_by_email(email).await {
        Ok(row) => row,
        Err(StoreError::NotFound) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let locale = Locale::parse(&row.locale).unwrap_or_default();
    let mail = account_mail(
        store,
        AccountMailKind::ResetPassword,
        &row.email,
        &row.name,
        locale,
    )
    .await?;
    store
        .queue_account_mail((ACCOUNT_OUTBOX_KIND, &mail), now)
        .await?;
    tracing::info!(
        security_event = "password_reset_requested",
        user_id = row.id,
        "reset link sent"
    );
    Ok(())
}

/// Sets a new password with a reset link (which also proves the e-mail).
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
    password: Password,
) -> Result<(), ServiceError> {
    // The link is checked before the costly hash: a made-up token costs
    // one indexed lookup, not an argon2 run.
    let token_hash = hash_token(token);
    store
        .peek_user_token(&token_hash, TokenPurpose::ResetPassword, now)
        .await?;
    let hash = hash_password(&password).await?;
    let user_id = store
        .consume_user_token(&token_hash, TokenPurpose::ResetPassword, now)
        .await?;
    store.set_password_hash(user_id, &hash, now).await?;
    store.set_email_verified(user_id, now).await?;
    tracing::info!(security_event = "password_reset", user_id, "password reset");
    Ok(())
}

/// Removes the accounts whose address was never proved within the
/// verification window (and invitations never accepted in time): an
/// address someone registered without owning it is free again, and no
/// stale account can later be promoted or signed in to.
#[tracing::instrument(skip_all)]
pub async fn purge_unproved(store: &Store, now: DateTime<Utc>) -> Result<u64, ServiceError> {
    let removed = store
        .delete_unproved_users(now - super::VERIFY_VALID, now - super::INVITE_VALID)
        .await?;
    if removed > 0 {
        tracing::info!(
            security_event = "unproved_accounts_removed",
            removed,
            "accounts never proved removed"
        );
    }
    Ok(removed)
}
