//! The installable app: `/manifest.webmanifest` (the restaurant's name,
//! icons, colours, shortcuts, in the visitor's language) and `/sw.js`, the
//! service worker (`sw.js` beside this file) stamped with this build's
//! version, so that a new build is a new worker.

use app::ssr::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;

/// The site's colour (the header's), as browsers paint the app's frame.
pub const THEME_COLOR: &str = "#7a2e1d";
/// The page background, shown while the app starts.
const BACKGROUND_COLOR: &str = "#fbf7f2";

/// `release`: the deployment's name (`TECHPLUS_RELEASE`), part of the
/// service worker's version.
pub fn routes(release: Option<String>) -> Router<AppState> {
    Router::new()
        .route("/manifest.webmanifest", get(manifest))
        .route("/icons/{name}", get(icon))
        .route(
            "/sw.js",
            get(move |state: State<AppState>| service_worker(state, release.clone())),
        )
}

/// The manifest for `name` (the restaurant's) in `lang`.
pub fn manifest_json(name: &str, description: &str, lang: &str) -> serde_json::Value {
    let icon = |src: &str, size: &str, purpose: &str| json!({ "src": src, "sizes": size, "type": "image/png", "purpose": purpose });
    let short_name: String = name.chars().take(12).collect();
    json!({
        "id": "/",
        "name": name,
        "short_name": short_name.trim_end(),
        "description": description,
        "lang": lang,
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            icon("/icons/icon-192.png", "192x192", "any"),
            icon("/icons/icon-512.png", "512x512", "any"),
            icon("/icons/icon-maskable-512.png", "512x512", "maskable"),
            { "src": "/favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any" },
        ],
        "shortcuts": app::app_shortcuts(lang).map(|(name, short_name, url)| json!({
            "name": name,
            "short_name": short_name,
            "url": url,
            "icons": [icon("/icons/icon-192.png", "192x192", "any")],
        })),
    })
}

async fn manifest(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let locale = crate::seo::page_language(&headers).as_str();
    let (name, description) = match backend::services::site::restaurant_info(&state.store).await {
        Ok(info) => {
            let tagline = info.tagline.get(locale).to_owned();
            (info.name, tagline)
        }
        // The app still installs: under the product's name.
        Err(e) => {
            tracing::warn!(error = %e, "manifest without the restaurant's name");
            ("TechPlus".to_owned(), String::new())
        }
    };
    let mut res = manifest_json(&name, &description, locale)
        .to_string()
        .into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/manifest+json"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::VARY,
        HeaderValue::from_static("cookie, accept-language"),
    );
    res
}

/// The app's icons, part of the binary (`server/assets/icons`, drawn by
/// `scripts/icons.mjs`): the manifest's, the home-screen icon, and link
/// previews when the restaurant has no photo.
const ICONS: [(&str, &[u8]); 4] = [
    (
        "icon-192.png",
        include_bytes!("../assets/icons/icon-192.png"),
    ),
    (
        "icon-512.png",
        include_bytes!("../assets/icons/icon-512.png"),
    ),
    (
        "icon-maskable-512.png",
        include_bytes!("../assets/icons/icon-maskable-512.png"),
    ),
    (
        "apple-touch-icon.png",
        include_bytes!("../assets/icons/apple-touch-icon.png"),
    ),
];

async fn icon(axum::extract::Path(name): axum::extract::Path<String>) -> Response {
    let Some((_, bytes)) = ICONS.iter().find(|(n, _)| *n == name) else {
        return axum::http::StatusCode::NOT_FOUND.into_response();
    };
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    res
}

/// This build's version: the client's and the stylesheet's file names (they carry their content's
/// hash), the server's version, the worker's own text and the release name.
fn build_version(state: &AppState, release: Option<&str>) -> String {
    use std::hash::{Hash, Hasher};
    let app::ClientFiles { js, wasm, css } = app::client_files(&state.leptos_options);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (
        env!("CARGO_PKG_VERSION"),
        js,
        wasm,
        css,
        include_str!("sw.js"),
        release,
    )
        .hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

async fn service_worker(State(state): State<AppState>, release: Option<String>) -> Response {
    let version = build_version(&state, release.as_deref());
    let script = include_str!("sw.js").replace("__VERSION__", &version);
    let mut res = script.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    // Browsers check for a new worker on every visit.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_the_cookie_then_the_browser_then_french() {
        let mut h = HeaderMap::new();
        assert_eq!(crate::seo::page_language(&h).as_str(), "fr");
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("de-DE, en-GB;q=0.8"),
        );
        assert_eq!(crate::seo::page_language(&h).as_str(), "en");
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; i18n_pref_locale=fr"),
        );
        assert_eq!(crate::seo::page_language(&h).as_str(), "fr");
    }

    #[test]
    fn a_long_name_is_shortened_for_the_home_screen() {
        let m = manifest_json("La Table de Marguerite", "", "en");
        assert_eq!(m["short_name"], "La Table de");
        assert_eq!(m["shortcuts"][0]["name"], "Book a table");
        assert_eq!(m["shortcuts"][1]["url"], "/admin");
    }
}
