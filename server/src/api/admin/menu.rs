//! `/api/admin/menu/...`: the menu. Staff read it and mark dishes sold out
//! for the day; admins change categories, dishes and photos. Photos come
//! as `multipart/form-data` (one file in the part `photo`) under their own
//! body limit ([`MAX_UPLOAD_BYTES`]); everything else is JSON.

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use app::ssr::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use backend::services::{setup, ServiceError};
use domain::{
    CategoryForm, CategoryInput, Direction, ItemForm, ItemInput, MenuCategory, MenuItem, MenuPhoto,
};
use serde::Deserialize;
use utoipa::ToSchema;

/// The largest upload request: the largest photo accepted
/// ([`backend::media::ImageLimits`]) and the form's framing.
pub const MAX_UPLOAD_BYTES: usize = 16 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/menu/categories",
            get(list_menu).post(create_category),
        )
        .route(
            "/api/admin/menu/categories/{id}",
            put(update_category).delete(delete_category),
        )
        .route(
            "/api/admin/menu/categories/{id}/move",
            post(move_category),
        )
        .route("/api/admin/menu/items", post(create_item))
        .route(
            "/api/admin/menu/items/{id}",
            get(get_item).put(update_item).delete(delete_item),
        )
        .route("/api/admin/menu/items/{id}/move", post(move_item))
        .route(
            "/api/admin/menu/items/{id}/availability",
            put(set_availability),
        )
        .route(
            "/api/admin/menu/items/{id}/photos",
            post(add_photo).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/api/admin/menu/photos/{id}", delete(delete_photo))
}

/// Whether a request is a photo upload (its body limit is
/// [`MAX_UPLOAD_BYTES`], not the API's usual one).
pub fn is_upload(method: &http::Method, path: &str) -> bool {
    method == http::Method::POST
        && path.ends_with("/photos")
        && (path.starts_with("/api/admin/menu/items/") || path.starts_with("/admin/menu/items/"))
}

fn id(raw: &str, lang: Lang) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .map_err(|_| ApiError::from_service(ServiceError::NotFound, lang))
}

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

/// `POST …/move` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveIn {
    direction: Direction,
}

impl Fields for MoveIn {
    const FIELDS: &'static [&'static str] = &["direction"];
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

async fn read_menu(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
) -> Result<Vec<MenuCategory>, ApiError> {
    service(
        setup::menu(&state.store, caller.principal(), backend::now()).await,
        lang,
    )
}

async fn read_category(
    state: &AppState,
    caller: &Caller,
    id: i64,
    lang: Lang,
) -> Result<MenuCategory, ApiError> {
    read_menu(state, caller, lang)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| ApiError::from_service(ServiceError::NotFound, lang))
}

async fn read_item(
    state: &AppState,
    caller: &Caller,
    id: i64,
    lang: Lang,
) -> Result<MenuItem, ApiError> {
    read_menu(state, caller, lang)
        .await?
        .into_iter()
        .flat_map(|c| c.items)
        .find(|i| i.id == id)
        .ok_or_else(|| ApiError::from_service(ServiceError::NotFound, lang))
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

/// The one file of an upload's part `photo`; 422 on `photo` without one.
pub async fn photo_bytes(
    multipart: Result<Multipart, MultipartRejection>,
    lang: Lang,
) -> Result<Vec<u8>, ApiError> {
    let mut multipart = multipart.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", lang)
        } else {
            ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "invalid_input",
                lang,
            )
        }
    })?;
    let mut found: Option<Vec<u8>> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    lang,
                ))
            }
            Err(_) => return Err(ApiError::invalid("photo", lang)),
        };
        if field.name() != Some("photo") || found.is_some() {
            return Err(ApiError::invalid("photo", lang));
        }
        let bytes = field.bytes().await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", lang)
            } else {
                ApiError::invalid("photo", lang)
            }
        })?;
        found = Some(bytes.to_vec());
    }
    match found {
        Some(bytes) if !bytes.is_empty() => Ok(bytes),
        _ => Err(ApiError::fields(
            vec![domain::FieldError::new("photo", "required")],
            lang,
        )),
    }
}

/// Adds a photo to a dish: `multipart/form-data` with one file in the part
/// `photo` (JPEG, PNG or WebP by its bytes, whatever its name; at most
/// 15 MiB and 40 megapixels). It is re-encoded without its metadata into
/// WebP and JPEG variants 400, 800 and 1600 pixels wide (no wider than the
/// original). A refused file is named on `photo` (`unsupported_type`,
/// `too_large`, `too_many_pixels`, `unreadable`, `too_many`) and nothing is
/// stored. Admins only.
#[utoipa::path(post, path = "/api/admin/menu/items/{id}/photos", tag = "setup",
    params(("id" = i64, Path, description = "The dish's id")),
    request_body(content_type = "multipart/form-data", content = String, description = "One file in the part `photo`"),
    security(("session" = [])),
    responses(
        (status = 201, description = "The photo", body = MenuPhoto),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such dish", body = crate::api::shapes::ErrorOut),
        (status = 413, description = "Over 16 MiB", body = crate::api::shapes::ErrorOut),
        (status = 415, description = "Not a multipart form", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A file refused, or no file", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn add_photo(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<MenuPhoto>), ApiError> {
    let id = id(&raw, lang)?;
    // Who first: a stranger's upload is not read, let alone decoded.
    service(
        backend::services::authz::authorize(
            caller.principal(),
            backend::services::authz::Action::ManageSetup,
        )
        .map(|_| ()),
        lang,
    )?;
    let bytes = photo_bytes(multipart, lang).await?;
    let photo = service(
        setup::add_photo(
            &state.store,
            &state.media,
            caller.principal(),
            id,
            bytes,
            backend::now(),
        )
        .await,
        lang,
    )?;
    Ok((StatusCode::CREATED, Json(photo)))
}

/// Removes a photo (its files too). Admins only.
#[utoipa::path(delete, path = "/api/admin/menu/photos/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The photo's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such photo", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_photo(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::delete_photo(&state.store, &state.media, caller.principal(), id).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}
