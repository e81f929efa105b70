//! Accounts: registration with e-mail verification, sign-in, password
//! reset and change, profile, deletion, staff invitations and roles, and a
//! diner's own bookings.
//!
//! Passwords are hashed with argon2id on the blocking thread pool. Tokens
//! sent by e-mail are 256 random bits; only their SHA-256 is stored, and
//! each works once before it expires.

use super::authz::{authorize, Action, Principal};
use super::booking::{hash_token, new_token};
use super::ServiceError;
use crate::mail::account::{AccountMailJob, AccountMailKind, ACCOUNT_OUTBOX_KIND};
use crate::ratelimit::LoginGuard;
use crate::store::{Store, TokenPurpose, UserRow};
use crate::StoreError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};
use chrono::{DateTime, TimeDelta, Utc};
use domain::{Email, GuestName, Locale, Password, Phone, ReservationView, Role, UserView};
use std::sync::OnceLock;

const VERIFY_VALID: TimeDelta = TimeDelta::hours(48);
const RESET_VALID: TimeDelta = TimeDelta::hours(1);
const INVITE_VALID: TimeDelta = TimeDelta::days(7);

/// Hashes a password with argon2id (default parameters) off the async threads.
pub async fn hash_password(password: &Password) -> Result<String, ServiceError> {
    let password = password.expose().to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| ServiceError::Store(StoreError::corrupt(format!("hashing task: {e}"))))?
    .map_err(|e| ServiceError::Store(StoreError::corrupt(format!("hashing: {e}"))))
}

/// Whether `password` matches the stored hash, off the async threads. An
/// empty or unreadable hash matches nothing (but costs the same time).
async fn verify_password(password: &str, hash: &str) -> bool {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).ok();
        let target = match &parsed {
            Some(h) => h.clone(),
            None => match PasswordHash::new(dummy_hash()) {
                Ok(h) => h,
                Err(_) => return false,
            },
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &target)
            .is_ok();
        ok && parsed.is_some()
    })
    .await
    .unwrap_or(false)
}

/// A real hash to verify against when the account does not exist, so that
/// "unknown e-mail" and "wrong password" take the same time.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"not the password of anyone", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

fn view(row: &UserRow) -> Result<UserView, ServiceError> {
    Ok(UserView {
        email: row.email.clone(),
        name: row.name.clone(),
        phone: row.phone.clone(),
        locale: Locale::parse(&row.locale).unwrap_or_default(),
        role: Role::parse(&row.role).ok_or_else(|| {
            ServiceError::Store(StoreError::corrupt(format!("role {:?}", row.role)))
        })?,
        email_verified: row.email_verified_at.is_some(),
    })
}

/// The principal of a signed-in user id (from the session), or `None` when
/// the account no longer exists.
pub async fn principal(store: &Store, user_id: i64) -> Result<Option<Principal>, ServiceError> {
    match store.user_by_id(user_id).await {
        Ok(row) => {
            let v = view(&row)?;
            Ok(Some(Principal {
                user_id: row.id,
                role: v.role,
                email: row.email,
                verified: v.email_verified,
            }))
        }
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

async fn account_mail(
    store: &Store,
    kind: AccountMailKind,
    row_email: &str,
    name: &str,
    locale: Locale,
    token: &str,
) -> Result<String, ServiceError> {
    let restaurant = store.primary_restaurant().await?;
    Ok(AccountMailJob {
        kind,
        locale,
        to: row_email.to_owned(),
        name: name.to_owned(),
        restaurant: restaurant.name,
        from: restaurant.email,
        token: Some(token.to_owned()),
    }
    .to_json())
}

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
    let (token, token_hash) = new_token();
    let mail = account_mail(
        store,
        AccountMailKind::VerifyEmail,
        email.as_str(),
        name.as_str(),
        locale,
        &token,
    )
    .await?;
    let row = store
        .create_user(
            email.as_str(),
            name.as_str(),
            locale.as_str(),
            &hash,
            Role::Diner.as_str(),
            Some((&token_hash, TokenPurpose::VerifyEmail, now + VERIFY_VALID)),
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

/// Uses an e-mail verification link.
#[tracing::instrument(skip_all)]
pub async fn verify_email(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
) -> Result<(), ServiceError> {
    let user_id = store
        .consume_user_token(&hash_token(token), TokenPurpose::VerifyEmail, now)
        .await?;
    store.set_email_verified(user_id, now).await?;
    Ok(())
}

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

/// Sends a reset link when the account exists; answers the same either way.
#[tracing::instrument(skip_all)]
pub async fn forgot_password(
    store: &Store,
    now: DateTime<Utc>,
    email: &str,
) -> Result<(), ServiceError> {
    let row = match store.user_by_email(email).await {
        Ok(row) => row,
        Err(StoreError::NotFound) => {
            // Cost about as much as the real path.
            let _ = verify_password("x", "").await;
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    };
    let (token, token_hash) = new_token();
    let locale = Locale::parse(&row.locale).unwrap_or_default();
    let mail = account_mail(
        store,
        AccountMailKind::ResetPassword,
        &row.email,
        &row.name,
        locale,
        &token,
    )
    .await?;
    store
        .add_user_token(
            row.id,
            &token_hash,
            TokenPurpose::ResetPassword,
            now + RESET_VALID,
            (ACCOUNT_OUTBOX_KIND, &mail),
            now,
        )
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
    let hash = hash_password(&password).await?;
    let user_id = store
        .consume_user_token(&hash_token(token), TokenPurpose::ResetPassword, now)
        .await?;
    store.set_password_hash(user_id, &hash, now).await?;
    store.set_email_verified(user_id, now).await?;
    tracing::info!(security_event = "password_reset", user_id, "password reset");
    Ok(())
}

/// Accepts a staff invitation: sets the password and verifies the e-mail.
#[tracing::instrument(skip_all)]
pub async fn accept_invite(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
    password: Password,
) -> Result<i64, ServiceError> {
    let hash = hash_password(&password).await?;
    let user_id = store
        .consume_user_token(&hash_token(token), TokenPurpose::Invite, now)
        .await?;
    store.set_password_hash(user_id, &hash, now).await?;
    store.set_email_verified(user_id, now).await?;
    tracing::info!(
        security_event = "invite_accepted",
        user_id,
        "invitation accepted"
    );
    Ok(user_id)
}

/// Changes the password of a signed-in user, who confirms the current one.
#[tracing::instrument(skip_all)]
pub async fn change_password(
    store: &Store,
    now: DateTime<Utc>,
    who: &Principal,
    current: &str,
    new: Password,
) -> Result<(), ServiceError> {
    let row = store.user_by_id(who.user_id).await?;
    if !verify_password(current, &row.password_hash).await {
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
    who: &Principal,
    password: &str,
) -> Result<(), ServiceError> {
    let row = store.user_by_id(who.user_id).await?;
    if !verify_password(password, &row.password_hash).await {
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

/// The first admin (or a new one), from the command line: created verified
/// with this password, or an existing account promoted and given it.
#[tracing::instrument(skip_all)]
pub async fn create_admin(
    store: &Store,
    now: DateTime<Utc>,
    email: Email,
    name: GuestName,
    password: Password,
) -> Result<(), ServiceError> {
    let hash = hash_password(&password).await?;
    match store.user_by_email(email.as_str()).await {
        Ok(row) => {
            store.set_password_hash(row.id, &hash, now).await?;
            store.set_role(row.id, Role::Admin.as_str(), now).await?;
            store.set_email_verified(row.id, now).await?;
            tracing::info!(
                security_event = "role_changed",
                user_id = row.id,
                role = "admin",
                "promoted from the command line"
            );
        }
        Err(StoreError::NotFound) => {
            let row = store
                .create_user(
                    email.as_str(),
                    name.as_str(),
                    Locale::Fr.as_str(),
                    &hash,
                    Role::Admin.as_str(),
                    None,
                    None,
                    now,
                )
                .await?;
            store.set_email_verified(row.id, now).await?;
            tracing::info!(
                security_event = "role_changed",
                user_id = row.id,
                role = "admin",
                "admin created from the command line"
            );
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// An admin invites a staff member by e-mail: an account without password
/// is created with the role, and the invitation link is e-mailed.
#[tracing::instrument(skip_all)]
pub async fn invite_staff(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    email: Email,
    name: GuestName,
    role: Role,
    locale: Locale,
) -> Result<(), ServiceError> {
    authorize(who, Action::ManageStaff)?;
    if !role.is_staff() {
        return Err(ServiceError::Invalid("role"));
    }
    let (token, token_hash) = new_token();
    let mail = account_mail(
        store,
        AccountMailKind::Invite,
        email.as_str(),
        name.as_str(),
        locale,
        &token,
    )
    .await?;
    let row = store
        .create_user(
            email.as_str(),
            name.as_str(),
            locale.as_str(),
            "",
            role.as_str(),
            Some((&token_hash, TokenPurpose::Invite, now + INVITE_VALID)),
            Some((ACCOUNT_OUTBOX_KIND, &mail)),
            now,
        )
        .await?;
    tracing::info!(
        security_event = "staff_invited",
        user_id = row.id,
        role = role.as_str(),
        "staff invited"
    );
    Ok(())
}

/// An admin changes someone's role (not their own, so that an admin always
/// remains).
#[tracing::instrument(skip_all)]
pub async fn set_role(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    email: &str,
    role: Role,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageStaff)?;
    let row = store.user_by_email(email).await?;
    if row.id == admin.user_id {
        return Err(ServiceError::Forbidden);
    }
    store.set_role(row.id, role.as_str(), now).await?;
    tracing::info!(
        security_event = "role_changed",
        user_id = row.id,
        by = admin.user_id,
        role = role.as_str(),
        "role changed"
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
    super::booking::views(store, now, &rows).await
}
