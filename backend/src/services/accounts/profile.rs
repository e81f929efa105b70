//! The signed-in user's own account: profile, password, deletion, bookings.

use super::{hash_password, verify_password, view};
use crate::ratelimit::LoginGuard;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::Store;
use chrono::{DateTime, Utc};
use domain::{GuestName, Locale, Password, Phone, ReservationView, UserView};

/// Checks the signed-in user's password before a sensitive change. Wrong
/// passwords count as failed sign-ins (someone holding a session is
/// guessing), and the account's hold-back applies.
async fn confirm_password(
    guard: &LoginGuard,
    who: &Principal,
    hash: &str,
    password: &str,
) -> Result<bool, ServiceError> {
    if let Err(retry_after) = guard.check(&who.email, None).await {
        return Err(ServiceError::RateLimited { retry_after });
    }
    let ok = verify_password(password, hash).await?;
    if !ok {
        guard.failed(&who.email, None).await;
    }
    Ok(ok)
}

/// Changes the password of a signed-in user, who confirms the current one.
#[tracing::instrument(skip_all)]
pub async fn change_password(
    store: &Store,
    guard: &LoginGuard,
    now: DateTime<Utc>,
    who: &Principal,
    current: &str,
    new: Password,
) -> Result<(), ServiceError> {
    let row = store.user_by_id(who.user_id).await?;
    if !confirm_password(guard, who, &row.password_hash, current).await? {
        tracing::warn!(
            security_event = "password_change_refused",
            user_id = row.id,
            "wrong current password"
        );
        return Err(ServiceError::Invalid("current_password"));
    }
    let hash = hash_password(&new).await?;
    store.set_password_hash(row.id, &hash, now).await?;
    tracing::info!(
        security_event = "password_changed",
        user_id = row.id,
        "password changed"
    );
    Ok(())
}

/// Signs the user out of every session, everywhere (the account's session
/// epoch moves on).
#[tracing::instrument(skip_all)]
pub async fn sign_out_everywhere(store: &Store, who: &Principal) -> Result<(), ServiceError> {
    store.end_sessions(who.user_id).await?;
    tracing::info!(
        security_event = "signed_out_everywhere",
        user_id = who.user_id,
        "every session ended"
    );
    Ok(())
}

pub async fn me(store: &Store, who: &Principal) -> Result<UserView, ServiceError> {
    view(&store.user_by_id(who.user_id).await?)
}

/// Name, phone and preferred language (also used for e-mails).
pub async fn update_profile(
    store: &Store,
    now: DateTime<Utc>,
    who: &Principal,
    name: GuestName,
    phone: Option<Phone>,
    locale: Locale,
) -> Result<UserView, ServiceError> {
    let phone = phone.map(|p| p.to_string()).unwrap_or_default();
    store
        .update_profile(who.user_id, name.as_str(), &phone, locale.as_str(), now)
        .await?;
    me(store, who).await
}

/// Deletes the account after checking the password. Bookings keep the
/// guest's name and e-mail for the restaurant's records.
#[tracing::instrument(skip_all)]
pub async fn delete_account(
    store: &Store,
    guard: &LoginGuard,
    who: &Principal,
    password: &str,
) -> Result<(), ServiceError> {
    let row = store.user_by_id(who.user_id).await?;
    if !confirm_password(guard, who, &row.password_hash, password).await? {
        return Err(ServiceError::Invalid("password"));
    }
    store.delete_user(row.id).await?;
    tracing::info!(
        security_event = "account_deleted",
        user_id = row.id,
        "account deleted"
    );
    Ok(())
}

/// A verified diner's bookings (every booking made with their e-mail), newest first.
pub async fn my_reservations(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    page: u32,
    per_page: u32,
) -> Result<Vec<ReservationView>, ServiceError> {
    let who = authorize(who, Action::ListOwnReservations)?;
    let per_page = per_page.clamp(1, 100);
    let rows = store
        .reservations_by_email(
            &who.email,
            i64::from(per_page),
            i64::from(page) * i64::from(per_page),
        )
        .await?;
    crate::services::booking::views(store, now, &rows).await
}
