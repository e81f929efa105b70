//! Uploaded photos: `GET /media/{key}` serves their stored variants with
//! long-lived cache headers (a key names one upload forever: a new photo
//! gets a new key), and `POST /admin/menu/items/{id}/photos` is the menu
//! screen's upload without a script, `POST /admin/settings/gallery` the
//! settings screen's (a photo of the restaurant's gallery): plain forms
//! whose answer is a redirect back to the screen, saying what happened.

use crate::api::admin::menu::photos::upload_form as read_upload;
use crate::api::admin::menu::{photo_bytes, MAX_UPLOAD_BYTES};
use crate::api::caller::Caller;
use crate::api::error::ApiError;
use crate::api::error::Lang;
use app::ssr::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use backend::media::valid_key;
use backend::services::{setup, ServiceError};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/media/{*key}", get(serve))
        .route(
            "/admin/menu/items/{id}/photos",
            post(upload_form).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route(
            "/admin/settings/gallery",
            post(gallery_form).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
}

fn content_type(key: &str) -> Option<&'static str> {
    match key.rsplit_once('.')?.1 {
        "webp" => Some("image/webp"),
        "jpg" => Some("image/jpeg"),
        _ => None,
    }
}

async fn serve(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    let Some(kind) = content_type(&key).filter(|_| valid_key(&key)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.media.get(&key).await {
        Ok(Some(bytes)) => {
            let mut res = bytes.into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            );
            res
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "a photo could not be read");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The plain form's upload: back to the dish on the menu screen with
/// `photo=added`, or with `photo_error=` the refusal's reason.
async fn upload_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let Ok(id) = raw.parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = |query: String| Redirect::to(&format!("/admin/menu?edit={id}&{query}#photos"));
    if caller.principal().is_none() {
        return Redirect::to("/login?next=/admin/menu").into_response();
    }
    let refused = |reason: &str| back(format!("photo_error={reason}")).into_response();
    if let Err(e) = setup::may_manage_setup(caller.principal()) {
        return refused(code(&e));
    }
    let bytes = match photo_bytes(multipart, lang).await {
        Ok(bytes) => bytes,
        Err(e) => return refused(form_reason(&e)),
    };
    match setup::add_photo(
        &state.store,
        &state.media,
        caller.principal(),
        id,
        bytes,
        backend::now(),
    )
    .await
    {
        Ok(_) => back("photo=added".into()).into_response(),
        Err(e) => refused(code(&e)),
    }
}

/// The settings screen's plain upload of a gallery photo (with what it
/// shows): back to the gallery with `gallery=added`, or with
/// `gallery_error=` the refusal's reason.
async fn gallery_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let back = |query: &str| Redirect::to(&format!("/admin/settings?{query}#gallery"));
    if caller.principal().is_none() {
        return Redirect::to("/login?next=/admin/settings").into_response();
    }
    let refused = |reason: &str| back(&format!("gallery_error={reason}")).into_response();
    if let Err(e) = setup::may_manage_setup(caller.principal()) {
        return refused(code(&e));
    }
    let form = match read_upload(multipart, &["alt_fr", "alt_en"], lang).await {
        Ok(form) => form,
        Err(e) => return refused(form_reason(&e)),
    };
    let alt = match (domain::AltInput {
        alt_fr: form.text("alt_fr"),
        alt_en: form.text("alt_en"),
    })
    .parse()
    {
        Ok(alt) => alt,
        Err(fields) => {
            return refused(
                fields
                    .first()
                    .map_or("invalid", |f| match f.reason.as_str() {
                        "too_long" => "alt_too_long",
                        _ => "alt_invalid",
                    }),
            )
        }
    };
    match setup::add_gallery_photo(
        &state.store,
        &state.media,
        caller.principal(),
        form.photo,
        &alt,
        backend::now(),
    )
    .await
    {
        Ok(_) => back("gallery=added").into_response(),
        Err(e) => refused(code(&e)),
    }
}

/// An unreadable upload form as the screen's reason code.
fn form_reason(e: &ApiError) -> &'static str {
    e.fields
        .first()
        .map_or(e.code, |f| match f.reason.as_str() {
            "required" => "required",
            _ => "invalid",
        })
}

/// A service error as the screen's reason code.
fn code(e: &ServiceError) -> &'static str {
    match e {
        ServiceError::Refused { reason, .. } => reason,
        ServiceError::NotFound => "not_found",
        ServiceError::Unauthorized => "unauthorized",
        ServiceError::Forbidden => "forbidden",
        ServiceError::Busy { .. } | ServiceError::RateLimited { .. } => "busy",
        _ => "internal",
    }
}
