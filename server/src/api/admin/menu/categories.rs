//! `/api/admin/menu/categories`: the menu's categories, in order, each
//! with its dishes.

use super::{id, read_category, read_menu, MoveIn};
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use backend::services::setup;
use domain::{CategoryForm, CategoryInput, MenuCategory};
use serde::Deserialize;
use utoipa::ToSchema;

/// `POST`/`PUT /api/admin/menu/categories` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryIn {
    /// 1–80 characters.
    name_fr: String,
    /// 1–80 characters.
    name_en: String,
}

impl Fields for CategoryIn {
    const FIELDS: &'static [&'static str] = &["name_fr", "name_en"];
}

/// The menu: categories in order, each with its dishes in order and their
/// photos; `available` is false for a dish sold out today. Staff and
/// admins.
#[utoipa::path(get, path = "/api/admin/menu/categories", tag = "setup",
    security(("session" = [])),
    responses(
        (status = 200, description = "The menu", body = Vec<MenuCategory>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn list_menu(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<Vec<MenuCategory>>, ApiError> {
    Ok(Json(read_menu(&state, &caller, lang).await?))
}

/// A new category, last. Admins only.
#[utoipa::path(post, path = "/api/admin/menu/categories", tag = "setup",
    request_body = CategoryIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "The category", body = MenuCategory),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A name that is empty or too long", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn create_category(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<CategoryIn>,
) -> Result<(StatusCode, Json<MenuCategory>), ApiError> {
    let form = CategoryForm::parse(&CategoryInput {
        name_fr: body.name_fr,
        name_en: body.name_en,
    })
    .map_err(|errors| ApiError::fields(errors, lang))?;
    let id = service(
        setup::create_category(&state.store, caller.principal(), &form).await,
        lang,
    )?;
    Ok((
        StatusCode::CREATED,
        Json(read_category(&state, &caller, id, lang).await?),
    ))
}

/// Renames a category. Admins only.
#[utoipa::path(put, path = "/api/admin/menu/categories/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The category's id")),
    request_body = CategoryIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The category", body = MenuCategory),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such category", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A name that is empty or too long", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn update_category(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<CategoryIn>,
) -> Result<Json<MenuCategory>, ApiError> {
    let id = id(&raw, lang)?;
    let form = CategoryForm::parse(&CategoryInput {
        name_fr: body.name_fr,
        name_en: body.name_en,
    })
    .map_err(|errors| ApiError::fields(errors, lang))?;
    service(
        setup::update_category(&state.store, caller.principal(), id, &form).await,
        lang,
    )?;
    Ok(Json(read_category(&state, &caller, id, lang).await?))
}

/// Removes a category without dishes (409 `in_use`, `category_not_empty`,
/// otherwise). Admins only.
#[utoipa::path(delete, path = "/api/admin/menu/categories/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The category's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such category", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "The category still has dishes (`in_use`)", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_category(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::delete_category(&state.store, caller.principal(), id).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves a category one place up or down (the first stays first). Admins
/// only.
#[utoipa::path(post, path = "/api/admin/menu/categories/{id}/move", tag = "setup",
    params(("id" = i64, Path, description = "The category's id")),
    request_body = MoveIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The menu in its new order", body = Vec<MenuCategory>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such category", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not a direction", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn move_category(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<MoveIn>,
) -> Result<Json<Vec<MenuCategory>>, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::move_category(&state.store, caller.principal(), id, body.direction).await,
        lang,
    )?;
    Ok(Json(read_menu(&state, &caller, lang).await?))
}
