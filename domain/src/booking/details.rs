//! One booking in full, for staff: its history (who changed what, from
//! what to what) and the internal notes staff write about it. Never sent
//! to a guest.

use super::staff::{StaffReservation, StaffTable};
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// `/admin/reservations/{id}`: the booking, its history and its notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffReservationDetails {
    pub reservation: StaffReservation,
    /// The language of the guest's e-mails (`fr`, `en`).
    pub locale: String,
    /// When it was made: RFC 3339 with the restaurant's offset, and local.
    pub created_at: String,
    pub created_local: String,
    /// Every change, oldest first.
    pub history: Vec<HistoryEntry>,
    /// Staff notes, oldest first.
    pub notes: Vec<InternalNote>,
    /// Whether a confirmation e-mail can be sent again now (an address,
    /// an active booking).
    pub can_resend: bool,
    /// The restaurant's active tables, to assign by hand.
    pub tables: Vec<StaffTable>,
    /// Its deposit or card guarantee: amounts, refunds, the fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<crate::payments::PaymentView>,
}

/// One line of a booking's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    /// RFC 3339 with the restaurant's offset, and the local
    /// `YYYY-MM-DD HH:MM`.
    pub at: String,
    pub at_local: String,
    /// `guest`, `staff` or `system`.
    pub actor: String,
    /// The staff member's name, if their account remains.
    pub by: Option<String>,
    /// What happened: `created`, `modified`, a status (`arrived`,
    /// `seated`, `completed`, `no_show`, `cancelled`, `confirmed`),
    /// `email_changed`, `confirmed_by_email`, `released_unconfirmed`,
    /// `confirmation_resent`.
    pub action: String,
    /// What changed, from → to.
    pub changes: Vec<HistoryChange>,
    /// Why (a staff cancellation's reason).
    pub reason: Option<String>,
}

/// One field of a change: `field` is `status`, `date`, `time`, `end`,
/// `tables`, `party_size`, `name`, `email`, `phone` or `notes`; the values
/// are ready to show (local dates and times, table names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryChange {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// A note staff wrote about a booking (never shown to the guest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InternalNote {
    pub id: i64,
    pub text: String,
    /// RFC 3339 with the restaurant's offset, and local.
    pub at: String,
    pub at_local: String,
    /// Who wrote it, if their account remains.
    pub by: Option<String>,
}

impl InternalNote {
    pub const MAX_CHARS: usize = 1000;

    /// A note as typed, trimmed: 1 to [`Self::MAX_CHARS`] characters,
    /// lines and tabs allowed, no other control or hidden format
    /// characters.
    pub fn parse_text(raw: &str) -> Result<String, FieldError> {
        bounded_text(raw, Self::MAX_CHARS, "text")
    }
}

/// The reason staff give for cancelling a booking (kept in its history).
pub struct CancelReason;

impl CancelReason {
    pub const MAX_CHARS: usize = 300;

    /// 1 to [`Self::MAX_CHARS`] characters, trimmed.
    pub fn parse(raw: &str) -> Result<String, FieldError> {
        bounded_text(raw, Self::MAX_CHARS, "reason")
    }
}

fn bounded_text(raw: &str, max: usize, field: &str) -> Result<String, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    let bad = text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\r' && c != '\t') || super::guest::is_hidden_format(c)
    });
    if bad || text.chars().count() > max {
        return Err(FieldError::invalid(field));
    }
    Ok(text.replace("\r\n", "\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_reasons_are_bounded_plain_text() {
        assert_eq!(
            InternalNote::parse_text("  Prefers the window\r\nVIP ").unwrap(),
            "Prefers the window\nVIP"
        );
        assert_eq!(
            InternalNote::parse_text("   ").unwrap_err(),
            FieldError::new("text", "required")
        );
        assert_eq!(
            InternalNote::parse_text("a\u{0}b").unwrap_err(),
            FieldError::invalid("text")
        );
        assert_eq!(
            InternalNote::parse_text("a\u{202e}b").unwrap_err(),
            FieldError::invalid("text")
        );
        assert!(InternalNote::parse_text(&"é".repeat(1000)).is_ok());
        assert!(InternalNote::parse_text(&"é".repeat(1001)).is_err());
        assert_eq!(
            CancelReason::parse(" Kitchen closed ").unwrap(),
            "Kitchen closed"
        );
        assert_eq!(
            CancelReason::parse("").unwrap_err(),
            FieldError::new("reason", "required")
        );
        assert!(CancelReason::parse(&"x".repeat(301)).is_err());
    }
}
