//! Sessions: a new id at sign-in and at a role change, the cookie's
//! attributes and lifetime, nothing left to replay after sign-out or
//! account deletion, Redis as the store when configured, and one session
//! for the API and the pages' server functions.

use crate::helpers::{redis, redis_url, Client, Db, Role, TestApp, PASSWORD};
use serde_json::{json, Value};

on_both_backends!(
    session_id_changes_at_sign_in_and_role_change,
    session_cookie_is_http_only_lax_and_lasts_fourteen_days,
    signed_out_and_deleted_sessions_cannot_be_replayed,
    sessions_live_in_redis_when_configured,
    server_functions_share_the_session_with_the_api,
);

/// A session ends after this many seconds without a request (14 days).
const LIFETIME_SECONDS: i64 = server::SESSION_DAYS * 86_400;

/// The session id a `name=value` cookie carries.
fn session_id(cookie: &str) -> &str {
    cookie.split_once('=').unwrap().1
}

async fn session_id_changes_at_sign_in_and_role_change(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut ada = app.client();
    assert_eq!(ada.register("ada@example.com").await, 202);
    let first = ada.cookie.clone().expect("a session after registering");
    // Only a proved address can be given a staff role.
    let id = app.store.user_by_email("ada@example.com").await.unwrap().id;
    app.store
        .set_email_verified(id, backend::now())
        .await
        .unwrap();
    assert_eq!(ada.login("ada@example.com", PASSWORD).await, 200);
    let second = ada.cookie.clone().unwrap();
    assert_ne!(first, second, "a new session id at sign-in");
    let mut admin = app.signed_in(Role::Admin).await;
    let (status, _) = admin
        .put(
            "/api/auth/role",
            json!({"email": "ada@example.com", "role": "staff"}),
        )
        .await;
    assert_eq!(status, 204);
    // The role change ended the session; signing in again gives a new id.
    assert_eq!(ada.get("/api/auth/me").await.0, 401);
    assert_eq!(ada.login("ada@example.com", PASSWORD).await, 200);
    let (status, me) = ada.get("/api/auth/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["role"], "staff");
    assert_ne!(ada.cookie.clone().unwrap(), second);
    // The old ids no longer open the session.
    for old in [first, second] {
        assert_eq!(
            app.client().with_cookie(&old).get("/api/auth/me").await.0,
            401
        );
    }
    app.stop().await;
}

/// The session's `Set-Cookie` of a first sign-in, raw.
async fn set_cookie_of_signing_in(app: &TestApp) -> String {
    let res = app
        .http
        .post(app.url("/api/auth/register"))
        .header("origin", &app.origin)
        .json(&json!({"name": "Ada", "email": "ada@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    assert!(
        !res.headers().contains_key("set-cookie"),
        "registering signs nobody in"
    );
    let res = app
        .http
        .post(app.url("/api/auth/login"))
        .header("origin", &app.origin)
        .json(&json!({"email": "ada@example.com", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookies: Vec<&str> = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap())
        .filter(|c| c.contains("techplus.sid="))
        .collect();
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    cookies[0].to_owned()
}

/// `Name=value` and the attributes of a `Set-Cookie`, lower-cased names.
fn attributes(set_cookie: &str) -> (String, Vec<(String, String)>) {
    let mut parts = set_cookie.split(';').map(str::trim);
    let pair = parts.next().unwrap().to_owned();
    let attrs = parts
        .map(|a| match a.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), v.to_owned()),
            None => (a.to_ascii_lowercase(), String::new()),
        })
        .collect();
    (pair, attrs)
}

fn attribute<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn session_cookie_is_http_only_lax_and_lasts_fourteen_days(db: Db) {
    let app = TestApp::spawn(db).await;
    let set = set_cookie_of_signing_in(&app).await;
    let (pair, attrs) = attributes(&set);
    assert!(pair.starts_with("techplus.sid="), "{set}");
    assert!(attribute(&attrs, "httponly").is_some(), "{set}");
    assert_eq!(attribute(&attrs, "samesite"), Some("Lax"), "{set}");
    assert_eq!(attribute(&attrs, "path"), Some("/"), "{set}");
    assert_eq!(attribute(&attrs, "domain"), None, "{set}");
    assert_eq!(attribute(&attrs, "secure"), None, "plain HTTP: {set}");
    let max_age: i64 = attribute(&attrs, "max-age")
        .unwrap_or_else(|| panic!("a persistent cookie: {set}"))
        .parse()
        .unwrap();
    assert_eq!(max_age, LIFETIME_SECONDS, "{set}");

    // The stored session ends at the same time (within a minute; the
    // store may round up a second).
    let id = session_id(&pair).to_owned();
    let expiry: i64 = on_store!(&app.store, pool => match app.store.backend() {
        backend::Backend::Sqlite => sqlx::query_scalar(
            "SELECT CAST(strftime('%s', expiry_date) AS INTEGER) FROM tower_sessions WHERE id = $1"),
        backend::Backend::Postgres => sqlx::query_scalar(
            "SELECT CAST(EXTRACT(EPOCH FROM expiry_date) AS BIGINT) \
             FROM tower_sessions.session WHERE id = $1"),
    }
    .bind(&id)
    .fetch_one(pool)
    .await
    .unwrap());
    let left = expiry - chrono::Utc::now().timestamp();
    assert!(
        (LIFETIME_SECONDS - 60..=LIFETIME_SECONDS + 2).contains(&left),
        "the stored session ends in {left} s"
    );
    app.stop().await;

    // Over HTTPS: Secure, and `__Host-` (this host only, path /, no Domain).
    let app = TestApp::spawn_with(db, &[("PUBLIC_URL", "https://book.example.com")]).await;
    let set = set_cookie_of_signing_in(&app).await;
    let (pair, attrs) = attributes(&set);
    assert!(pair.starts_with("__Host-techplus.sid="), "{set}");
    assert!(attribute(&attrs, "secure").is_some(), "{set}");
    assert!(attribute(&attrs, "httponly").is_some(), "{set}");
    assert_eq!(attribute(&attrs, "path"), Some("/"), "{set}");
    assert_eq!(attribute(&attrs, "domain"), None, "{set}");
    assert_eq!(attribute(&attrs, "samesite"), Some("Lax"), "{set}");
    app.stop().await;
}

/// What a kept cookie still opens: the API's "me" and the pages' one.
async fn replay(app: &TestApp, cookie: &str) -> (u16, Value) {
    let mut stolen = app.client().with_cookie(cookie);
    let (status, _) = stolen.get("/api/auth/me").await;
    let (_, me) = stolen.server_fn("account_me", &[]).await;
    (status, me)
}

async fn signed_out_and_deleted_sessions_cannot_be_replayed(db: Db) {
    let app = TestApp::spawn(db).await;
    // Sign-out: the server forgets the session, not only the browser.
    let mut ada = app.signed_in(Role::Diner).await;
    let kept = ada.cookie.clone().unwrap();
    assert_eq!(replay(&app, &kept).await.0, 200, "a live session replays");
    assert_eq!(ada.post("/api/auth/logout", json!({})).await.0, 204);
    assert_eq!(replay(&app, &kept).await, (401, Value::Null));

    // Deletion: the session that deleted the account and one on another
    // device both end.
    let mut grace = app.signed_in(Role::Diner).await;
    let mut other_device = app.client();
    assert_eq!(other_device.login(&grace.email, PASSWORD).await, 200);
    let here = grace.cookie.clone().unwrap();
    let there = other_device.cookie.clone().unwrap();
    let (status, body) = grace
        .server_fn("account_delete", &[("delete_password", PASSWORD)])
        .await;
    assert!((200..400).contains(&status), "{status} {body}");
    for cookie in [here, there] {
        assert_eq!(replay(&app, &cookie).await, (401, Value::Null), "{cookie}");
    }
    assert_eq!(other_device.login(&grace.email, PASSWORD).await, 401);
    app.stop().await;
}

async fn sessions_live_in_redis_when_configured(db: Db) {
    let redis = redis_url();
    let app = TestApp::spawn_with(db, &[("REDIS_URL", &redis)]).await;
    let mut ada = app.client();
    assert_eq!(ada.register("ada@example.com").await, 202);
    assert_eq!(ada.get("/api/auth/me").await.0, 200);
    // The session is a Redis key named by its id, not a SQL row.
    let id = session_id(ada.cookie.as_deref().unwrap()).to_owned();
    assert!(
        redis::exists(&redis, &id).await,
        "session {id} not in Redis"
    );
    // The SQL store's table exists (the migrations make it) but stays empty.
    let rows = match app.store.backend() {
        backend::Backend::Sqlite => "SELECT COUNT(*) FROM tower_sessions",
        backend::Backend::Postgres => "SELECT COUNT(*) FROM tower_sessions.session",
    };
    assert_eq!(app.count(rows).await, 0, "no SQL session row with Redis");
    assert_eq!(ada.post("/api/auth/logout", json!({})).await.0, 204);
    assert!(
        !redis::exists(&redis, &id).await,
        "session {id} still in Redis after sign-out"
    );
    assert_eq!(ada.get("/api/auth/me").await.0, 401);
    assert_eq!(
        app.client()
            .with_cookie(&format!("techplus.sid={id}"))
            .get("/api/auth/me")
            .await
            .0,
        401
    );
    app.stop().await;
}

/// The pages' server functions and the JSON API read and write the same
/// session: signed in by one, known to the other.
async fn server_functions_share_the_session_with_the_api(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut ada = app.client();
    assert_eq!(ada.register("ada@example.com").await, 202);

    let mut page = app.client();
    let (status, body) = page
        .server_fn(
            "account_login",
            &[
                ("email", "ada@example.com"),
                ("password", "wrong password!"),
            ],
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "unauthorized");
    assert_eq!(page.server_fn("account_me", &[]).await.1, Value::Null);

    let (status, _) = page
        .server_fn(
            "account_login",
            &[("email", "ada@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 200);
    assert!(page.cookie.is_some());
    let (status, me) = page.get("/api/auth/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["email"], "ada@example.com");
    let (_, me) = page.server_fn("account_me", &[]).await;
    assert_eq!(me["email"], "ada@example.com");
    assert_eq!(me["email_verified"], false);
    // Not verified yet: no bookings to list.
    let (status, body) = page.server_fn("account_reservations", &[]).await;
    assert_eq!(status, 403);
    assert_eq!(body["code"], "forbidden");

    // Signed in over the API, read by a server function; and signed out by one.
    let (_, me) = ada.server_fn("account_me", &[]).await;
    assert_eq!(me["name"], "Ada Lovelace");
    let kept = ada.cookie.clone().unwrap();
    ada.server_fn("account_logout", &[]).await;
    assert_eq!(ada.get("/api/auth/me").await.0, 401);
    assert_eq!(replay(&app, &kept).await, (401, Value::Null));

    // Register through the page: the password's reason comes back.
    let mut grace: Client = app.client();
    let (status, body) = grace
        .server_fn(
            "account_register",
            &[
                ("name", "Grace"),
                ("email", "grace@example.com"),
                ("password", "short"),
                ("locale", "en"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["fields"],
        json!([{"field": "password", "reason": "too_short"}])
    );
    // This test once ended without stopping its app and leaked a database
    // per run; dropping the app now cleans up too, but stop also checks
    // that shutdown is graceful.
    app.stop().await;
}
