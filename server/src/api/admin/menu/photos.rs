//! `/api/admin/menu/items/{id}/photos` and `/api/admin/menu/photos/{id}`:
//! a dish's photos, uploaded as `multipart/form-data`.

use super::id;
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, Lang};
use app::ssr::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::Json;
use backend::services::setup;
use domain::MenuPhoto;

/// The one file of an upload's part `photo`; 422 on `photo` without one.
pub async fn photo_bytes(
    multipart: Result<Multipart, MultipartRejection>,
    lang: Lang,
) -> Result<Vec<u8>, ApiError> {
    let mut multipart = multipart.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", lang)
        } else {
            ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "invalid_input", lang)
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
