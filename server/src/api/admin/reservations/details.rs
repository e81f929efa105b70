//! One booking for staff, by id: `GET` its details (history and internal
//! notes), `DELETE` (cancel with a reason), `POST .../notes` and
//! `POST .../resend` (the confirmation e-mail again).

use super::reservation_id;
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use crate::api::formats;
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use backend::services::booking;
use domain::{InternalNote, StaffReservation, StaffReservationDetails};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/reservations/{id}",
            get(details).delete(cancel).put(super::move_one),
        )
        .route("/api/admin/reservations/{id}/notes", post(add_note))
        .route("/api/admin/reservations/{id}/resend", post(resend))
}

/// A booking with its history (every change: who, when, what from → to)
/// and the notes staff wrote about it. Staff and admins only.
#[utoipa::path(get, path = "/api/admin/reservations/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The reservation's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The booking, its history and its notes", body = StaffReservationDetails),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such reservation", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn details(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<Json<StaffReservationDetails>, ApiError> {
    let id = reservation_id(&id, lang)?;
    let found =
        booking::reservation_details(&state.store, backend::now(), caller.principal(), id).await;
    Ok(Json(service(found, lang)?))
}

/// `DELETE /api/admin/reservations/{id}` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CancelIn {
    /// Why (kept in the booking's history).
    #[schema(value_type = formats::CancelReasonText)]
    reason: String,
    /// Words to the guest, in the cancellation e-mail.
    #[serde(default)]
    #[schema(value_type = Option<formats::Notes>)]
    message: Option<String>,
}

impl Fields for CancelIn {
    const FIELDS: &'static [&'static str] = &["reason", "message"];
}

/// Staff cancel a booking with a reason; the guest is e-mailed (with the
/// message, if any). A booking that is not active any more answers 409
/// `status_refused` and changes nothing.
#[utoipa::path(delete, path = "/api/admin/reservations/{id}", tag = "staff",
    params(("id" = i64, Path, description = "The reservation's id")),
    request_body = CancelIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "Cancelled; the booking as it is now", body = StaffReservation),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such reservation", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "Not active any more (`status_refused`)", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "No reason, or a reason or message that is too long", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CancelIn>,
) -> Result<Json<StaffReservation>, ApiError> {
    let id = reservation_id(&id, lang)?;
    let cancelled = booking::cancel_with_reason(
        &state.store,
        backend::now(),
        caller.principal(),
        id,
        &body.reason,
        body.message.as_deref(),
    )
    .await;
    Ok(Json(service(cancelled, lang)?))
}

/// `POST /api/admin/reservations/{id}/notes` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteIn {
    #[schema(value_type = formats::InternalNoteText)]
    text: String,
}

impl Fields for NoteIn {
    const FIELDS: &'static [&'static str] = &["text"];
}

/// Staff add an internal note to a booking (never shown to the guest),
/// signed with their name and the time.
#[utoipa::path(post, path = "/api/admin/reservations/{id}/notes", tag = "staff",
    params(("id" = i64, Path, description = "The reservation's id")),
    request_body = NoteIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "The note", body = InternalNote),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such reservation", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "An empty note, or one too long or with control characters (`text`)", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn add_note(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<NoteIn>,
) -> Result<(StatusCode, Json<InternalNote>), ApiError> {
    let id = reservation_id(&id, lang)?;
    let note = booking::add_note(
        &state.store,
        backend::now(),
        caller.principal(),
        id,
        &body.text,
    )
    .await;
    Ok((StatusCode::CREATED, Json(service(note, lang)?)))
}

/// Staff send the confirmation e-mail again, with a fresh manage link (a
/// guest who lost it). Rate-limited with the other mailing paths
/// (`RATE_LIMIT_BULK`). A booking without an e-mail address answers 422
/// on `email` (`missing`); one that is not active any more, 409
/// `status_refused`.
#[utoipa::path(post, path = "/api/admin/reservations/{id}/resend", tag = "staff",
    params(("id" = i64, Path, description = "The reservation's id")),
    security(("session" = [])),
    responses(
        (status = 202, description = "The e-mail is queued"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such reservation", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "Not active any more (`status_refused`)", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "The booking has no e-mail address", body = crate::api::shapes::ErrorOut),
        (status = 429, description = "Too many e-mails sent again; retry later", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn resend(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = reservation_id(&id, lang)?;
    let sent =
        booking::resend_confirmation(&state.store, backend::now(), caller.principal(), id).await;
    service(sent, lang)?;
    Ok(StatusCode::ACCEPTED)
}
