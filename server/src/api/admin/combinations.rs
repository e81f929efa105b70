//! `/api/admin/combinations`: tables that may be pushed together for a
//! larger party. Staff read them; admins add and remove them.

use super::areas::id;
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use crate::api::formats;
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use backend::services::{setup, ServiceError};
use domain::{CombinationForm, CombinationInput, TableCombination};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/combinations",
            get(list_combinations).post(create_combination),
        )
        .route("/api/admin/combinations/{id}", delete(delete_combination))
}

/// `POST /api/admin/combinations` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CombinationIn {
    #[schema(value_type = formats::SetupName)]
    name: String,
    /// Two to eight different tables' ids.
    #[schema(min_items = 2, max_items = 8)]
    tables: Vec<i64>,
}

impl Fields for CombinationIn {
    const FIELDS: &'static [&'static str] = &["name", "tables"];
}

/// The combinations, by name, with the largest party each seats. Staff and
/// admins.
#[utoipa::path(get, path = "/api/admin/combinations", tag = "setup",
    security(("session" = [])),
    responses(
        (status = 200, description = "The combinations", body = Vec<TableCombination>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn list_combinations(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<Vec<TableCombination>>, ApiError> {
    let floor = service(setup::floor(&state.store, caller.principal()).await, lang)?;
    Ok(Json(floor.combinations))
}

/// A new combination. Refused on the field at fault: a name already used
/// (`name`, `taken`), tables that are not the restaurant's (`tables`,
/// `unknown`). Admins only.
#[utoipa::path(post, path = "/api/admin/combinations", tag = "setup",
    request_body = CombinationIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "The combination", body = TableCombination),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Fields that are not valid, each named", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn create_combination(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<CombinationIn>,
) -> Result<(StatusCode, Json<TableCombination>), ApiError> {
    let form = CombinationForm::parse(&CombinationInput {
        name: body.name,
        tables: body.tables,
    })
    .map_err(|errors| ApiError::fields(errors, lang))?;
    let id = service(
        setup::create_combination(&state.store, caller.principal(), &form).await,
        lang,
    )?;
    let floor = service(setup::floor(&state.store, caller.principal()).await, lang)?;
    let made = floor
        .combinations
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ApiError::from_service(ServiceError::NotFound, lang))?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// Removes a combination (bookings that hold its tables keep them).
/// Admins only.
#[utoipa::path(delete, path = "/api/admin/combinations/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The combination's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such combination", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_combination(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::delete_combination(&state.store, caller.principal(), id).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}
