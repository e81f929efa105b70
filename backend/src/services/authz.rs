//! The one authorization check: who may do what. Every server function and
//! REST handler that needs an account calls [`authorize`].

use super::ServiceError;
use domain::Role;

/// A signed-in user, as loaded for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user_id: i64,
    pub role: Role,
    pub email: String,
    pub verified: bool,
    /// The account's session epoch: a session opened with another one is
    /// signed out.
    pub session_epoch: i64,
    /// Signed in (with the password) within [`RECENT_SIGN_IN`]: admin
    /// actions need it, so that a session left open somewhere cannot
    /// manage the team.
    pub recent_sign_in: bool,
}

/// How long after signing in an admin may manage the team without signing
/// in again.
pub const RECENT_SIGN_IN: chrono::TimeDelta = chrono::TimeDelta::hours(2);

/// What a request wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Anything that needs an account (profile, password, sign-out).
    UseAccount,
    /// A diner's own bookings: needs a verified e-mail.
    ListOwnReservations,
    /// One booking, made with `guest_email`: its guest (verified) or staff.
    ManageReservation { guest_email: &'a str },
    /// Every booking of the restaurant.
    ListAllReservations,
    /// Run a service at the host stand: the day's bookings, their statuses.
    RunService,
    /// Invite staff and change roles: admins only.
    ManageStaff,
    /// Change the restaurant's setup (the room, the menu, hours and
    /// rules): admins only.
    ManageSetup,
}

/// `Ok(principal)` when `who` may do `action`; `Unauthorized` without an
/// account, `Forbidden` when the account may not.
pub fn authorize<'p>(
    who: Option<&'p Principal>,
    action: Action<'_>,
) -> Result<&'p Principal, ServiceError> {
    let who = who.ok_or(ServiceError::Unauthorized)?;
    let allowed = match action {
        Action::UseAccount => true,
        Action::ListOwnReservations => who.verified,
        // Staff powers need a proven address too: an account whose address
        // nobody proved must never act as staff.
        Action::ManageReservation { guest_email } => {
            who.verified
                && (who.role.is_staff()
                    || crate::store::email_key(&who.email) == crate::store::email_key(guest_email))
        }
        Action::ListAllReservations | Action::RunService => who.verified && who.role.is_staff(),
        Action::ManageStaff | Action::ManageSetup => who.verified && who.role == Role::Admin,
    };
    if allowed && matches!(action, Action::ManageStaff) && !who.recent_sign_in {
        tracing::info!(
            security_event = "reauthenticate",
            user_id = who.user_id,
            "admin action needs a recent sign-in"
        );
        return Err(ServiceError::Reauthenticate);
    }
    if allowed {
        Ok(who)
    } else {
        tracing::warn!(
            security_event = "forbidden",
            user_id = who.user_id,
            ?action,
            "action refused"
        );
        Err(ServiceError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(role: Role, verified: bool) -> Principal {
        Principal {
            user_id: 1,
            role,
            email: "ada@example.com".into(),
            verified,
            session_epoch: 0,
            recent_sign_in: true,
        }
    }

    #[test]
    fn matrix() {
        let diner = p(Role::Diner, true);
        let unverified = p(Role::Diner, false);
        let staff = p(Role::Staff, true);
        let admin = p(Role::Admin, true);
        let unproved_staff = p(Role::Staff, false);
        let unproved_admin = p(Role::Admin, false);
        let own = Action::ManageReservation {
            guest_email: "ADA@example.com",
        };
        let other = Action::ManageReservation {
            guest_email: "grace@example.com",
        };
        let cases: [(Option<&Principal>, Action, bool); 20] = [
            (Some(&unproved_staff), other, false),
            (Some(&unproved_staff), Action::ListAllReservations, false),
            (Some(&unproved_admin), Action::ManageStaff, false),
            (Some(&unproved_admin), Action::UseAccount, true),
            (None, Action::UseAccount, false),
            (None, own, false),
            (Some(&unverified), Action::UseAccount, true),
            (Some(&unverified), Action::ListOwnReservations, false),
            (Some(&unverified), own, false),
            (Some(&diner), Action::ListOwnReservations, true),
            (Some(&diner), own, true),
            (Some(&diner), other, false),
            (Some(&diner), Action::ListAllReservations, false),
            (Some(&diner), Action::ManageStaff, false),
            (Some(&staff), other, true),
            (Some(&staff), Action::ListAllReservations, true),
            (Some(&staff), Action::ManageStaff, false),
            (Some(&admin), other, true),
            (Some(&admin), Action::ListAllReservations, true),
            (Some(&admin), Action::ManageStaff, true),
        ];
        for (who, action, allowed) in cases {
            assert_eq!(
                authorize(who, action).is_ok(),
                allowed,
                "{who:?} {action:?}"
            );
        }
        assert!(matches!(
            authorize(None, Action::UseAccount),
            Err(ServiceError::Unauthorized)
        ));
        assert!(matches!(
            authorize(Some(&diner), Action::ManageStaff),
            Err(ServiceError::Forbidden)
        ));
        // An admin whose sign-in is old must sign in again to manage the
        // team; other actions go on.
        let stale_admin = Principal {
            recent_sign_in: false,
            ..admin.clone()
        };
        assert!(matches!(
            authorize(Some(&stale_admin), Action::ManageStaff),
            Err(ServiceError::Reauthenticate)
        ));
        assert!(authorize(Some(&stale_admin), Action::ListAllReservations).is_ok());
    }
}
