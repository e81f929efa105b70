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

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/admin/reservations/{id}/status", post(set_status))
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
