//! `/api/admin/menu/items`: the dishes, their order in their category,
//! and whether the kitchen still has them today.

use super::{id, read_item, read_menu, MoveIn};
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use backend::services::setup;
use domain::{ItemForm, ItemInput, MenuCategory, MenuItem};
use serde::Deserialize;
use utoipa::ToSchema;

/// `POST`/`PUT /api/admin/menu/items` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemIn {
    category_id: i64,
    /// 1–80 characters.
    name_fr: String,
    /// 1–80 characters.
    name_en: String,
    /// At most 600 characters.
    #[serde(default)]
    description_fr: String,
    /// At most 600 characters.
    #[serde(default)]
    description_en: String,
    /// As written: `18`, `18.5`, `18,50` (at most 99999.99).
    price: String,
    /// EU allergens: `gluten`, `crustaceans`, `eggs`, `fish`, `peanuts`,
    /// `soybeans`, `milk`, `nuts`, `celery`, `mustard`, `sesame`,
    /// `sulphites`, `lupin`, `molluscs`.
    #[serde(default)]
    allergens: Vec<String>,
    /// `vegetarian`, `vegan`, `gluten_free`, `dairy_free`, `halal`,
    /// `kosher`.
    #[serde(default)]
    diets: Vec<String>,
}

impl Fields for ItemIn {
    const FIELDS: &'static [&'static str] = &[
        "category_id",
        "name_fr",
        "name_en",
        "description_fr",
        "description_en",
        "price",
        "allergens",
        "diets",
    ];
}

/// `PUT …/availability` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityIn {
    /// `false`: sold out for the rest of the restaurant's day.
    available: bool,
}

impl Fields for AvailabilityIn {
    const FIELDS: &'static [&'static str] = &["available"];
}

fn parse_item(body: ItemIn, lang: Lang) -> Result<ItemForm, ApiError> {
    ItemForm::parse(&ItemInput {
        category_id: body.category_id,
        name_fr: body.name_fr,
        name_en: body.name_en,
        description_fr: body.description_fr,
        description_en: body.description_en,
        price: body.price,
        allergens: body.allergens,
        diets: body.diets,
    })
    .map_err(|errors| ApiError::fields(errors, lang))
}

/// One dish. Staff and admins.
#[utoipa::path(get, path = "/api/admin/menu/items/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The dish's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "The dish", body = MenuItem),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such dish", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn get_item(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<Json<MenuItem>, ApiError> {
    let id = id(&raw, lang)?;
    Ok(Json(read_item(&state, &caller, id, lang).await?))
}

/// A new dish, last in its category. A category that is not the
/// restaurant's is refused on `category_id`. Admins only.
#[utoipa::path(post, path = "/api/admin/menu/items", tag = "setup",
    request_body = ItemIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "The dish", body = MenuItem),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Every field at fault", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn create_item(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<ItemIn>,
) -> Result<(StatusCode, Json<MenuItem>), ApiError> {
    let form = parse_item(body, lang)?;
    let id = service(
        setup::create_item(&state.store, caller.principal(), &form).await,
        lang,
    )?;
    Ok((
        StatusCode::CREATED,
        Json(read_item(&state, &caller, id, lang).await?),
    ))
}

/// Writes every field of a dish; moved to another category, it goes last
/// there. Admins only.
#[utoipa::path(put, path = "/api/admin/menu/items/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The dish's id")),
    request_body = ItemIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The dish", body = MenuItem),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such dish", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Every field at fault", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn update_item(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<ItemIn>,
) -> Result<Json<MenuItem>, ApiError> {
    let id = id(&raw, lang)?;
    let form = parse_item(body, lang)?;
    service(
        setup::update_item(&state.store, caller.principal(), id, &form).await,
        lang,
    )?;
    Ok(Json(read_item(&state, &caller, id, lang).await?))
}

/// Removes a dish and its photos. Admins only.
#[utoipa::path(delete, path = "/api/admin/menu/items/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The dish's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such dish", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_item(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::delete_item(&state.store, &state.media, caller.principal(), id).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves a dish one place up or down in its category. Admins only.
#[utoipa::path(post, path = "/api/admin/menu/items/{id}/move", tag = "setup",
    params(("id" = i64, Path, description = "The dish's id")),
    request_body = MoveIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The menu in its new order", body = Vec<MenuCategory>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such dish", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not a direction", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn move_item(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<MoveIn>,
) -> Result<Json<Vec<MenuCategory>>, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::move_item(&state.store, caller.principal(), id, body.direction).await,
        lang,
    )?;
    Ok(Json(read_menu(&state, &caller, lang).await?))
}

/// Sold out for the rest of the restaurant's day (`false`), or back on the
/// menu (`true`); a dish sold out yesterday is back by itself. Staff and
/// admins.
#[utoipa::path(put, path = "/api/admin/menu/items/{id}/availability", tag = "setup",
    params(("id" = i64, Path, description = "The dish's id")),
    request_body = AvailabilityIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The dish", body = MenuItem),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such dish", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not a boolean", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn set_availability(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<AvailabilityIn>,
) -> Result<Json<MenuItem>, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::set_available(
            &state.store,
            caller.principal(),
            id,
            body.available,
            backend::now(),
        )
        .await,
        lang,
    )?;
    Ok(Json(read_item(&state, &caller, id, lang).await?))
}
