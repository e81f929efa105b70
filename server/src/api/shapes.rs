//! Wire shapes shared by several resources: a reservation as answered, the
//! partial update body, the signed-in user, and the error envelope (for the
//! OpenAPI document; [`super::error::ApiError`] writes it).

use super::error::{ApiError, Fields, Lang};
use domain::{ReservationPatch, ReservationPatchInput, ReservationView, UserView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Every error answer: `{"error": {...}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorOut {
    error: ErrorDetailOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetailOut {
    /// Stable code: `invalid_input`, `not_found`, `slot_unavailable`,
    /// `too_late`, `conflict`, `unauthorized`, `forbidden`, `rate_limited`,
    /// `unavailable`, `internal`.
    code: String,
    /// Human-readable, in the language of `Accept-Language` (fr or en).
    message: String,
    /// The (first) input field at fault, for `invalid_input`.
    field: Option<String>,
    /// Every input field at fault, in form order, when several are checked
    /// together.
    fields: Option<Vec<FieldErrorOut>>,
    /// Why the slot cannot be booked, for `slot_unavailable`; why a password
    /// was refused (`too_short`, `too_long`, `too_common`).
    reason: Option<String>,
    /// The nearest bookable slots, for `slot_unavailable`.
    alternatives: Option<Vec<AlternativeOut>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldErrorOut {
    field: String,
    /// `invalid`, `required`, ...
    reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AlternativeOut {
    date: String,
    time: String,
    start: String,
}

/// A reservation as its guest (or staff) sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReservationOut {
    reference: String,
    /// `confirmed`, `seated`, `completed`, `cancelled`, `no_show` or `pending_payment`.
    status: String,
    date: String,
    time: String,
    start: String,
    end: String,
    party_size: u32,
    name: String,
    email: String,
    phone: String,
    notes: String,
    locale: String,
    /// The guest may still modify or cancel online.
    can_change: bool,
    /// Online changes stop this many minutes before the start.
    cancel_cutoff_minutes: u32,
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
        }
    }
}

/// A partial update of a reservation: the fields to change; those left out
/// keep their value. Merged into the booking inside its transaction, so
/// concurrent updates of different fields both survive.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateReservationIn {
    /// `YYYY-MM-DD`, local to the restaurant.
    #[serde(default)]
    #[schema(example = "2026-12-02")]
    date: Option<String>,
    /// `HH:MM`, one of the day's slots.
    #[serde(default)]
    #[schema(example = "19:30")]
    time: Option<String>,
    #[serde(default)]
    #[schema(minimum = 1)]
    party_size: Option<i64>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
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
            party_size: body.party_size,
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
    phone: String,
    locale: String,
    /// `diner`, `staff` or `admin`.
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
