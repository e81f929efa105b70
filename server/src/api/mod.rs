//! The public JSON API under `/api`, documented by OpenAPI
//! (`GET /api/openapi.json`, rendered at `GET /api/docs`). Handlers call the
//! same services as the server functions of the web pages.
//!
//! One module per resource, each with its own `routes()`: `availability`,
//! `reservations`, `manage` (by token), `auth`. Below them: `caller` (who
//! is calling, as an extractor), `shapes` (wire shapes shared by several
//! resources), `error` (the error envelope and the extractors that answer
//! with it), `formats` (input formats as schemas, from the domain's limits),
//! `answers` (the statuses every operation shares) and `docs`.

pub mod answers;
pub mod auth;
pub mod availability;
pub mod caller;
pub mod docs;
pub mod error;
pub mod formats;
pub mod manage;
pub mod reservations;
pub mod shapes;

use answers::CommonAnswers;
use app::state::AppState;
use axum::routing::get;
use axum::{Json, Router};
use shapes::{AlternativeOut, ErrorDetailOut, ErrorOut, FieldErrorOut};
use utoipa::OpenApi;

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
        availability::day_availability,
        availability::month_availability,
        reservations::create,
        manage::get_managed,
        manage::update_managed,
        manage::cancel_managed,
        manage::calendar,
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
        reservations::list,
        reservations::get_one,
        reservations::update_one,
        reservations::cancel_one,
    ),
    components(schemas(
        ErrorOut,
        ErrorDetailOut,
        FieldErrorOut,
        AlternativeOut,
        formats::Date,
        formats::Month,
        formats::PartySize,
    )),
    modifiers(&CommonAnswers),
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
        .merge(availability::routes())
        .merge(reservations::routes())
        .merge(manage::routes())
        .merge(auth::routes())
        .route(
            "/api/openapi.json",
            get(|| async { Json(ApiDoc::openapi()) }),
        )
        .route("/api/docs", get(docs::page))
}
