//! Wire shapes shared by several resources: a reservation as answered, the
//! partial update body, the signed-in user, and the error envelope (for the
//! OpenAPI document; [`super::error::ApiError`] writes it).

use super::error::{ApiError, Fields, Lang};
use super::formats;
use domain::{PartySize, ReservationPatch, ReservationPatchInput, ReservationView, UserView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every error answer: `{"error": {...}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorOut {
    error: ErrorDetailOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetailOut {
    /// Stable code.
    #[schema(value_type = ErrorCode)]
    code: String,
    /// Human-readable, in the language of `Accept-Language` (fr or en).
    message: String,
    /// The (first) input field at fault, for `invalid_input`.
    field: Option<String>,
    /// Every input field at fault, in form order, when several are checked
    /// together.
    fields: Option<Vec<FieldErrorOut>>,
    /// Why the slot cannot be booked, for `slot_unavailable`; why a password
    /// was refused (`too_short`, `too_long`, `too_common`); what is still
    /// in use, for `in_use` (`area_not_empty`, `table_in_use`,
    /// `table_has_history`).
    reason: Option<String>,
    /// The nearest bookable slots, for `slot_unavailable`.
    alternatives: Option<Vec<AlternativeOut>>,
}

/// The stable error codes.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    SlotUnavailable,
    TooLate,
    StatusRefused,
    TableTaken,
    InUse,
    LastAdmin,
    Conflict,
    Unauthorized,
    Forbidden,
    RateLimited,
    Unavailable,
    PaymentUnavailable,
    Internal,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldErrorOut {
    field: String,
    /// `invalid`, `required`, ...
    reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AlternativeOut {
    #[schema(value_type = formats::Date)]
    date: String,
    #[schema(value_type = formats::Time)]
    time: String,
    #[schema(schema_with = formats::instant)]
    start: String,
}

/// A reservation as its guest (or staff) sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReservationOut {
    reference: String,
    #[schema(value_type = formats::Status)]
    status: String,
    #[schema(value_type = formats::Date)]
    date: String,
    #[schema(value_type = formats::Time)]
    time: String,
    #[schema(schema_with = formats::instant)]
    start: String,
    #[schema(schema_with = formats::instant)]
    end: String,
    #[schema(value_type = formats::PartySize)]
    party_size: u32,
    name: String,
    email: String,
    /// E.164.
    phone: String,
    notes: String,
    #[schema(value_type = formats::Locale)]
    locale: String,
    /// The guest may still modify or cancel online.
    can_change: bool,
    /// Online changes stop this many minutes before the start.
    cancel_cutoff_minutes: u32,
    /// The address the guest asked to move the booking's e-mails to, until
    /// that address confirms it (a link was e-mailed to it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pending_email: Option<String>,
    /// Its deposit or card guarantee, when the restaurant asked one.
    #[serde(skip_serializing_if = "Option::is_none")]
    payment: Option<domain::PaymentView>,
    /// What cancelling now would refund of the deposit.
    #[serde(skip_serializing_if = "Option::is_none")]
    refund_if_cancelled_cents: Option<i64>,
}

impl From<ReservationView> for ReservationOut {
    fn from(r: ReservationView) -> Self {
        ReservationOut {
            reference: r.reference,
            status: r.status.as_str().to_owned(),
            date: r.date,
            time: r.time,
            start: r.start,
            end: r.end,
            party_size: r.party_size,
            name: r.name,
            email: r.email,
            phone: r.phone,
            notes: r.notes,
            locale: r.locale.as_str().to_owned(),
            can_change: r.can_change,
            cancel_cutoff_minutes: r.cancel_cutoff_minutes,
            pending_email: r.pending_email,
            payment: r.payment,
            refund_if_cancelled_cents: r.refund_if_cancelled_cents,
        }
    }
}

/// A partial update of a reservation: the fields to change; those left out
/// keep their value. Merged into the booking inside its transaction, so
/// concurrent updates of different fields both survive.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateReservationIn {
    /// Local to the restaurant, from today to a year ahead.
    #[serde(default)]
    #[schema(value_type = Option<formats::Date>)]
    date: Option<String>,
    /// One of the day's seatings.
    #[serde(default)]
    #[schema(value_type = Option<formats::Time>)]
    time: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<formats::PartySize>)]
    party_size: Option<formats::Whole>,
    #[serde(default)]
    #[schema(value_type = Option<formats::GuestName>)]
    name: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<formats::Email>)]
    email: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<formats::Phone>)]
    phone: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<formats::Notes>)]
    notes: Option<String>,
}

impl Fields for UpdateReservationIn {
    const FIELDS: &'static [&'static str] = &[
        "date",
        "time",
        "party_size",
        "name",
        "email",
        "phone",
        "notes",
    ];
}

impl UpdateReservationIn {
    /// The validated patch, or every field at fault.
    pub fn parse(self, lang: Lang) -> Result<ReservationPatch, ApiError> {
        ReservationPatch::parse(&self.into()).map_err(|errors| ApiError::fields(errors, lang))
    }
}

impl From<UpdateReservationIn> for ReservationPatchInput {
    fn from(body: UpdateReservationIn) -> Self {
        ReservationPatchInput {
            date: body.date,
            time: body.time,
            party_size: body.party_size.map(|n| n.0),
            name: body.name,
            email: body.email,
            phone: body.phone,
            notes: body.notes,
        }
    }
}

/// The signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    email: String,
    name: String,
    /// E.164, or empty when the account has none.
    phone: String,
    #[schema(value_type = formats::Locale)]
    locale: String,
    #[schema(value_type = formats::Role)]
    role: String,
    email_verified: bool,
}

impl From<UserView> for UserOut {
    fn from(u: UserView) -> Self {
        UserOut {
            email: u.email,
            name: u.name,
            phone: u.phone,
            locale: u.locale.as_str().to_owned(),
            role: u.role.as_str().to_owned(),
            email_verified: u.email_verified,
        }
    }
}

/// A party size as a query or body gives it.
pub fn party(n: i64, lang: Lang) -> Result<PartySize, ApiError> {
    PartySize::parse(n).map_err(|e| ApiError::invalid(e.field(), lang))
}
