//! Accounts: registration with e-mail verification, sign-in, password
//! reset and change, profile, deletion, staff invitations and roles, and a
//! diner's own bookings.
//!
//! Passwords are hashed with argon2id on the blocking thread pool. Tokens
//! sent by e-mail are 256 random bits; only their SHA-256 is stored, and
//! each works once before it expires.

//!
//! `signup` (register, verify, forgotten password), `signin`, `profile`
//! (the signed-in user's own account) and `staff` (admins, invitations,
//! roles); password hashing and the shared helpers are here.

mod profile;
mod signin;
mod signup;
mod staff;

pub use profile::{change_password, delete_account, me, my_reservations, update_profile};
pub use signin::login;
pub use signup::{forgot_password, register, reset_password, verify_email};
pub use staff::{accept_invite, create_admin, invite_staff, set_role};

use super::authz::Principal;
use super::ServiceError;
use crate::mail::account::{AccountMailJob, AccountMailKind};
use crate::store::{Store, UserRow};
use crate::StoreError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};
use chrono::TimeDelta;
use domain::{Locale, Password, Role, UserView};
use std::sync::OnceLock;

pub(super) const VERIFY_VALID: TimeDelta = TimeDelta::hours(48);
pub(super) const RESET_VALID: TimeDelta = TimeDelta::hours(1);
pub(super) const INVITE_VALID: TimeDelta = TimeDelta::days(7);

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
pub(super) async fn verify_password(password: &str, hash: &str) -> bool {
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
pub(super) fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"not the password of anyone", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

pub(super) fn view(row: &UserRow) -> Result<UserView, ServiceError> {
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
                session_epoch: row.session_epoch,
            }))
        }
        Err(StoreError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn account_mail(
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
