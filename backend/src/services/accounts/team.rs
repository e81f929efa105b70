//! The admins' team screen: the staff and admins, the invitations not
//! accepted yet and the deactivated members; a member's role changed,
//! deactivated (every session ends at once, and the account acts as a
//! diner) or reactivated; an invitation cancelled. Admins only, never on
//! their own account; the last active admin is never demoted or
//! deactivated (checked in the change's own transaction).

use super::staff::change_role;
use super::INVITE_VALID;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{MemberChange, Store, TeamRow, UserRow};
use crate::StoreError;
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use domain::{MemberStatus, Role, Team, TeamMember};

pub use crate::store::LAST_ADMIN;

/// An instant in the restaurant's time, RFC 3339 with its offset.
fn local(tz: &Tz, at: DateTime<Utc>) -> String {
    at.with_timezone(tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn member(tz: &Tz, row: TeamRow) -> Result<TeamMember, ServiceError> {
    let role = Role::parse(&row.role)
        .filter(|r| r.is_staff())
        .ok_or_else(|| ServiceError::Store(StoreError::corrupt(format!("role {:?}", row.role))))?;
    let status = if row.deactivated_at.is_some() {
        MemberStatus::Deactivated
    } else if row.email_verified_at.is_none() {
        MemberStatus::Pending
    } else {
        MemberStatus::Active
    };
    let pending = status == MemberStatus::Pending;
    Ok(TeamMember {
        id: row.id,
        name: row.name,
        email: row.email,
        role,
        status,
        invited_at: pending.then(|| local(tz, row.created_at)),
        invitation_expires_at: pending.then(|| local(tz, row.created_at + INVITE_VALID)),
        deactivated_at: row.deactivated_at.map(|at| local(tz, at)),
        last_sign_in_at: row.last_sign_in_at.map(|at| local(tz, at)),
    })
}

/// The team: active members, then pending invitations (not expired), then
/// deactivated members, each by name. Admins only.
#[tracing::instrument(skip_all)]
pub async fn team(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
) -> Result<Team, ServiceError> {
    let admin = authorize(who, Action::ManageStaff)?;
    let tz = store.setup().await?.booking.rules.time_zone;
    let mut members = store
        .team(now - INVITE_VALID)
        .await?
        .into_iter()
        .map(|row| member(&tz, row))
        .collect::<Result<Vec<_>, _>>()?;
    members.sort_by_cached_key(|m| (m.status, m.name.to_lowercase(), m.id));
    Ok(Team {
        you: admin.user_id,
        members,
    })
}

/// A member of the team (staff or admin, deactivated or not, pending or
/// not) by id; anyone else is not found.
async fn member_row(store: &Store, id: i64) -> Result<UserRow, ServiceError> {
    let row = store.user_by_id(id).await?;
    match Role::parse(&row.role) {
        Some(role) if role.is_staff() => Ok(row),
        _ => Err(ServiceError::NotFound),
    }
}

/// A member of the team who signed up (not a pending invitation), and not
/// the admin acting.
async fn other_member(store: &Store, admin: &Principal, id: i64) -> Result<UserRow, ServiceError> {
    let row = member_row(store, id).await?;
    if row.id == admin.user_id {
        return Err(ServiceError::Forbidden);
    }
    if row.email_verified_at.is_none() {
        return Err(ServiceError::NotFound);
    }
    Ok(row)
}

/// Gives a member of the team the role `staff` or `admin` (a deactivated
/// member comes back with it). A pending invitation's role cannot change
/// (`role` refused as `unverified`: cancel it and invite again).
#[tracing::instrument(skip_all)]
pub async fn set_member_role(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    id: i64,
    role: Role,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageStaff)?;
    if !role.is_staff() {
        return Err(ServiceError::Invalid("role"));
    }
    let row = member_row(store, id).await?;
    change_role(store, now, admin, &row, role)
        .await
        .map_err(|e| match e {
            ServiceError::Conflict(what) if what == super::UNVERIFIED => ServiceError::Refused {
                field: "role",
                reason: "unverified",
            },
            e => e,
        })
}

/// Deactivates a member of the team: every session of theirs ends at once,
/// and they act as a diner (their role is kept for a reactivation). Not
/// one's own account, nor a pending invitation (not found: cancel it
/// instead); the last active admin never (`Conflict(LAST_ADMIN)`).
/// Deactivating a deactivated member changes nothing.
#[tracing::instrument(skip_all)]
pub async fn deactivate_member(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageStaff)?;
    let row = other_member(store, admin, id).await?;
    store
        .change_member(row.id, MemberChange::Deactivate, now)
        .await?;
    tracing::info!(
        security_event = "member_deactivated",
        user_id = row.id,
        by = admin.user_id,
        "team member deactivated; every session ended"
    );
    Ok(())
}

/// Reactivates a deactivated member with the role they had (their sessions
/// opened meanwhile, as a diner, end). Reactivating an active member
/// changes nothing.
#[tracing::instrument(skip_all)]
pub async fn reactivate_member(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageStaff)?;
    let row = other_member(store, admin, id).await?;
    store
        .change_member(row.id, MemberChange::Reactivate, now)
        .await?;
    tracing::info!(
        security_event = "member_reactivated",
        user_id = row.id,
        by = admin.user_id,
        "team member reactivated"
    );
    Ok(())
}

/// Cancels an invitation not accepted yet: the invited account is removed,
/// so its link no longer works and the address may be invited again.
#[tracing::instrument(skip_all)]
pub async fn cancel_invitation(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageStaff)?;
    store.cancel_invitation(id).await?;
    tracing::info!(
        security_event = "invitation_cancelled",
        user_id = id,
        by = admin.user_id,
        "invitation cancelled"
    );
    Ok(())
}
