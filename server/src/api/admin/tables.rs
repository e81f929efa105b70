//! `/api/admin/tables`: the room's tables, their seats and their places on
//! their area's floor plan. Staff read them; admins add, change and remove
//! them. Every change shows on `GET /api/availability` at once. A table
//! that bookings hold from now on stays until they are moved: its bookings
//! are listed with the free tables proposed for each, and moved there when
//! the admin confirms.

use super::areas::id;
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use crate::api::formats;
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use backend::services::setup;
use domain::floor::{MAX_CELL, MAX_SEATS, MAX_SIZE};
use domain::{FloorTable, TableBooking, TableForm, TableInput};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/admin/tables", get(list_tables).post(create_table))
        .route(
            "/api/admin/tables/{id}",
            put(update_table).delete(delete_table),
        )
        .route("/api/admin/tables/{id}/bookings", get(table_bookings))
        .route("/api/admin/tables/{id}/reassign", post(reassign_table))
}

fn yes() -> bool {
    true
}

/// `POST`/`PUT /api/admin/tables` body: every field of the table.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TableIn {
    #[schema(value_type = formats::SetupName)]
    name: String,
    /// The area it stands in (`GET /api/admin/areas`).
    area_id: i64,
    #[schema(minimum = 1, maximum = 50)]
    min_seats: i64,
    /// At least `min_seats`.
    #[schema(minimum = 1, maximum = 50)]
    max_seats: i64,
    /// Offered online (default true); otherwise kept for the phone and
    /// walk-ins.
    #[serde(default = "yes")]
    bookable_online: bool,
    /// In use (default true).
    #[serde(default = "yes")]
    active: bool,
    /// `round`, `square` or `rectangle`.
    #[schema(pattern = "^(round|square|rectangle)$")]
    shape: String,
    /// Cells from the plan's top left corner.
    #[schema(minimum = 0, maximum = 99)]
    x: i64,
    #[schema(minimum = 0, maximum = 99)]
    y: i64,
    /// Size in cells.
    #[schema(minimum = 1, maximum = 12)]
    width: i64,
    #[schema(minimum = 1, maximum = 12)]
    height: i64,
    /// Degrees: 0, 45, 90 or 135.
    #[schema(minimum = 0, maximum = 135, multiple_of = 45)]
    rotation: i64,
}

impl Fields for TableIn {
    const FIELDS: &'static [&'static str] = &[
        "name",
        "area_id",
        "min_seats",
        "max_seats",
        "bookable_online",
        "active",
        "shape",
        "x",
        "y",
        "width",
        "height",
        "rotation",
    ];
}

// The documented bounds are the domain's.
const _: () = assert!(MAX_SEATS == 50 && MAX_CELL == 99 && MAX_SIZE == 12);

fn parse(b: TableIn, lang: Lang) -> Result<TableForm, ApiError> {
    TableForm::parse(&TableInput {
        name: b.name,
        area_id: b.area_id,
        min_seats: b.min_seats,
        max_seats: b.max_seats,
        bookable_online: b.bookable_online,
        active: b.active,
        shape: b.shape,
        x: b.x,
        y: b.y,
        width: b.width,
        height: b.height,
        rotation: b.rotation,
    })
    .map_err(|errors| ApiError::fields(errors, lang))
}

/// Every table, by area (in the areas' order), then by name. Staff and
/// admins.
#[utoipa::path(get, path = "/api/admin/tables", tag = "setup",
    security(("session" = [])),
    responses(
        (status = 200, description = "The tables", body = Vec<FloorTable>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn list_tables(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<Vec<FloorTable>>, ApiError> {
    let floor = service(setup::floor(&state.store, caller.principal()).await, lang)?;
    Ok(Json(floor.tables))
}

/// A new table. Refused on the field at fault: a name the restaurant
/// already uses (`taken`), an unknown area (`area_id`, `unknown`), fewer
/// seats at most than at least (`max_seats`, `below_min`). Admins only.
#[utoipa::path(post, path = "/api/admin/tables", tag = "setup",
    request_body = TableIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "The table", body = FloorTable),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Fields that are not valid, each named", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn create_table(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<TableIn>,
) -> Result<(StatusCode, Json<FloorTable>), ApiError> {
    let form = parse(body, lang)?;
    let table = setup::create_table(&state.store, caller.principal(), &form).await;
    Ok((StatusCode::CREATED, Json(service(table, lang)?)))
}

/// Writes every field of a table. Deactivating it, or giving it fewer
/// seats than a party it holds from now on, answers 409 `in_use`
/// (`table_in_use`): those bookings are moved first. Admins only.
#[utoipa::path(put, path = "/api/admin/tables/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The table's id")),
    request_body = TableIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The table", body = FloorTable),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such table", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "Bookings from now on hold it (`in_use`)", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Fields that are not valid, each named", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn update_table(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<TableIn>,
) -> Result<Json<FloorTable>, ApiError> {
    let id = id(&raw, lang)?;
    let form = parse(body, lang)?;
    let table =
        setup::update_table(&state.store, backend::now(), caller.principal(), id, &form).await;
    Ok(Json(service(table, lang)?))
}

/// Removes a table no booking ever held, with the combinations it was in.
/// One that bookings hold from now on answers 409 `in_use`
/// (`table_in_use`); one that past bookings held, 409 `in_use`
/// (`table_has_history`): deactivate it instead. Admins only.
#[utoipa::path(delete, path = "/api/admin/tables/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The table's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such table", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "Bookings hold or held it (`in_use`)", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_table(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::delete_table(&state.store, backend::now(), caller.principal(), id).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}

/// The bookings that hold a table from now on (what keeps it from being
/// removed or deactivated: 409 `table_in_use`), each with the free tables
/// proposed for it, or none (move it by hand). Admins only.
#[utoipa::path(get, path = "/api/admin/tables/{id}/bookings", tag = "setup",
    params(("id" = i64, Path, description = "The table's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The bookings, by time", body = Vec<TableBooking>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such table", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn table_bookings(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<Json<Vec<TableBooking>>, ApiError> {
    let id = id(&raw, lang)?;
    let bookings =
        setup::table_bookings(&state.store, backend::now(), caller.principal(), id).await;
    Ok(Json(service(bookings, lang)?))
}

/// Moves every booking of a table to the tables proposed for it (each
/// re-checked as a staff move; the guests are not e-mailed, only the
/// table changes). Answers what stays on the table: nothing free then, or
/// taken meanwhile. Admins only.
#[utoipa::path(post, path = "/api/admin/tables/{id}/reassign", tag = "setup",
    params(("id" = i64, Path, description = "The table's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The bookings still on the table", body = Vec<TableBooking>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such table", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn reassign_table(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<Json<Vec<TableBooking>>, ApiError> {
    let id = id(&raw, lang)?;
    let left = setup::reassign_table(&state.store, backend::now(), caller.principal(), id).await;
    Ok(Json(service(left, lang)?))
}
