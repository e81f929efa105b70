//! `/api/reservations/manage/{token}`: a guest's booking, opened by its
//! secret manage token (view, change, cancel, calendar file).

use super::error::{service, ApiError, ApiJson, Lang};
use super::shapes::{ReservationOut, UpdateReservationIn};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use backend::services::booking;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/reservations/manage/{token}",
            get(get_managed).put(update_managed).delete(cancel_managed),
        )
        .route(
            "/api/reservations/manage/{token}/calendar.ics",
            get(calendar),
        )
}

/// The reservation a manage token opens.
#[utoipa::path(
    get, path = "/api/reservations/manage/{token}", tag = "manage",
    params(("token" = String, Path, description = "The manage token")),
    responses(
        (status = 200, description = "The reservation", body = ReservationOut),
        (status = 404, description = "No reservation has this token", body = super::shapes::ErrorOut),
    )
)]
pub async fn get_managed(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
) -> Result<Json<ReservationOut>, ApiError> {
    let view = service(
        booking::by_token(&state.store, backend::now(), &token).await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// Changes date, time, party size or guest details (fields left out keep
/// their value). A new slot is re-checked; the table is kept when possible.
/// The change is merged into the booking inside its transaction.
#[utoipa::path(
    put, path = "/api/reservations/manage/{token}", tag = "manage",
    params(("token" = String, Path, description = "The manage token")),
    request_body = UpdateReservationIn,
    responses(
        (status = 200, description = "The changed reservation", body = ReservationOut),
        (status = 404, description = "No reservation has this token", body = super::shapes::ErrorOut),
        (status = 409, description = "Slot unavailable (`slot_unavailable`), or past the cut-off or not active any more (`too_late`)", body = super::shapes::ErrorOut),
        (status = 422, description = "Invalid input (`fields` names each field at fault): also a date outside the booking window or a time that is not one of the day's seatings", body = super::shapes::ErrorOut),
    )
)]
pub async fn update_managed(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
    ApiJson(body): ApiJson<UpdateReservationIn>,
) -> Result<Json<ReservationOut>, ApiError> {
    let patch = body.parse(lang)?;
    let view = service(
        booking::modify(&state.store, backend::now(), &token, patch).await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// Cancels the reservation (up to the restaurant's cut-off). The
/// reservation is kept: the token opens it from then on with status
/// `cancelled`.
#[utoipa::path(
    delete, path = "/api/reservations/manage/{token}", tag = "manage",
    params(("token" = String, Path, description = "The manage token")),
    responses(
        (status = 200, description = "The cancelled reservation", body = ReservationOut),
        (status = 404, description = "No reservation has this token", body = super::shapes::ErrorOut),
        (status = 409, description = "Past the cut-off, or not active any more (`too_late`)", body = super::shapes::ErrorOut),
    )
)]
pub async fn cancel_managed(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
) -> Result<Json<ReservationOut>, ApiError> {
    let view = service(
        booking::cancel(&state.store, backend::now(), &token).await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// The reservation as an iCalendar file, to add it to a calendar.
#[utoipa::path(
    get, path = "/api/reservations/manage/{token}/calendar.ics", tag = "manage",
    params(("token" = String, Path, description = "The manage token")),
    responses(
        (status = 200, description = "An iCalendar file (METHOD:PUBLISH)", content_type = "text/calendar"),
        (status = 404, description = "No reservation has this token", body = super::shapes::ErrorOut),
    )
)]
pub async fn calendar(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
) -> Result<Response, ApiError> {
    let (reference, ics) = service(
        booking::calendar_file(&state.store, backend::now(), &token).await,
        lang,
    )?;
    let disposition = format!("attachment; filename=\"reservation-{reference}.ics\"");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        ics,
    )
        .into_response())
}
