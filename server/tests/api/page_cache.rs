//! The shared pages (home, menu, contact) are rendered once per setup
//! version and language and served from memory to visitors who are not
//! signed in, each answer with its own CSP nonce; a setup change is seen at
//! once, and signed-in visitors get their own page.

use crate::helpers::{Db, Role, TestApp};

on_both_backends!(
    a_shared_page_is_rendered_once_per_setup_and_language,
    signed_in_visitors_get_their_own_page,
);

/// `GET path` in `lang`: the page's nonce (from its policy) and its body.
async fn get(app: &TestApp, path: &str, lang: &str) -> (String, String) {
    let res = app
        .http
        .get(app.url(path))
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let policy = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let start = policy.find("'nonce-").expect("a nonce") + "'nonce-".len();
    let nonce = policy[start..].split('\'').next().unwrap().to_owned();
    (nonce, res.text().await.unwrap())
}

async fn a_shared_page_is_rendered_once_per_setup_and_language(db: Db) {
    let app = TestApp::spawn(db).await;
    let cache = &app.page_cache;
    let (first_nonce, first) = get(&app, "/", "en").await;
    let (second_nonce, second) = get(&app, "/", "en").await;
    assert_eq!((cache.misses(), cache.hits()), (1, 1), "rendered once");
    assert_ne!(first_nonce, second_nonce, "every answer has its own nonce");
    assert!(second.contains(&format!("nonce=\"{second_nonce}\"")));
    assert!(!second.contains(&first_nonce), "no trace of the kept nonce");
    assert_eq!(first.replace(&first_nonce, &second_nonce), second);

    let (_, french) = get(&app, "/", "fr").await;
    assert_eq!(cache.misses(), 2, "another language is another page");
    assert!(french.contains("lang=\"fr\""), "{french}");
    let (_, menu) = get(&app, "/menu", "en").await;
    assert_eq!(cache.misses(), 3);
    assert!(menu.contains("lang=\"en\""));

    // A setup change is on the next answer.
    on_store!(&app.store, pool => sqlx::query("UPDATE restaurants SET name = 'Chez Nouveau Nom'")
        .execute(pool).await.map(drop).unwrap());
    let (_, renamed) = get(&app, "/", "en").await;
    assert!(renamed.contains("Chez Nouveau Nom"));
    assert_eq!((cache.misses(), cache.hits()), (4, 1));
    app.stop().await;
}

async fn signed_in_visitors_get_their_own_page(db: Db) {
    let app = TestApp::spawn(db).await;
    let (_, anonymous) = app.page("/", Some("en"), None).await;
    assert!(!anonymous.contains("href=\"/admin\""));
    let admin = app.signed_in(Role::Admin).await;
    let cookie = admin.cookie.clone().expect("a session");
    let (before_hits, before_misses) = (app.page_cache.hits(), app.page_cache.misses());
    let (status, own) = app.page("/", Some("en"), Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(own.contains("href=\"/admin\""), "{own}");
    assert!(own.contains("href=\"/account\""));
    assert_eq!(
        (app.page_cache.hits(), app.page_cache.misses()),
        (before_hits, before_misses),
        "neither served from nor kept in the cache"
    );
    app.stop().await;
}
