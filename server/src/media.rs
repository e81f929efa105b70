//! Uploaded photos: `GET /media/{key}` serves their stored variants with
//! long-lived cache headers (a key names one upload forever: a new photo
//! gets a new key), and `POST /admin/menu/items/{id}/photos` is the menu
//! screen's upload without a script: a plain form whose answer is a
//! redirect back to the screen, saying what happened.

use crate::api::admin::menu::{photo_bytes, MAX_UPLOAD_BYTES};
use crate::api::caller::Caller;
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
    Router::new().route("/media/{*key}", get(serve)).route(
        "/admin/menu/items/{id}/photos",
        post(upload_form).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
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
    if let Err(e) = backend::services::authz::authorize(
        caller.principal(),
        backend::services::authz::Action::ManageSetup,
    ) {
        return refused(code(&e));
    }
    let bytes = match photo_bytes(multipart, lang).await {
        Ok(bytes) => bytes,
        Err(e) => {
            let reason = e
                .fields
                .first()
                .map_or(e.code, |f| match f.reason.as_str() {
                    "required" => "required",
                    _ => "invalid",
                });
            return refused(reason);
        }
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
