//! Registering, verifying the e-mail address, and the forgotten password.

use super::{account_mail, hash_password};
use crate::mail::account::{AccountMailKind, ACCOUNT_OUTBOX_KIND};
use crate::services::booking::hash_token;
use crate::services::ServiceError;
use crate::store::{Store, TokenPurpose};
use crate::StoreError;
use chrono::{DateTime, Utc};
use domain::{Email, GuestName, Locale, Password, Role};

/// How often the owner of an address is told that someone tried to
/// register with it.
const REGISTRATION_NOTICE_EVERY: chrono::TimeDelta = chrono::TimeDelta::hours(24);

/// Registers a diner account and queues the e-mail with its verification
/// link. An address that already has an account answers exactly the same
/// (and costs the same password hash), and its owner is told instead (at
/// most once a day): the answer never tells whether an address is known.
/// Nobody is signed in: the address is proved by the link first.
#[tracing::instrument(skip_all)]
pub async fn register(
    store: &Store,
    now: DateTime<Utc>,
    name: GuestName,
    email: Email,
    password: Password,
    locale: Locale,
) -> Result<(), ServiceError> {
    let hash = hash_password(&password).await?;
    let existing = match store.user_by_email(email.as_str()).await {
        Ok(row) => Some(row),
        Err(StoreError::NotFound) => None,
        Err(e) => return Err(e.into()),
    };
    if existing.is_none() {
        let mail = account_mail(
            store,
            AccountMailKind::VerifyEmail,
            email.as_str(),
            name.as_str(),
            locale,
        )
        .await?;
        let created = store
            .create_user(
                email.as_str(),
                name.as_str(),
                locale.as_str(),
                &hash,
                Role::Diner.as_str(),
                Some((ACCOUNT_OUTBOX_KIND, &mail)),
                now,
            )
            .await;
        match created {
            Ok(row) => {
                tracing::info!(
                    security_event = "account_registered",
                    user_id = row.id,
                    "account created"
                );
                return Ok(());
            }
            // Registered meanwhile: the owner is told, as below.
            Err(StoreError::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    let row = store.user_by_email(email.as_str()).await?;
    let owner_locale = Locale::parse(&row.locale).unwrap_or(locale);
    let mail = account_mail(
        store,
        AccountMailKind::AlreadyRegistered,
        &row.email,
        &row.name,
        owner_locale,
    )
    .await?;
    let told = store
        .queue_registration_notice(
            row.id,
            (ACCOUNT_OUTBOX_KIND, &mail),
            now - REGISTRATION_NOTICE_EVERY,
            now,
        )
        .await?;
    tracing::info!(
        security_event = "registration_for_known_address",
        user_id = row.id,
        owner_told = told,
        "registration with an address that has an account"
    );
    Ok(())
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
