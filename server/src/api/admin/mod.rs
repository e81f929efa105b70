//! `/api/admin/...`: what staff use to run a service. One module per
//! resource: `day` (the host stand's day), `reservations` (staff actions
//! on a booking).

pub mod day;
pub mod reservations;

use app::ssr::AppState;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(day::routes())
        .merge(reservations::routes())
}
