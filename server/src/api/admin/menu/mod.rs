//! `/api/admin/menu/...`: the menu. Staff read it and mark dishes sold out
//! for the day; admins change categories, dishes and photos. One module
//! per resource: `categories`, `items` (with their availability today) and
//! `photos` (`multipart/form-data`, one file in the part `photo`, under
//! their own body limit, [`MAX_UPLOAD_BYTES`]); everything else is JSON.

pub mod categories;
pub mod items;
pub mod photos;

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, Fields, Lang};
use app::ssr::AppState;
use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post, put};
use axum::Router;
use backend::services::{setup, ServiceError};
use domain::{Direction, MenuCategory, MenuItem};
use serde::Deserialize;
use utoipa::ToSchema;

pub use photos::photo_bytes;

/// The largest upload request: the largest photo accepted
/// ([`backend::media::ImageLimits`]) and the form's framing.
pub const MAX_UPLOAD_BYTES: usize = 16 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/menu/categories",
            get(categories::list_menu).post(categories::create_category),
        )
        .route(
            "/api/admin/menu/categories/{id}",
            put(categories::update_category).delete(categories::delete_category),
        )
        .route(
            "/api/admin/menu/categories/{id}/move",
            post(categories::move_category),
        )
        .route("/api/admin/menu/items", post(items::create_item))
        .route(
            "/api/admin/menu/items/{id}",
            get(items::get_item)
                .put(items::update_item)
                .delete(items::delete_item),
        )
        .route("/api/admin/menu/items/{id}/move", post(items::move_item))
        .route(
            "/api/admin/menu/items/{id}/availability",
            put(items::set_availability),
        )
        .route(
            "/api/admin/menu/items/{id}/photos",
            post(photos::add_photo).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/api/admin/menu/photos/{id}", delete(photos::delete_photo))
}

/// Whether a request is a photo upload (its body limit is
/// [`MAX_UPLOAD_BYTES`], not the API's usual one).
pub fn is_upload(method: &http::Method, path: &str) -> bool {
    method == http::Method::POST
        && ((path.ends_with("/photos")
            && (path.starts_with("/api/admin/menu/items/")
                || path.starts_with("/admin/menu/items/")))
            || path == "/api/admin/gallery"
            || path == "/admin/settings/gallery")
}

/// A path's id; anything else is no such thing (404).
pub(in crate::api::admin) fn id(raw: &str, lang: Lang) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .map_err(|_| ApiError::from_service(ServiceError::NotFound, lang))
}

/// `POST …/move` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveIn {
    pub(super) direction: Direction,
}

impl Fields for MoveIn {
    const FIELDS: &'static [&'static str] = &["direction"];
}

pub(super) async fn read_menu(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
) -> Result<Vec<MenuCategory>, ApiError> {
    service(
        setup::menu(&state.store, caller.principal(), backend::now()).await,
        lang,
    )
}

pub(super) async fn read_category(
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

pub(super) async fn read_item(
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
