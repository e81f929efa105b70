//! `/api/admin/areas`: the room's areas (dining room, terrace, bar…).
//! Staff read them; admins add, rename and remove them (an area with
//! tables stays: 409 `in_use`, `area_not_empty`).

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use crate::api::formats;
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use backend::services::{setup, ServiceError};
use domain::{Area, AreaForm, AreaInput};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/admin/areas", get(list_areas).post(create_area))
        .route(
            "/api/admin/areas/{id}",
            put(update_area).delete(delete_area),
        )
}

pub(super) fn id(raw: &str, lang: Lang) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .map_err(|_| ApiError::from_service(ServiceError::NotFound, lang))
}

/// `POST`/`PUT /api/admin/areas` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaIn {
    #[schema(value_type = formats::SetupName)]
    name: String,
}

impl Fields for AreaIn {
    const FIELDS: &'static [&'static str] = &["name"];
}

fn parse(body: AreaIn, lang: Lang) -> Result<AreaForm, ApiError> {
    AreaForm::parse(&AreaInput { name: body.name }).map_err(|errors| ApiError::fields(errors, lang))
}

async fn read(state: &AppState, caller: &Caller, id: i64, lang: Lang) -> Result<Area, ApiError> {
    let floor = service(setup::floor(&state.store, caller.principal()).await, lang)?;
    floor
        .areas
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| ApiError::from_service(ServiceError::NotFound, lang))
}

/// The areas, in the order staff read them, with how many tables each
/// holds. Staff and admins.
#[utoipa::path(get, path = "/api/admin/areas", tag = "setup",
    security(("session" = [])),
    responses(
        (status = 200, description = "The areas", body = Vec<Area>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn list_areas(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<Vec<Area>>, ApiError> {
    let floor = service(setup::floor(&state.store, caller.principal()).await, lang)?;
    Ok(Json(floor.areas))
}

/// A new area, last in the order. A name the restaurant already uses is
/// refused on `name` (`taken`). Admins only.
#[utoipa::path(post, path = "/api/admin/areas", tag = "setup",
    request_body = AreaIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "The area", body = Area),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A name that is empty, too long or taken", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn create_area(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<AreaIn>,
) -> Result<(StatusCode, Json<Area>), ApiError> {
    let form = parse(body, lang)?;
    let id = service(
        setup::create_area(&state.store, caller.principal(), &form).await,
        lang,
    )?;
    Ok((
        StatusCode::CREATED,
        Json(read(&state, &caller, id, lang).await?),
    ))
}

/// Renames an area (its tables follow). Admins only.
#[utoipa::path(put, path = "/api/admin/areas/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The area's id")),
    request_body = AreaIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The area", body = Area),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such area", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A name that is empty, too long or taken", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn update_area(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<AreaIn>,
) -> Result<Json<Area>, ApiError> {
    let id = id(&raw, lang)?;
    let form = parse(body, lang)?;
    service(
        setup::rename_area(&state.store, caller.principal(), id, &form).await,
        lang,
    )?;
    Ok(Json(read(&state, &caller, id, lang).await?))
}

/// Removes an area without tables (409 `in_use`, `area_not_empty`,
/// otherwise: move or remove its tables first). Admins only.
#[utoipa::path(delete, path = "/api/admin/areas/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The area's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such area", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "The area still has tables (`in_use`)", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_area(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::delete_area(&state.store, caller.principal(), id).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}
