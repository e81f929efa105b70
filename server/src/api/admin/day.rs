//! `GET /api/admin/day`: a day at the restaurant for the host stand (the
//! "Today" screen and the timeline read the same).

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, ApiQuery, Fields, Lang};
use crate::api::formats::{self, query};
use app::ssr::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use backend::services::booking;
use domain::{ShiftNote, StaffDay};
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/admin/day", get(day))
        .route("/api/admin/day/note", put(set_note))
}

/// `GET /api/admin/day` query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayQuery {
    #[serde(default)]
    date: Option<String>,
}

impl IntoParams for DayQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![query::<formats::Date>(
            "date",
            false,
            "The day (the restaurant's calendar); default today at the restaurant.",
        )]
    }
}

impl Fields for DayQuery {
    const FIELDS: &'static [&'static str] = &["date"];
}

/// A day for the host stand: its service periods (covers booked against
/// capacity, covers per slot against the pacing limit), the tables, and
/// every booking starting that day in any status, with its stage
/// (arriving soon, late, seated, ...), flags and the status changes staff
/// may make. Staff and admins only.
#[utoipa::path(get, path = "/api/admin/day", tag = "staff", params(DayQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "The day", body = StaffDay),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not a date", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn day(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<DayQuery>,
) -> Result<Json<StaffDay>, ApiError> {
    let date = match q.date.as_deref() {
        Some(raw) => Some(service(booking::parse_date(raw), lang)?),
        None => None,
    };
    let day = booking::day_sheet(&state.store, backend::now(), caller.principal(), date).await;
    Ok(Json(service(day, lang)?))
}

/// `PUT /api/admin/day/note` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteIn {
    /// The day (the restaurant's calendar).
    #[schema(value_type = formats::Date)]
    date: String,
    #[schema(value_type = formats::ShiftNoteText)]
    text: String,
}

impl Fields for NoteIn {
    const FIELDS: &'static [&'static str] = &["date", "text"];
}

/// Staff write the day's shift note (the last writer wins); `GET
/// /api/admin/day` shows it with who wrote it and when. Staff and admins
/// only.
#[utoipa::path(put, path = "/api/admin/day/note", tag = "staff", request_body = NoteIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The note as it is now", body = ShiftNote),
        (status = 204, description = "The note is removed (an empty text)"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not a date, or a note too long or with control characters (`note`)", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn set_note(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<NoteIn>,
) -> Result<Response, ApiError> {
    let date = service(booking::parse_date(&body.date), lang)?;
    let note = booking::set_shift_note(
        &state.store,
        backend::now(),
        caller.principal(),
        date,
        &body.text,
    )
    .await;
    Ok(match service(note, lang)? {
        Some(note) => Json(note).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    })
}
