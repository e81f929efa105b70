//! `/api/reservations/manage/{token}`: a guest's booking, opened by its
//! secret manage token (view, change, cancel, calendar file).

use super::error::{service, ApiError, ApiJson, Lang};
use super::shapes::{ReservationOut, UpdateReservationIn};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use backend::services::booking;
use serde::Serialize;
use utoipa::ToSchema;

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
        .route("/api/reservations/confirm/{token}", post(confirm))
}

/// What a used confirmation link answers: the booking, and a new manage
/// token for it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConfirmedOut {
    reservation: ReservationOut,
    /// The secret that opens `/manage/{token}`.
    manage_token: String,
}

/// Uses the link e-mailed to prove an address: the booking's e-mails move
/// to the new address, or a large party's held booking is confirmed. The
/// link works once, before it expires; the guest gets an e-mail either way.
#[utoipa::path(
    post, path = "/api/reservations/confirm/{token}", tag = "manage",
    params(("token" = String, Path, description = "The token of the e-mailed link")),
    responses(
        (status = 200, description = "Done", body = ConfirmedOut, links(
            ("manage" = (operation_id = "get_managed", parameters(("token" = "$response.body#/manage_token")))),
        )),
        (status = 404, description = "The link is unknown, used, replaced or expired, or the held booking was released", body = super::shapes::ErrorOut),
    )
)]
pub async fn confirm(
    State(state): State<AppState>,
    lang: Lang,
    Path(token): Path<String>,
) -> Result<Json<ConfirmedOut>, ApiError> {
    let done = service(
        booking::use_email_proof(&state.store, backend::now(), &token).await,
        lang,
    )?;
    Ok(Json(ConfirmedOut {
        reservation: done.reservation.into(),
        manage_token: done.manage_token,
    }))
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
/// The change is merged into the booking inside its transaction. A new
/// e-mail address takes effect once it is confirmed from the link mailed to
/// it (`pending_email` until then; the current address is told); a booking
/// may ask that three times a day, and an address be asked three times.
#[utoipa::path(
    put, path = "/api/reservations/manage/{token}", tag = "manage",
    params(("token" = String, Path, description = "The manage token")),
    request_body = UpdateReservationIn,
    responses(
        (status = 200, description = "The changed reservation", body = ReservationOut),
        (status = 404, description = "No reservation has this token", body = super::shapes::ErrorOut),
        (status = 409, description = "Slot unavailable (`slot_unavailable`), or past the cut-off or not active any more (`too_late`)", body = super::shapes::ErrorOut),
        (status = 422, description = "Invalid input (`fields` names each field at fault): also a date outside the booking window or a time that is not one of the day's seatings", body = super::shapes::ErrorOut),
        (status = 429, description = "Too many changes of the e-mail address today, for this booking or for the new address", body = super::shapes::ErrorOut),
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
        booking::cancel(&state.store, &state.payments, backend::now(), &token).await,
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
