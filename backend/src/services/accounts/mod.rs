//! Accounts: registration with e-mail verification, sign-in, password
//! reset and change, profile, deletion, staff invitations and roles, and a
//! diner's own bookings.
//!
//! Passwords are hashed with argon2id on the blocking thread pool. Tokens
//! sent by e-mail are 256 random bits; only their SHA-256 is stored, and
//! each works once before it expires.

//!
//! `signup` (register, verify, forgotten password), `signin`, `profile`
//! (the signed-in user's own account), `staff` (admins, invitations,
//! roles) and `team` (the admins' team screen: the members, deactivation,
//! cancelled invitations); password hashing and the shared helpers are
//! here.

mod profile;
mod signin;
mod signup;
mod staff;
mod team;

pub use profile::{
    change_password, delete_account, me, my_reservations, sign_out_everywhere, update_profile,
};
pub use signin::{login, SignedIn, DEVICE_TRUSTED};
pub use signup::{forgot_password, purge_unproved, register, reset_password, verify_email};
pub use staff::{accept_invite, create_admin, invite_staff, set_role, UNVERIFIED};
pub use team::{
    cancel_invitation, deactivate_member, reactivate_member, set_member_role, team, LAST_ADMIN,
};

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

pub const VERIFY_VALID: TimeDelta = TimeDelta::hours(48);
pub const RESET_VALID: TimeDelta = TimeDelta::hours(1);
pub const INVITE_VALID: TimeDelta = TimeDelta::days(7);

/// How many password hashes may run at once (one per core): argon2 takes
/// ~19 MiB and tens of milliseconds each, so unbounded hashing on demand
/// would let anyone exhaust the server's memory and CPU.
/// The slots are process-wide (tests hold them to prove a path hashes
/// nothing).
pub fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static PERMITS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| tokio::sync::Semaphore::new(hashing_slot_count()))
}

/// How many hashes run at once: the number of cores.
pub fn hashing_slot_count() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// How long a request waits for a free hashing slot before it is told to
/// come back (503, `Retry-After`).
const HASHING_QUEUE: std::time::Duration = std::time::Duration::from_secs(2);

/// Runs one password hash (or verification) when a slot is free.
async fn with_hashing_slot<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ServiceError> {
    in_slot(hashing_slots(), HASHING_QUEUE, work).await
}

async fn in_slot<T: Send + 'static>(
    slots: &tokio::sync::Semaphore,
    queue: std::time::Duration,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ServiceError> {
    let permit = match tokio::time::timeout(queue, slots.acquire()).await {
        Ok(Ok(permit)) => permit,
        _ => {
            tracing::warn!(
                security_event = "hashing_busy",
                "every password-hashing slot is taken"
            );
            return Err(ServiceError::Busy { retry_after: 2 });
        }
    };
    let done = tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ServiceError::Store(StoreError::corrupt(format!("hashing task: {e}"))));
    drop(permit);
    done
}

/// Hashes a password with argon2id (default parameters) off the async
/// threads, within the cap on hashes running at once.
pub async fn hash_password(password: &Password) -> Result<String, ServiceError> {
    let password = password.expose().to_owned();
    with_hashing_slot(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await?
    .map_err(|e| ServiceError::Store(StoreError::corrupt(format!("hashing: {e}"))))
}

/// Whether `password` matches the stored hash, off the async threads and
/// within the cap on hashes running at once. An empty or unreadable hash
/// matches nothing (but costs the same time).
pub(super) async fn verify_password(password: &str, hash: &str) -> Result<bool, ServiceError> {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    with_hashing_slot(move || {
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

/// The role an account acts with: a deactivated member is a diner (the
/// role they come back with stays stored). Every principal and view of an
/// account is made with it.
fn effective_role(row: &UserRow) -> Result<Role, ServiceError> {
    let role = Role::parse(&row.role)
        .ok_or_else(|| ServiceError::Store(StoreError::corrupt(format!("role {:?}", row.role))))?;
    Ok(if row.deactivated_at.is_some() {
        Role::Diner
    } else {
        role
    })
}

pub(super) fn view(row: &UserRow) -> Result<UserView, ServiceError> {
    Ok(UserView {
        email: row.email.clone(),
        name: row.name.clone(),
        phone: row.phone.clone(),
        locale: Locale::parse(&row.locale).unwrap_or_default(),
        role: effective_role(row)?,
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
                // The session layer knows when it signed in.
                recent_sign_in: false,
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
) -> Result<String, ServiceError> {
    let setup = store.setup().await?;
    Ok(AccountMailJob {
        kind,
        locale,
        to: row_email.to_owned(),
        name: name.to_owned(),
        restaurant: setup.restaurant.name.clone(),
        from: setup.restaurant.email.clone(),
        token: None,
    }
    .to_json())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn a_full_hashing_queue_answers_busy() {
        let slots = tokio::sync::Semaphore::new(1);
        let held = slots.acquire().await.unwrap();
        let refused = in_slot(&slots, Duration::from_millis(50), || 1).await;
        assert!(matches!(
            refused,
            Err(ServiceError::Busy { retry_after: 2 })
        ));
        drop(held);
        assert_eq!(
            in_slot(&slots, Duration::from_millis(50), || 7)
                .await
                .unwrap(),
            7
        );
        assert_eq!(slots.available_permits(), 1, "the slot is given back");
    }
}
