//! `/api/admin/reservations/...`: staff actions on a booking, by id.

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use crate::api::formats;
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};
use backend::services::{booking, ServiceError};
use domain::{ReservationStatus, StaffReservation};
use serde::Deserialize;
use utoipa::ToSchema;

pub mod details;
pub mod list;
pub mod taken;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(list::routes())
        .merge(details::routes())
        .route("/api/admin/reservations/{id}/status", post(set_status))
}

/// `PUT /api/admin/reservations/{id}` body: what is left out stays.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveIn {
    /// The new date (the restaurant's calendar).
    #[serde(default)]
    #[schema(value_type = Option<formats::Date>)]
    date: Option<String>,
    /// The new local start time.
    #[serde(default)]
    #[schema(value_type = Option<formats::Time>)]
    time: Option<String>,
    /// The new length, 15 to 1,440 minutes.
    #[serde(default)]
    #[schema(value_type = Option<i64>, minimum = 15, maximum = 1440)]
    duration_minutes: Option<formats::Whole>,
    /// The tables (ids from `GET /api/admin/day`): one table, or the tables
    /// of one of the restaurant's combinations.
    #[serde(default)]
    #[schema(value_type = Option<Vec<i64>>)]
    tables: Option<Vec<formats::Whole>>,
    /// A new party size, 1 to 500 (staff are not bound by the online
    /// maximum; the tables must seat it).
    #[serde(default)]
    #[schema(value_type = Option<i64>, minimum = 1, maximum = 500)]
    party_size: Option<formats::Whole>,
}

impl Fields for MoveIn {
    const FIELDS: &'static [&'static str] =
        &["date", "time", "duration_minutes", "tables", "party_size"];
}

/// Staff move a booking to another time or table, or change its length or
/// party size (the timeline's drag, resize and "Move to…", the details
/// page). Re-checked against the
/// other bookings inside one transaction: another booking on the table at
/// that time answers 409 `table_taken`; more guests than seats, or tables
/// that are not a combination, 422 naming `tables` (`too_small`,
/// `not_combinable`); a booking that is no longer active, 409
/// `status_refused`. A refusal changes nothing. The guest is e-mailed when
/// the date, time or party size changes.
#[utoipa::path(put, path = "/api/admin/reservations/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The reservation's id (`id` in `GET /api/admin/day`)")),
    request_body = MoveIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "Moved; the booking as it is now", body = StaffReservation),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such reservation", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "The table is taken then (`table_taken`), or the booking is no longer active (`status_refused`)", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Invalid input, or tables that cannot seat the party (`fields`)", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn move_one(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<MoveIn>,
) -> Result<Json<StaffReservation>, ApiError> {
    let id = reservation_id(&id, lang)?;
    let date = match body.date.as_deref() {
        Some(raw) => Some(service(booking::parse_date(raw), lang)?),
        None => None,
    };
    let time = match body.time.as_deref() {
        Some(raw) => Some(service(booking::parse_time(raw), lang)?),
        None => None,
    };
    let duration_minutes = match body.duration_minutes {
        Some(d) => {
            Some(u32::try_from(d.0).map_err(|_| ApiError::invalid("duration_minutes", lang))?)
        }
        None => None,
    };
    let party_size = match body.party_size {
        Some(p) => Some(u32::try_from(p.0).map_err(|_| ApiError::invalid("party_size", lang))?),
        None => None,
    };
    let to = booking::Placement {
        party_size,
        date,
        time,
        duration_minutes,
        table_ids: body
            .tables
            .map(|ids| ids.into_iter().map(|id| id.0).collect()),
    };
    let moved =
        booking::move_booking(&state.store, backend::now(), caller.principal(), id, to).await;
    Ok(Json(service(moved, lang)?))
}

/// `POST /api/admin/reservations/{id}/status` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    /// The new status: `arrived`, `seated`, `completed`, `no_show`,
    /// `cancelled`, or `confirmed` (to take an arrival or a no-show back).
    #[schema(value_type = formats::Status)]
    status: String,
}

impl Fields for StatusIn {
    const FIELDS: &'static [&'static str] = &["status"];
}

/// A reservation id from the path; anything else names no reservation.
pub fn reservation_id(raw: &str, lang: Lang) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .map_err(|_| ApiError::from_service(ServiceError::NotFound, lang))
}

/// Staff move a booking along the service: arrived → seated → completed,
/// or no-show, or cancelled (the guest is e-mailed). A change the current
/// status does not allow (completing a cancelled booking, seating a
/// completed one) answers 409 `status_refused` and changes nothing; taking
/// a no-show back when its table has been given away answers 409
/// `conflict`. Every change is in the booking's history with the staff
/// member.
#[utoipa::path(post, path = "/api/admin/reservations/{id}/status", tag = "staff",
    params(("id" = i64, Path, description = "The reservation's id (`id` in `GET /api/admin/day`)")),
    request_body = StatusIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "Changed; the booking as it is now", body = StaffReservation),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such reservation", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "Not allowed from the current status (`status_refused`), or the table is taken (`conflict`)", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not a status", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StatusIn>,
) -> Result<Json<StaffReservation>, ApiError> {
    let id = reservation_id(&id, lang)?;
    let status = ReservationStatus::parse(body.status.trim())
        .ok_or_else(|| ApiError::invalid("status", lang))?;
    let changed =
        booking::set_status(&state.store, backend::now(), caller.principal(), id, status).await;
    Ok(Json(service(changed, lang)?))
}
