//! `GET /api/admin/floor`: the live floor, every active table placed as
//! on its area's plan with what it is doing now. Staff change it through
//! the reservations (`POST /api/admin/reservations` for a walk-in,
//! `POST /api/admin/reservations/{id}/status` to seat or free a table).

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, Lang};
use app::ssr::AppState;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use backend::services::booking;
use domain::LiveFloor;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/admin/floor", get(live_floor))
}

/// The room now: each area with its active tables (place, shape, seats)
/// and what each is doing (`free`, `soon`: a booking due within 30
/// minutes or guests waiting, `seated` with the minutes since they sat
/// down against the planned turn, `late`, `blocked` with the block), the
/// booking that is about and the start of the next one today. Staff and
/// admins only.
#[utoipa::path(get, path = "/api/admin/floor", tag = "staff",
    security(("session" = [])),
    responses(
        (status = 200, description = "The room now", body = LiveFloor),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn live_floor(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<LiveFloor>, ApiError> {
    let floor = booking::live_floor(&state.store, backend::now(), caller.principal()).await;
    Ok(Json(service(floor, lang)?))
}
