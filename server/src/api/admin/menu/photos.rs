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
use domain::Photo;

/// An upload form as read: the one file of its part `photo`, and the text
/// parts it may have.
pub struct UploadForm {
    pub photo: Vec<u8>,
    /// `(part, text)` of the text parts, in the order sent.
    pub texts: Vec<(String, String)>,
}

impl UploadForm {
    /// The text of part `name`, if sent.
    pub fn text(&self, name: &str) -> Option<String> {
        self.texts
            .iter()
            .find(|(part, _)| part == name)
            .map(|(_, text)| text.clone())
    }
}

/// The one file of an upload's part `photo`; 422 on `photo` without one.
pub async fn photo_bytes(
    multipart: Result<Multipart, MultipartRejection>,
    lang: Lang,
) -> Result<Vec<u8>, ApiError> {
    Ok(upload_form(multipart, &[], lang).await?.photo)
}

/// Reads an upload form: one file in the part `photo` and, besides it,
/// only the text parts named in `texts` (each at most 4 KiB); 422 on
/// `photo` for anything else or without a file.
pub async fn upload_form(
    multipart: Result<Multipart, MultipartRejection>,
    texts: &[&str],
    lang: Lang,
) -> Result<UploadForm, ApiError> {
    let too_large = || ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", lang);
    let mut multipart = multipart.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "invalid_input", lang)
        }
    })?;
    let mut found: Option<Vec<u8>> = None;
    let mut read = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large()),
            Err(_) => return Err(ApiError::invalid("photo", lang)),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let is_text = texts.contains(&name.as_str()) && !read.iter().any(|(n, _)| *n == name);
        if !is_text && (name != "photo" || found.is_some()) {
            return Err(ApiError::invalid("photo", lang));
        }
        let bytes = field.bytes().await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large()
            } else {
                ApiError::invalid("photo", lang)
            }
        })?;
        if is_text {
            let text = String::from_utf8(bytes.to_vec())
                .ok()
                .filter(|t| t.len() <= 4096)
                .ok_or_else(|| ApiError::invalid(&name, lang))?;
            read.push((name, text));
        } else {
            found = Some(bytes.to_vec());
        }
    }
    match found {
        Some(photo) if !photo.is_empty() => Ok(UploadForm { photo, texts: read }),
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
        (status = 201, description = "The photo", body = Photo),
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
) -> Result<(StatusCode, Json<Photo>), ApiError> {
    let id = id(&raw, lang)?;
    // Who first: a stranger's upload is not read, let alone decoded.
    service(setup::may_manage_setup(caller.principal()), lang)?;
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
