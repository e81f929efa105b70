//! `POST /api/admin/reservations`: a booking staff take on the phone, or a
//! walk-in seated now.

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use crate::api::formats;
use app::ssr::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use backend::services::booking;
use domain::{StaffBooking, StaffBookingInput, StaffReservation};
use serde::Deserialize;
use utoipa::ToSchema;

/// `POST /api/admin/reservations` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TakeIn {
    #[schema(value_type = formats::TakenSource)]
    source: String,
    /// Required on the phone; a walk-in without a date and time sits down
    /// now.
    #[serde(default)]
    #[schema(value_type = Option<formats::Date>)]
    date: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<formats::Time>)]
    time: Option<String>,
    /// 1 to 500 (staff are not bound by the online maximum).
    #[schema(value_type = i64, minimum = 1, maximum = 500)]
    party_size: formats::Whole,
    /// 15 to 1,440; the party's turn time when left out.
    #[serde(default)]
    #[schema(value_type = Option<i64>, minimum = 15, maximum = 1440)]
    duration_minutes: Option<formats::Whole>,
    /// One table, or the tables of a combination (ids from `GET
    /// /api/admin/day`); the best free ones when left out.
    #[serde(default)]
    #[schema(value_type = Option<Vec<i64>>)]
    tables: Option<Vec<formats::Whole>>,
    /// Required on the phone.
    #[serde(default)]
    #[schema(value_type = Option<formats::GuestName>)]
    name: Option<String>,
    /// The guest is e-mailed when given (phone bookings).
    #[serde(default)]
    #[schema(value_type = Option<formats::Email>)]
    email: Option<String>,
    /// On the phone, a phone number or an e-mail address is required.
    #[serde(default)]
    #[schema(value_type = Option<formats::Phone>)]
    phone: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<formats::Notes>)]
    notes: Option<String>,
    /// The language of the guest's e-mails (default French).
    #[serde(default)]
    #[schema(value_type = Option<formats::Locale>)]
    locale: Option<String>,
    /// Staff go beyond the online rules (outside the booking window, a
    /// larger party, over the pacing); tables must still be free.
    #[serde(default, rename = "override")]
    override_rules: bool,
}

impl Fields for TakeIn {
    const FIELDS: &'static [&'static str] = &[
        "source",
        "date",
        "time",
        "party_size",
        "duration_minutes",
        "tables",
        "name",
        "email",
        "phone",
        "notes",
        "locale",
        "override",
    ];
}

/// Staff take a booking: `phone` (checked against the online rules
/// unless `override`; the guest e-mailed when an address is given) or
/// `walk_in` (seated now without a date and time). Chosen tables are
/// checked like a move; otherwise the best free tables are picked. A
/// refusal changes nothing: 409 `slot_unavailable` with the reason and
/// the nearest alternatives (the online rules), 409 `table_taken`, or 422
/// naming each field at fault.
#[utoipa::path(post, path = "/api/admin/reservations", tag = "staff",
    request_body = TakeIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "Booked; the booking as staff see it", body = StaffReservation),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "Outside the online rules without `override`, or no free table (`slot_unavailable`); a chosen table is taken (`table_taken`)", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Invalid input (`fields` names each one), or tables that cannot seat the party", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn take(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<TakeIn>,
) -> Result<(StatusCode, Json<StaffReservation>), ApiError> {
    let input = StaffBookingInput {
        source: Some(body.source),
        date: body.date,
        time: body.time,
        party_size: Some(body.party_size.0.to_string()),
        duration_minutes: body.duration_minutes.map(|d| d.0.to_string()),
        tables: body
            .tables
            .unwrap_or_default()
            .into_iter()
            .map(|t| t.0)
            .collect(),
        name: body.name,
        email: body.email,
        phone: body.phone,
        notes: body.notes,
        locale: body.locale,
        override_rules: body.override_rules,
    };
    let booking = StaffBooking::parse(&input).map_err(|fields| ApiError::fields(fields, lang))?;
    let taken =
        booking::take_booking(&state.store, backend::now(), caller.principal(), booking).await;
    Ok((StatusCode::CREATED, Json(service(taken, lang)?)))
}
