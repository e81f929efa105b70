//! The restaurant's team, as the admins' team screen shows it: the staff
//! and admins, the invitations not accepted yet, and the members an admin
//! deactivated.

use crate::account::Role;
use crate::form::FieldError;
use serde::{Deserialize, Serialize};

/// Where a member of the team stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// Works with their role.
    Active,
    /// Invited: the invitation is neither accepted nor expired yet.
    Pending,
    /// Deactivated by an admin: signed out, and a diner until reactivated.
    Deactivated,
}

impl MemberStatus {
    pub const ALL: [MemberStatus; 3] = [
        MemberStatus::Active,
        MemberStatus::Pending,
        MemberStatus::Deactivated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberStatus::Active => "active",
            MemberStatus::Pending => "pending",
            MemberStatus::Deactivated => "deactivated",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// One member of the team. Instants are RFC 3339 in the restaurant's time
/// (with its offset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamMember {
    /// The account's id (a pending invitation's too).
    pub id: i64,
    pub name: String,
    pub email: String,
    /// `staff` or `admin`; a deactivated member's is the role they come
    /// back with.
    #[cfg_attr(
        feature = "openapi",
        schema(value_type = String, pattern = "^(staff|admin)$", example = "staff")
    )]
    pub role: Role,
    pub status: MemberStatus,
    /// When the invitation was sent (pending invitations).
    pub invited_at: Option<String>,
    /// When the invitation stops working (pending invitations).
    pub invitation_expires_at: Option<String>,
    /// When an admin deactivated the member (deactivated members).
    pub deactivated_at: Option<String>,
    /// When the member last signed in, if they have since this was
    /// recorded.
    pub last_sign_in_at: Option<String>,
}

/// The team screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    /// The signed-in admin's own id: an admin changes nothing of their own
    /// account here.
    pub you: i64,
    /// Active members, then pending invitations, then deactivated members;
    /// each group by name.
    pub members: Vec<TeamMember>,
}

/// A team role as typed: `staff` or `admin`; anything else puts the field
/// `role` at fault.
pub fn team_role(raw: &str) -> Result<Role, FieldError> {
    Role::parse(raw.trim())
        .filter(|r| r.is_staff())
        .ok_or_else(|| FieldError::invalid("role"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_roles_are_staff_and_admin() {
        assert_eq!(team_role("staff"), Ok(Role::Staff));
        assert_eq!(team_role(" admin "), Ok(Role::Admin));
        for raw in ["diner", "", "root", "Admin"] {
            assert_eq!(team_role(raw), Err(FieldError::invalid("role")), "{raw}");
        }
    }

    #[test]
    fn statuses_round_trip_and_sort_active_first() {
        for s in MemberStatus::ALL {
            assert_eq!(MemberStatus::parse(s.as_str()), Some(s));
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::json!(s.as_str())
            );
        }
        assert!(MemberStatus::Active < MemberStatus::Pending);
        assert!(MemberStatus::Pending < MemberStatus::Deactivated);
        assert_eq!(MemberStatus::parse("gone"), None);
    }
}
