//! The page a browser shows when the server fails (a handler that panicked):
//! a 500 in the site's style and the visitor's language, with the way home,
//! and never the cause. JSON callers (the API, server functions) get the
//! JSON error instead.

use crate::seo::xml_escape;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Whether the request is a page's (a browser navigating), not the API's.
pub fn wants_page(path: &str, headers: &HeaderMap) -> bool {
    !path.starts_with("/api/")
        && headers
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
}

/// The server-failure page in `locale`, styled by the site's stylesheet
/// (`css`, its hashed address).
pub fn internal_error(locale: domain::Locale, css: &str) -> Response {
    let [title, text, home] = app::error::server_error_texts(locale);
    let lang = locale.as_str();
    let body = format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title}</title>
<link rel="stylesheet" href="{css}">
</head>
<body>
<main id="main">
<section class="card not-found">
<h1>{title}</h1>
<p>{text}</p>
<p><a class="button button-primary" href="/">{home}</a></p>
</section>
</main>
</body>
</html>
"#,
        title = xml_escape(&title),
        text = xml_escape(&text),
        home = xml_escape(&home),
        css = xml_escape(css),
    );
    let mut res = (StatusCode::INTERNAL_SERVER_ERROR, body).into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_browser_navigating_gets_the_page() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"),
        );
        assert!(wants_page("/menu", &headers));
        assert!(!wants_page("/api/reservations", &headers));
        assert!(!wants_page("/menu", &HeaderMap::new()));
    }

    #[tokio::test]
    async fn the_page_is_translated_styled_and_says_no_cause() {
        let res = internal_error(domain::Locale::En, "/pkg/techplus.abc.css");
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(res.headers()[header::CACHE_CONTROL], "no-store");
        let body = axum::body::to_bytes(res.into_body(), 16 * 1024)
            .await
            .unwrap();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(html.contains(r#"<html lang="en">"#), "{html}");
        assert!(html.contains("Something went wrong on our side"), "{html}");
        assert!(html.contains(r#"href="/pkg/techplus.abc.css""#), "{html}");
        assert!(
            html.contains(r#"<a class="button button-primary" href="/">Back to the home page</a>"#)
        );
        let fr = internal_error(domain::Locale::Fr, "/x.css");
        let body = axum::body::to_bytes(fr.into_body(), 16 * 1024)
            .await
            .unwrap();
        assert!(String::from_utf8_lossy(&body).contains("Un problème de notre côté"));
    }
}
