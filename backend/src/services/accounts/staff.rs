//! Admins and staff: the first admin, invitations, roles.

use super::{account_mail, hash_password};
use crate::mail::account::{AccountMailKind, ACCOUNT_OUTBOX_KIND};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::booking::hash_token;
use crate::services::ServiceError;
use crate::store::{MemberChange, Store, TokenPurpose, UserRow};
use crate::StoreError;
use chrono::{DateTime, Utc};
use domain::{Email, GuestName, Locale, Password, Role};

/// Accepts a staff invitation: sets the password and verifies the e-mail.
#[tracing::instrument(skip_all)]
pub async fn accept_invite(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
    password: Password,
) -> Result<i64, ServiceError> {
    // The invitation is checked before the costly hash: a made-up token
    // costs one indexed lookup, not an argon2 run.
    let token_hash = hash_token(token);
    store
        .peek_user_token(&token_hash, TokenPurpose::Invite, now)
        .await?;
    let hash = hash_password(&password).await?;
    let user_id = store
        .consume_user_token(&token_hash, TokenPurpose::Invite, now)
        .await?;
    store.set_password_hash(user_id, &hash, now).await?;
    store.set_email_verified(user_id, now).await?;
    store.record_sign_in(user_id, now).await?;
    tracing::info!(
        security_event = "invite_accepted",
        user_id,
        "invitation accepted"
    );
    Ok(user_id)
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
    let mail = account_mail(
        store,
        AccountMailKind::Invite,
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
            "",
            role.as_str(),
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

/// What [`set_role`] answers (as a conflict) for an account whose address
/// is not proved.
pub const UNVERIFIED: &str = "unverified";

/// An admin changes someone's role (not their own). The account is active
/// with it (a deactivated member comes back), and every session of theirs
/// ends when it changes. The last active admin is never demoted
/// (`Conflict(LAST_ADMIN)`).
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
    change_role(store, now, admin, &row, role).await
}

/// Gives `row` the role `role`, for the admin `admin` (not on their own
/// account, nor on an address nobody proved).
pub(super) async fn change_role(
    store: &Store,
    now: DateTime<Utc>,
    admin: &Principal,
    row: &UserRow,
    role: Role,
) -> Result<(), ServiceError> {
    if row.id == admin.user_id {
        return Err(ServiceError::Forbidden);
    }
    // Promoting an address nobody proved would make staff of whoever
    // registered it first.
    if row.email_verified_at.is_none() {
        return Err(ServiceError::Conflict(UNVERIFIED.to_owned()));
    }
    store
        .change_member(row.id, MemberChange::Role(role.as_str()), now)
        .await?;
    tracing::info!(
        security_event = "role_changed",
        user_id = row.id,
        by = admin.user_id,
        role = role.as_str(),
        "role changed"
    );
    Ok(())
}
