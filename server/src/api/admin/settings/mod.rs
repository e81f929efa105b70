//! `/api/admin/settings` and `/api/admin/audit`: the restaurant's page, the
//! booking rules, the weekly hours and their exceptions, and the log of
//! their changes. Staff read the settings; admins change them and read the
//! log. A change shows on `GET /api/availability` at once. A change of
//! hours answers with the bookings to come that now fall outside them
//! (none is cancelled).
//!
//! One module per part: the restaurant's page and rules (`page`), the
//! weekly hours and their exceptions (`schedule`), the log (`audit`).

mod audit;
mod page;
mod schedule;

pub use audit::*;
pub use page::*;
pub use schedule::*;

use app::ssr::AppState;
use axum::routing::{delete, get, post, put};
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/admin/settings", get(read_settings))
        .route("/api/admin/settings/restaurant", put(update_restaurant))
        .route("/api/admin/settings/rules", put(update_rules))
        .route("/api/admin/settings/hours", post(set_hours))
        .route("/api/admin/settings/hours/{id}", delete(delete_hours))
        .route("/api/admin/settings/exceptions", post(create_exception))
        .route(
            "/api/admin/settings/exceptions/{id}",
            delete(delete_exception),
        )
        .route("/api/admin/audit", get(audit))
}
