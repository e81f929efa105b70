//! `GET /api/admin/day`: a day at the restaurant for the host stand (the
//! "Today" screen and the timeline read the same).

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiQuery, Fields, Lang};
use crate::api::formats::{self, query};
use app::ssr::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use backend::services::booking;
use domain::StaffDay;
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/admin/day", get(day))
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
