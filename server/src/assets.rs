//! The site's static files under `/pkg` (the WASM client, its JS glue and
//! the style sheet): served from the build's precompressed variants when
//! the browser accepts them, and cached by name.
//!
//! - `cargo leptos build --release --precompress` writes `x.br` and `x.gz`
//!   beside each file; [`ServeDir`] picks one by `Accept-Encoding` (brotli
//!   first). Without them (debug builds) the compression layer of the router
//!   compresses on the fly.
//! - With `hash-files` (the workspace's leptos metadata) every file name
//!   carries a hash of its content, so a name never changes meaning: those
//!   answers are `immutable` for a year. A file without a hash in its name
//!   (a debug build without hashing, wasm-bindgen snippets) must be
//!   revalidated (`no-cache`, `Last-Modified`).

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use std::path::Path;
use tower_http::services::ServeDir;

/// A year, the longest lifetime caches honour; the name changes with the
/// content, so nothing stale is ever served.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Files whose name does not change with their content.
pub const REVALIDATE: &str = "no-cache";

/// `/pkg/*` served from `<site_root>/<pkg_dir>`.
pub fn routes<S: Clone + Send + Sync + 'static>(site_root: &str, pkg_dir: &str) -> Router<S> {
    let dir = Path::new(site_root).join(pkg_dir);
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false);
    Router::new()
        .nest_service(&format!("/{pkg_dir}"), files)
        .layer(axum::middleware::from_fn(cache_by_name))
}

async fn cache_by_name(req: Request, next: Next) -> Response {
    let hashed = file_name_is_hashed(req.uri().path());
    let mut res = next.run(req).await;
    if res.status().is_success() || res.status() == http::StatusCode::NOT_MODIFIED {
        let h = res.headers_mut();
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(if hashed { IMMUTABLE } else { REVALIDATE }),
        );
        // The same URL answers brotli, gzip or plain bytes.
        let varies = h
            .get_all(header::VARY)
            .iter()
            .any(|v| v.as_bytes().eq_ignore_ascii_case(b"accept-encoding"));
        if !varies {
            h.append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
    }
    res
}

/// Whether the last segment of `path` carries a content hash as cargo-leptos
/// writes it: `name.<hash>.ext` or `<hash>.ext`, the hash being an MD5 in
/// unpadded base64url (22 characters).
pub fn file_name_is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let mut parts: Vec<&str> = name.split('.').collect();
    if parts.len() < 2 {
        return false;
    }
    parts.pop(); // the extension
    parts.iter().any(|part| {
        part.len() == 22
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && part
                .bytes()
                .any(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    })
}

#[cfg(test)]
mod tests {
    use super::file_name_is_hashed;

    #[test]
    fn hashed_names_are_recognised() {
        assert!(file_name_is_hashed(
            "/pkg/techplus.Xq3v0lJ8kPp1aB2cD3eF4g.wasm"
        ));
        assert!(file_name_is_hashed(
            "/pkg/__wasm_split.Ab-_0123456789abcdefgh.js"
        ));
        assert!(file_name_is_hashed("/pkg/Xq3v0lJ8kPp1aB2cD3eF4g.wasm"));
        assert!(!file_name_is_hashed("/pkg/techplus.wasm"));
        assert!(!file_name_is_hashed("/pkg/techplus.css"));
        assert!(!file_name_is_hashed("/pkg/snippets/leptos-1a2b/inline0.js"));
        // 22 letters of a word are not a hash.
        assert!(!file_name_is_hashed("/pkg/abcdefghijklmnopqrstuv.js"));
        assert!(!file_name_is_hashed("/pkg/noextension"));
    }
}
