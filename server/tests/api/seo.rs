//! What search engines, link previews and phones read of the site:
//! per-language addresses, the head of public pages, `robots.txt`,
//! `sitemap.xml`, the web app manifest and the service worker.

use crate::helpers::{Db, TestApp};
use serde_json::Value;

on_both_backends!(the_manifest_names_the_restaurant_in_the_visitors_language);

const SITE: &str = "https://margot.example";

async fn spawn() -> TestApp {
    TestApp::spawn_with(Db::Sqlite, &[("PUBLIC_URL", SITE)]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lang_in_the_query_wins_over_cookie_and_browser_without_setting_a_cookie() {
    let app = spawn().await;
    let res = app
        .http
        .get(app.url("/menu?lang=en"))
        .header("accept-language", "fr-FR")
        .header("cookie", "i18n_pref_locale=fr")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers().get("set-cookie").is_none(),
        "{:?}",
        res.headers()
    );
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#), "{}", &html[..200]);
    // A language we do not have changes nothing.
    let (_, html) = app
        .page("/menu?lang=de", None, Some("i18n_pref_locale=en"))
        .await;
    assert!(html.contains(r#"<html lang="en""#));
    let (_, html) = app.page("/menu?lang=fr", Some("en"), None).await;
    assert!(html.contains(r#"<html lang="fr""#));
    app.stop().await;
}

/// The `content` of `<meta {attr}="{key}" content="…">` in `html`.
fn meta<'a>(html: &'a str, attr: &str, key: &str) -> Option<&'a str> {
    let start = html.find(&format!(r#"<meta {attr}="{key}" content=""#))?;
    let rest = &html[start..];
    let from = rest.find("content=\"")? + "content=\"".len();
    let len = rest[from..].find('"')?;
    Some(&rest[from..from + len])
}

/// The `href` of the first `<link>` that has every attribute of `attrs`
/// (space-separated `name="value"` pairs).
fn link<'a>(html: &'a str, attrs: &str) -> Option<&'a str> {
    html.split("<link ").skip(1).find_map(|rest| {
        let tag = &rest[..rest.find('>')?];
        let wanted = attrs
            .split("\" ")
            .map(|a| a.trim_end_matches('"').to_owned() + "\"");
        if !wanted.into_iter().all(|a| tag.contains(&a)) {
            return None;
        }
        let from = tag.find("href=\"")? + "href=\"".len();
        let len = tag[from..].find('"')?;
        Some(&tag[from..from + len])
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn public_pages_name_their_canonical_address_their_languages_and_their_preview() {
    let app = spawn().await;
    for (path, lang, title) in [
        ("/", "en", "Home"),
        ("/menu", "fr", "La carte"),
        ("/contact", "en", "Contact"),
        ("/book", "fr", "Réserver"),
    ] {
        let (status, html) = app.page(&format!("{path}?lang={lang}"), None, None).await;
        assert_eq!(status, 200, "{path}");
        let canonical = format!("{SITE}{path}?lang={lang}");
        assert_eq!(
            link(&html, r#"rel="canonical""#),
            Some(canonical.as_str()),
            "{path}"
        );
        for other in ["fr", "en"] {
            assert_eq!(
                link(&html, &format!(r#"rel="alternate" hreflang="{other}""#)),
                Some(format!("{SITE}{path}?lang={other}").as_str()),
                "{path} in {other}"
            );
        }
        assert_eq!(
            link(&html, r#"rel="alternate" hreflang="x-default""#),
            Some(format!("{SITE}{path}").as_str())
        );
        assert_eq!(meta(&html, "property", "og:url"), Some(canonical.as_str()));
        assert!(
            meta(&html, "property", "og:title").is_some_and(|t| t.contains(title)),
            "{path}: og:title {:?}",
            meta(&html, "property", "og:title")
        );
        assert_eq!(meta(&html, "property", "og:site_name"), Some("Chez Margot"));
        assert_eq!(
            meta(&html, "property", "og:locale"),
            Some(if lang == "en" { "en_GB" } else { "fr_FR" })
        );
        // The demo has no photo yet: the preview is the app's icon, which exists.
        let image = meta(&html, "property", "og:image").expect("og:image");
        assert_eq!(image, format!("{SITE}/icons/icon-512.png"));
        assert_eq!(app.get("/icons/icon-512.png").await.status(), 200);
        assert!(meta(&html, "name", "twitter:card").is_some());
        assert!(meta(&html, "name", "description").is_some_and(|d| d.len() > 40));
        assert_eq!(
            link(&html, r#"rel="manifest""#),
            Some("/manifest.webmanifest")
        );
    }
    // The bare address (the x-default, in the visitor's language) is its
    // own canonical: never one language's address.
    for path in ["/", "/menu"] {
        let (_, html) = app.page(path, Some("en-GB"), None).await;
        let bare = format!("{SITE}{path}");
        assert_eq!(link(&html, r#"rel="canonical""#), Some(bare.as_str()));
        assert_eq!(meta(&html, "property", "og:url"), Some(bare.as_str()));
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_describes_the_restaurant_as_json_ld() {
    let app = spawn().await;
    let (_, html) = app.page("/?lang=en", None, None).await;
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("JSON-LD")
        + r#"<script type="application/ld+json">"#.len();
    let end = start + html[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&html[start..end]).expect("valid JSON");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "Restaurant");
    assert_eq!(ld["name"], "Chez Margot");
    assert_eq!(ld["hasMenu"], format!("{SITE}/menu?lang=en"));
    assert_eq!(ld["acceptsReservations"], format!("{SITE}/book?lang=en"));
    assert!(ld["address"]["streetAddress"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));
    let hours = ld["openingHoursSpecification"].as_array().unwrap();
    // The demo opens for lunch and dinner Tuesday to Saturday, and closes
    // Monday: Monday appears in no period.
    assert!(hours.len() >= 5);
    assert!(hours
        .iter()
        .all(|h| h["dayOfWeek"] != "https://schema.org/Monday"));
    assert!(hours
        .iter()
        .any(|h| h["opens"] == "12:00" && h["closes"] == "14:30"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn robots_and_sitemap_point_crawlers_at_the_public_pages_only() {
    let app = spawn().await;
    let res = app.get("/robots.txt").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let robots = res.text().await.unwrap();
    assert!(robots.contains("Disallow: /admin"));
    assert!(robots.contains("Disallow: /api/"));
    assert!(robots.contains(&format!("Sitemap: {SITE}/sitemap.xml")));

    let res = app.get("/sitemap.xml").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    let xml = res.text().await.unwrap();
    for path in ["/", "/menu", "/contact", "/book"] {
        for lang in ["fr", "en"] {
            let loc = format!("<loc>{SITE}{path}?lang={lang}</loc>");
            assert!(xml.contains(&loc), "{loc} in {xml}");
            // Every listed address is a page that answers 200.
            assert_eq!(app.get(&format!("{path}?lang={lang}")).await.status(), 200);
        }
    }
    assert!(!xml.contains("/admin"));
    app.stop().await;
}

async fn the_manifest_names_the_restaurant_in_the_visitors_language(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app.get("/manifest.webmanifest?lang=en").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/manifest+json");
    let m: Value = res.json().await.unwrap();
    assert_eq!(m["name"], "Chez Margot");
    assert_eq!(m["lang"], "en");
    assert_eq!(m["start_url"], "/");
    assert_eq!(m["scope"], "/");
    assert_eq!(m["display"], "standalone");
    assert!(m["theme_color"]
        .as_str()
        .is_some_and(|c| c.starts_with('#')));
    let icons = m["icons"].as_array().unwrap();
    for (size, purpose) in [
        ("192x192", "any"),
        ("512x512", "any"),
        ("512x512", "maskable"),
    ] {
        let icon = icons
            .iter()
            .find(|i| i["sizes"] == size && i["purpose"] == purpose)
            .unwrap_or_else(|| panic!("{size} {purpose} icon"));
        let res = app.get(icon["src"].as_str().unwrap()).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "image/png");
        let png = res.bytes().await.unwrap();
        // The PNG's own header says its size.
        let (w, h) = (
            u32::from_be_bytes(png[16..20].try_into().unwrap()),
            u32::from_be_bytes(png[20..24].try_into().unwrap()),
        );
        assert_eq!(format!("{w}x{h}"), size);
    }
    let shortcuts = m["shortcuts"].as_array().unwrap();
    assert_eq!(shortcuts[0]["name"], "Book a table");
    assert_eq!(shortcuts[0]["url"], "/book");
    assert_eq!(shortcuts[1]["url"], "/admin");
    // French for a French browser.
    let res = app
        .http
        .get(app.url("/manifest.webmanifest"))
        .header("accept-language", "fr-FR,fr;q=0.9")
        .send()
        .await
        .unwrap();
    let m: Value = res.json().await.unwrap();
    assert_eq!(m["lang"], "fr");
    assert_eq!(m["shortcuts"][0]["name"], "Réserver une table");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_worker_carries_the_build_version_and_is_revalidated() {
    let app = spawn().await;
    let res = app.get("/sw.js").await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let script = res.text().await.unwrap();
    assert!(!script.contains("__VERSION__"));
    let version = script
        .split("const VERSION = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert_eq!(version.len(), 16);
    // The same build answers the same worker.
    let again = app.get("/sw.js").await.text().await.unwrap();
    assert_eq!(again, script);
    app.stop().await;
    // Another release of the same build is another worker.
    let next = TestApp::spawn_with(Db::Sqlite, &[("TECHPLUS_RELEASE", "2026.12.2")]).await;
    let other = next.get("/sw.js").await.text().await.unwrap();
    assert_ne!(other, script);
    assert_eq!(other.len(), script.len());
    next.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_shared_pages_are_marked_for_the_service_worker_to_keep() {
    let app = spawn().await;
    for path in ["/", "/menu", "/contact", "/offline"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(
            res.headers()
                .get("x-shared-page")
                .map(|v| v.to_str().unwrap()),
            Some("1"),
            "{path}"
        );
    }
    for path in ["/book", "/login", "/manage", "/api/openapi.json"] {
        let res = app.get(path).await;
        assert!(res.headers().get("x-shared-page").is_none(), "{path}");
    }
    // A visitor with a session never gets a page marked as shared.
    let res = app
        .http
        .get(app.url("/"))
        .header("cookie", "techplus.sid=anything")
        .send()
        .await
        .unwrap();
    assert!(res.headers().get("x-shared-page").is_none());
    // The offline page says what happened, in the visitor's language.
    let (_, html) = app.page("/offline?lang=en", None, None).await;
    assert!(html.contains("You are offline"));
    assert!(html.contains(r#"name="robots" content="noindex""#));
    app.stop().await;
}
