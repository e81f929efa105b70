//! `/api/admin/gallery`: the photos of the restaurant's page. Staff read
//! them; admins upload one (`multipart/form-data`: the file in the part
//! `photo`, optionally `alt_fr` and `alt_en`, under the uploads' own body
//! limit), say what each shows, order and remove them.

use super::menu::photos::upload_form;
use super::menu::{id, MoveIn, MAX_UPLOAD_BYTES};
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use app::ssr::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use backend::services::{setup, ServiceError};
use domain::{AltInput, GalleryPhoto};
use serde::Deserialize;
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/gallery",
            get(list_gallery)
                .post(add_gallery_photo)
                .layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route(
            "/api/admin/gallery/{id}",
            put(set_gallery_alt).delete(delete_gallery_photo),
        )
        .route("/api/admin/gallery/{id}/move", post(move_gallery_photo))
}

async fn read_gallery(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
) -> Result<Vec<GalleryPhoto>, ApiError> {
    service(setup::gallery(&state.store, caller.principal()).await, lang)
}

/// The gallery, in order: each photo's variants and what it shows in each
/// language. Staff and admins.
#[utoipa::path(get, path = "/api/admin/gallery", tag = "setup",
    security(("session" = [])),
    responses(
        (status = 200, description = "The gallery", body = Vec<GalleryPhoto>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn list_gallery(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<Vec<GalleryPhoto>>, ApiError> {
    Ok(Json(read_gallery(&state, &caller, lang).await?))
}

/// Adds a photo, last: `multipart/form-data` with one file in the part
/// `photo` (JPEG, PNG or WebP by its bytes; at most 15 MiB and 40
/// megapixels) and, optionally, what it shows in the parts `alt_fr` and
/// `alt_en` (at most 200 characters each). It is re-encoded without its
/// metadata into WebP and JPEG variants. A refused file is named on
/// `photo` (`unsupported_type`, `too_large`, `too_many_pixels`,
/// `unreadable`, `too_many`: 12 at most) and nothing is stored. Admins
/// only.
#[utoipa::path(post, path = "/api/admin/gallery", tag = "setup",
    request_body(content_type = "multipart/form-data", content = String, description = "One file in the part `photo`; optional text parts `alt_fr`, `alt_en`"),
    security(("session" = [])),
    responses(
        (status = 201, description = "The photo", body = GalleryPhoto),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 413, description = "Over 16 MiB", body = crate::api::shapes::ErrorOut),
        (status = 415, description = "Not a multipart form", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A file refused, no file, or words too long", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn add_gallery_photo(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<GalleryPhoto>), ApiError> {
    // Who first: a stranger's upload is not read, let alone decoded.
    service(setup::may_manage_setup(caller.principal()), lang)?;
    let form = upload_form(multipart, &["alt_fr", "alt_en"], lang).await?;
    let alt = AltInput {
        alt_fr: form.text("alt_fr"),
        alt_en: form.text("alt_en"),
    }
    .parse()
    .map_err(|errors| ApiError::fields(errors, lang))?;
    let photo = service(
        setup::add_gallery_photo(
            &state.store,
            &state.media,
            caller.principal(),
            form.photo,
            &alt,
            backend::now(),
        )
        .await,
        lang,
    )?;
    Ok((StatusCode::CREATED, Json(photo)))
}

/// `PUT /api/admin/gallery/{id}` body: what the photo shows.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AltIn {
    #[serde(default)]
    alt_fr: Option<String>,
    #[serde(default)]
    alt_en: Option<String>,
}

impl Fields for AltIn {
    const FIELDS: &'static [&'static str] = &["alt_fr", "alt_en"];
}

/// Says what a photo shows, in each language (at most 200 characters
/// each; empty for none). Admins only.
#[utoipa::path(put, path = "/api/admin/gallery/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The photo's id")),
    request_body = AltIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The photo", body = GalleryPhoto),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such photo", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Words too long or on several lines", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn set_gallery_alt(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<AltIn>,
) -> Result<Json<GalleryPhoto>, ApiError> {
    let id = id(&raw, lang)?;
    let alt = AltInput {
        alt_fr: body.alt_fr,
        alt_en: body.alt_en,
    }
    .parse()
    .map_err(|errors| ApiError::fields(errors, lang))?;
    service(
        setup::set_gallery_alt(&state.store, caller.principal(), id, &alt).await,
        lang,
    )?;
    read_gallery(&state, &caller, lang)
        .await?
        .into_iter()
        .find(|p| p.photo.id == id)
        .map(Json)
        .ok_or_else(|| ApiError::from_service(ServiceError::NotFound, lang))
}

/// Moves a photo one place earlier (`up`) or later (`down`). Admins only.
#[utoipa::path(post, path = "/api/admin/gallery/{id}/move", tag = "setup",
    params(("id" = i64, Path, description = "The photo's id")),
    request_body = MoveIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The gallery in its new order", body = Vec<GalleryPhoto>),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such photo", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not a direction", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn move_gallery_photo(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<MoveIn>,
) -> Result<Json<Vec<GalleryPhoto>>, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::move_gallery_photo(&state.store, caller.principal(), id, body.direction).await,
        lang,
    )?;
    Ok(Json(read_gallery(&state, &caller, lang).await?))
}

/// Removes a photo (its files too). Admins only.
#[utoipa::path(delete, path = "/api/admin/gallery/{id}", tag = "setup",
    params(("id" = i64, Path, description = "The photo's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such photo", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn delete_gallery_photo(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    service(
        setup::delete_gallery_photo(&state.store, &state.media, caller.principal(), id).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}
