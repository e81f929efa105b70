//! The public JSON API under `/api`, documented by OpenAPI
//! (`GET /api/openapi.json`, rendered at `GET /api/docs`). Handlers call the
//! same services as the server functions of the web pages.

pub mod auth;
pub mod booking;
pub mod docs;
pub mod error;

use app::ssr::AppState;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

/// Every error answer: `{"error": {...}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorOut {
    error: ErrorDetailOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetailOut {
    /// Stable code: `invalid_input`, `not_found`, `slot_unavailable`,
    /// `too_late`, `conflict`, `internal`.
    code: String,
    /// Human-readable, in the language of `Accept-Language` (fr or en).
    message: String,
    /// The input field at fault, for `invalid_input`.
    field: Option<String>,
    /// Why the slot cannot be booked, for `slot_unavailable`.
    reason: Option<String>,
    /// The nearest bookable slots, for `slot_unavailable`.
    alternatives: Option<Vec<AlternativeOut>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AlternativeOut {
    date: String,
    time: String,
    start: String,
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TechPlus reservations API",
        description = "Availability, booking and guest self-service for the restaurant. \
            Errors are `{\"error\": {\"code\", \"message\", ...}}` with the message in the \
            language of `Accept-Language` (French or English).",
        license(name = "AGPL-3.0-or-later"),
    ),
    paths(
        booking::day_availability,
        booking::month_availability,
        booking::create,
        booking::get_managed,
        booking::update_managed,
        booking::cancel_managed,
        booking::calendar,
        auth::register,
        auth::login,
        auth::logout,
        auth::refresh,
        auth::me,
        auth::forgot,
        auth::reset,
        auth::verify,
        auth::invite,
        auth::accept_invite,
        auth::set_role,
        auth::list,
        auth::get_one,
        auth::update_one,
        auth::cancel_one,
    ),
    components(schemas(ErrorOut, ErrorDetailOut, AlternativeOut)),
    tags(
        (name = "booking", description = "Availability and booking"),
        (name = "manage", description = "A guest's booking, by its secret manage token"),
        (name = "auth", description = "Accounts and sessions (cookie `techplus.sid`)"),
        (name = "account", description = "The signed-in user's bookings; staff see all"),
    )
)]
pub struct ApiDoc;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/availability", get(booking::day_availability))
        .route("/api/availability/month", get(booking::month_availability))
        .route(
            "/api/reservations",
            axum::routing::post(booking::create).get(auth::list),
        )
        .route(
            "/api/reservations/{reference}",
            get(auth::get_one)
                .put(auth::update_one)
                .delete(auth::cancel_one),
        )
        .route("/api/auth/register", axum::routing::post(auth::register))
        .route("/api/auth/login", axum::routing::post(auth::login))
        .route("/api/auth/logout", axum::routing::post(auth::logout))
        .route("/api/auth/refresh", axum::routing::post(auth::refresh))
        .route("/api/auth/me", get(auth::me))
        .route(
            "/api/auth/password/forgot",
            axum::routing::post(auth::forgot),
        )
        .route("/api/auth/password/reset", axum::routing::post(auth::reset))
        .route("/api/auth/verify", axum::routing::post(auth::verify))
        .route("/api/auth/invite", axum::routing::post(auth::invite))
        .route(
            "/api/auth/invite/accept",
            axum::routing::post(auth::accept_invite),
        )
        .route("/api/auth/role", axum::routing::put(auth::set_role))
        .route(
            "/api/reservations/manage/{token}",
            get(booking::get_managed)
                .put(booking::update_managed)
                .delete(booking::cancel_managed),
        )
        .route(
            "/api/reservations/manage/{token}/calendar.ics",
            get(booking::calendar),
        )
        .route(
            "/api/openapi.json",
            get(|| async { Json(ApiDoc::openapi()) }),
        )
        .route("/api/docs", get(docs::page))
}
