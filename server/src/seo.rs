//! For search engines: `robots.txt`, `sitemap.xml`, and the `?lang=` that
//! gives every page one address per language.
//!
//! A page is served in the visitor's language (the language cookie, then
//! `Accept-Language`). `?lang=fr` or `?lang=en` overrides both for that
//! request, so a crawler (which sends neither) reaches each language at
//! its own address; the hydrated client then remembers the language shown,
//! as the switcher does. Pages name those addresses in their head
//! (`app::ui::seo`).

use app::ssr::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The languages a page can be asked for with `?lang=`.
pub const LANGUAGES: [&str; 2] = app::ui::seo::LANGUAGES;

/// What crawlers may index: the public pages, not the staff's, the
/// account's, a booking's or the API.
const DISALLOWED: [&str; 7] = [
    "/admin", "/account", "/api/", "/manage", "/lang/", "/book/", "/login",
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/robots.txt", get(robots))
        .route("/sitemap.xml", get(sitemap))
}

async fn robots(State(state): State<AppState>) -> Response {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    for path in DISALLOWED {
        text.push_str(&format!("Disallow: {path}\n"));
    }
    text.push_str(&format!("\nSitemap: {}/sitemap.xml\n", state.public_url));
    plain(text, "text/plain; charset=utf-8")
}

/// Every public page in every language, each naming its alternates.
async fn sitemap(State(state): State<AppState>) -> Response {
    plain(
        sitemap_xml(&state.public_url),
        "application/xml; charset=utf-8",
    )
}

pub fn sitemap_xml(site: &str) -> String {
    let site = xml_escape(site);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for path in app::SITEMAP_PAGES {
        for lang in LANGUAGES {
            xml.push_str(&format!(
                "  <url>\n    <loc>{}</loc>\n",
                app::ui::seo::page_url(&site, path, lang)
            ));
            for alternate in LANGUAGES {
                xml.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{alternate}\" href=\"{}\"/>\n",
                    app::ui::seo::page_url(&site, path, alternate)
                ));
            }
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{site}{path}\"/>\n  </url>\n"
            ));
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `text` safe inside XML or HTML text and attribute values.
pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn plain(body: String, content_type: &'static str) -> Response {
    let mut res = body.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    res
}

/// The language a query names (`lang=fr`), when it is one we have.
pub fn query_language(query: Option<&str>) -> Option<&'static str> {
    query?
        .split('&')
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find_map(|value| LANGUAGES.into_iter().find(|l| *l == value))
}

/// `target` without its `lang=` parameter: the language switcher's way
/// back must not pin the language it just left.
pub fn without_language(target: &str) -> String {
    let Some((path, query)) = target.split_once('?') else {
        return target.to_owned();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
        .collect();
    if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// Serves a page asked for with `?lang=xx` in that language: the request's
/// language cookie is replaced by `xx` before anything reads it (the page
/// cache's key included). The answer sets no cookie.
pub async fn language_from_query(mut req: Request, next: Next) -> Response {
    if let Some(lang) = query_language(req.uri().query()) {
        let mut cookies: Vec<String> = req
            .headers()
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .map(str::trim)
            .filter(|c| {
                !c.is_empty()
                    && c.split_once('=').map_or(*c, |(name, _)| name).trim() != app::LOCALE_COOKIE
            })
            .map(str::to_owned)
            .collect();
        cookies.push(format!("{}={lang}", app::LOCALE_COOKIE));
        let headers = req.headers_mut();
        headers.remove(header::COOKIE);
        if let Ok(value) = HeaderValue::from_str(&cookies.join("; ")) {
            headers.insert(header::COOKIE, value);
        }
    }
    next.run(req).await
}

/// The language of the visitor: the language cookie (which `?lang=` sets
/// for the request), then `Accept-Language`, then French.
pub fn page_language(headers: &axum::http::HeaderMap) -> domain::Locale {
    language_cookie(headers)
        .and_then(|value| domain::Locale::parse(&value).ok())
        .unwrap_or_else(|| {
            let accepted = headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            domain::Locale::from_accept_language(accepted)
        })
}

/// The language cookie's value in a request, if it has one.
pub fn language_cookie(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(name, _)| name.trim() == app::LOCALE_COOKIE)
        .map(|(_, value)| value.trim().to_owned())
}

/// Drops a page's `Set-Cookie` of the language cookie when it only says
/// again what the request sent: the translations library writes it on
/// every render, without the year-long lifetime the switcher gave it
/// (the browser would forget the choice with the session), and a page
/// that sets a cookie cannot be kept by the page cache.
pub async fn drop_echoed_language_cookie(req: Request, next: Next) -> Response {
    let Some(sent) = language_cookie(req.headers()) else {
        return next.run(req).await;
    };
    let mut res = next.run(req).await;
    let echo = format!("{}={sent}", app::LOCALE_COOKIE);
    let all: Vec<HeaderValue> = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .cloned()
        .collect();
    let kept: Vec<HeaderValue> = all
        .iter()
        .filter(|v| {
            v.to_str().map_or(true, |v| {
                v.split(';').next().map(str::trim) != Some(echo.as_str())
            })
        })
        .cloned()
        .collect();
    if kept.len() != all.len() {
        let h = res.headers_mut();
        h.remove(header::SET_COOKIE);
        for value in kept {
            h.append(header::SET_COOKIE, value);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_language_we_have_is_taken_from_the_query() {
        assert_eq!(query_language(Some("lang=en")), Some("en"));
        assert_eq!(query_language(Some("diet=vegan&lang=fr")), Some("fr"));
        assert_eq!(query_language(Some("lang=de")), None);
        assert_eq!(query_language(Some("slang=en")), None);
        assert_eq!(query_language(None), None);
    }

    #[test]
    fn the_way_back_from_the_switcher_drops_the_language_only() {
        assert_eq!(without_language("/menu?lang=fr"), "/menu");
        assert_eq!(
            without_language("/menu?diet=vegan&lang=fr&q=a"),
            "/menu?diet=vegan&q=a"
        );
        assert_eq!(without_language("/book"), "/book");
    }

    #[test]
    fn the_sitemap_lists_each_page_in_each_language_with_its_alternates() {
        let xml = sitemap_xml("https://margot.example");
        let urls = xml.matches("<url>").count();
        assert_eq!(urls, app::SITEMAP_PAGES.len() * LANGUAGES.len());
        assert!(xml.contains("<loc>https://margot.example/menu?lang=en</loc>"));
        assert!(xml.contains("hreflang=\"x-default\" href=\"https://margot.example/menu\""));
    }
}
