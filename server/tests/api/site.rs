//! The site served by the real server on SQLite and on PostgreSQL.

use crate::helpers::{Db, TestApp};
use serde_json::Value;

on_both_backends!(
    health_says_ok,
    ready_checks_the_database,
    home_page_is_french_by_default,
    accept_language_picks_english,
    cookie_wins_over_accept_language,
    home_page_reads_the_restaurant_from_the_database,
    server_function_returns_restaurant_info,
    menu_page_lists_dishes_from_the_database,
    unknown_page_is_a_translated_404,
    language_link_sets_cookie_and_redirects_locally,
    demo_data_is_loaded_once,
    about_page_tells_the_story_in_sections_in_the_visitors_language,
);

async fn health_says_ok(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app.get("/health").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    app.stop().await;
}

async fn ready_checks_the_database(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app.get("/ready").await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    assert_eq!(body["database"], "ok");
    assert_eq!(body["redis"], "not_configured");
    let expected = match db {
        Db::Sqlite => "sqlite",
        Db::Postgres => "postgres",
    };
    assert_eq!(body["backend"], expected);

    // Once the pool is closed, readiness fails with 503 (and still answers JSON).
    app.store.close().await;
    let res = app.get("/ready").await;
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "unavailable");
    assert_eq!(body["database"], "unavailable");
    app.stop().await;
}

async fn home_page_is_french_by_default(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, html) = app.page("/", None, None).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(r#"<html lang="fr""#),
        "html lang: {}",
        &html[..200]
    );
    assert!(html.contains("Chez Margot"));
    assert!(html.contains("Horaires d&#x27;ouverture") || html.contains("Horaires d'ouverture"));
    assert!(html.contains("Mardi"));
    assert!(html.contains("Fermé"), "Monday is closed in the demo data");
    assert!(html.contains("12:00 – 14:30"));
    assert!(html.contains("Aller au contenu"), "skip link");
    // Unsupported languages fall back to French.
    let (_, html) = app.page("/", Some("de-DE,de;q=0.9"), None).await;
    assert!(html.contains(r#"<html lang="fr""#));
    app.stop().await;
}

async fn accept_language_picks_english(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, html) = app.page("/", Some("en-GB,en;q=0.9,fr;q=0.5"), None).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("Opening hours"));
    assert!(html.contains("Tuesday"));
    assert!(html.contains("Skip to content"));
    assert!(!html.contains("Horaires"));
    app.stop().await;
}

async fn cookie_wins_over_accept_language(db: Db) {
    let app = TestApp::spawn(db).await;
    let (_, html) = app
        .page("/", Some("fr-FR,fr;q=0.9"), Some("i18n_pref_locale=en"))
        .await;
    assert!(html.contains(r#"<html lang="en""#));
    let (_, html) = app
        .page("/", Some("en-US,en;q=0.9"), Some("i18n_pref_locale=fr"))
        .await;
    assert!(html.contains(r#"<html lang="fr""#));
    app.stop().await;
}

async fn home_page_reads_the_restaurant_from_the_database(db: Db) {
    let app = TestApp::spawn(db).await;
    let renamed = "Le Bistrot d'Essai";
    on_store!(&app.store, pool => {
        sqlx::query("UPDATE restaurants SET name = $1")
            .bind(renamed)
            .execute(pool)
            .await
            .unwrap();
        sqlx::query("DELETE FROM service_periods WHERE weekday = 1")
            .execute(pool)
            .await
            .unwrap();
    });
    let (_, info) = app.server_fn("restaurant_info", &[]).await;
    assert_eq!(info["name"], renamed);
    assert_eq!(info["hours"][1]["weekday"], "tuesday");
    assert_eq!(
        info["hours"][1]["periods"].as_array().unwrap().len(),
        0,
        "Tuesday now closed"
    );
    let (_, html) = app.page("/", Some("en"), None).await;
    assert!(html.contains("Le Bistrot d&#x27;Essai") || html.contains(renamed));
    assert!(!html.contains("Chez Margot"));
    app.stop().await;
}

async fn server_function_returns_restaurant_info(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, info) = app.server_fn("restaurant_info", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(info["name"], "Chez Margot");
    assert_eq!(info["time_zone"], "Europe/Paris");
    let hours = info["hours"].as_array().unwrap();
    assert_eq!(hours.len(), 7);
    assert_eq!(hours[0]["weekday"], "monday");
    assert!(hours[0]["periods"].as_array().unwrap().is_empty());
    assert_eq!(hours[1]["periods"][0]["kind"], "lunch");
    assert_eq!(hours[1]["periods"][0]["opens"], "12:00");
    assert_eq!(hours[1]["periods"][1]["closes"], "22:30");
    app.stop().await;
}

async fn menu_page_lists_dishes_from_the_database(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, html) = app.page("/menu", Some("en"), None).await;
    assert_eq!(status, 200);
    assert!(html.contains("Braised beef cheek"));
    assert!(html.contains("€24.00"));
    let (_, html) = app.page("/menu", Some("fr"), None).await;
    assert!(html.contains("Joue de bœuf braisée"));
    assert!(html.contains("24,00"));
    app.stop().await;
}

async fn unknown_page_is_a_translated_404(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, html) = app.page("/no-such-page", Some("en"), None).await;
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
    let (status, html) = app.page("/no-such-page", Some("fr"), None).await;
    assert_eq!(status, 404);
    assert!(html.contains("Page introuvable"));
    app.stop().await;
}

async fn language_link_sets_cookie_and_redirects_locally(db: Db) {
    let app = TestApp::spawn(db).await;
    let res = app.get("/lang/en?to=/menu").await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/menu");
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("i18n_pref_locale=en;"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"));

    // The page's links keep its query string (filters, a date).
    let (_, html) = app.page("/menu?diet=vegan", Some("en"), None).await;
    assert!(
        html.contains(r#"href="/lang/fr?to=/menu%3Fdiet%3Dvegan""#),
        "no language link back to the filtered menu"
    );
    let res = app.get("/lang/fr?to=/menu%3Fdiet%3Dvegan").await;
    assert_eq!(res.headers()["location"], "/menu?diet=vegan");

    let res = app.get("/lang/en?to=//evil.example/").await;
    assert_eq!(res.headers()["location"], "/");
    // Unknown languages change nothing.
    let res = app.get("/lang/de?to=/menu").await;
    assert_eq!(res.status(), 303);
    assert!(res.headers().get("set-cookie").is_none());
    app.stop().await;
}

async fn demo_data_is_loaded_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let url = app.database_url.clone();
    let restaurant = app.store.primary_restaurant().await.unwrap();
    assert_eq!(app.store.table_count(restaurant.id).await.unwrap(), 15);
    // Stop without dropping the database, then start again on it.
    let store = app.store.clone();
    let second = TestApp::spawn_on(&url, &[]).await;
    assert_eq!(second.store.restaurant_count().await.unwrap(), 1);
    assert_eq!(second.store.table_count(restaurant.id).await.unwrap(), 15);
    // The explicit seed is idempotent too.
    assert!(!backend::seed::seed_demo(&second.store).await.unwrap());
    assert_eq!(second.store.restaurant_count().await.unwrap(), 1);
    store.close().await;
    second.stop().await;
    app.stop().await;
}

async fn about_page_tells_the_story_in_sections_in_the_visitors_language(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, html) = app.page("/about", Some("en-GB"), None).await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1>About us</h1>"), "{html}");
    // The demo's text: a story, then two sections opened by `## ` lines.
    assert!(html.contains("<h2>The team</h2>"));
    assert!(html.contains("<h2>What we care about</h2>"));
    assert!(html.contains("Margot opened her restaurant in 1998"));
    let (_, html) = app.page("/about", Some("fr-FR"), None).await;
    assert!(html.contains("<h2>L’équipe</h2>"));
    // What admins write is text, never markup; a language left empty shows
    // the other one.
    on_store!(&app.store, pool => sqlx::query(
        "UPDATE restaurants SET about_en = '', about_fr = $1",
    )
    .bind("<script>alert(1)</script>\n\n## Nous")
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let (_, html) = app.page("/about?lang=en", None, None).await;
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>alert(1)"));
    assert!(html.contains("<h2>Nous</h2>"));
    app.stop().await;
}
