//! Accounts over the JSON API, on SQLite and on PostgreSQL: registration
//! with e-mail verification, sign-in, password reset, invitations and the
//! sign-in rate limits. Sessions, the authorization matrix and the team
//! (`/api/admin/team`) have their own files.

mod authz;
mod revocation;
mod sessions;
mod team;

use crate::helpers::mail::{files_in, files_in_text, token_from_mail};
use crate::helpers::{dates, reference, unique_name, Booking, Db, Role, TestApp, PASSWORD};
use chrono::Weekday;
use serde_json::json;

on_both_backends!(
    register_verify_book_list_and_sign_out,
    sign_in_says_the_same_for_unknown_email_and_wrong_password,
    password_reset_link_works_once,
    new_passwords_are_checked,
    admin_invites_staff_who_accepts,
    sign_in_is_rate_limited_per_address_and_per_account,
    password_reset_is_rate_limited,
);

async fn register_verify_book_list_and_sign_out(db: Db) {
    let app = TestApp::spawn(db).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let mut ada = app.client();
    assert_eq!(ada.register("ada@example.com").await, 202);
    let (status, me) = ada.get("/api/auth/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["email_verified"], false);
    assert_eq!(me["role"], "diner");

    // Booking while signed in: name and e-mail come from the account.
    let mine = reference(
        &ada.book(&Booking::at(thursday, "19:00").for_the_account())
            .await,
    );
    // Not verified yet: "My reservations" is closed.
    let (status, body) = ada.get("/api/reservations").await;
    assert_eq!(status, 403, "{body}");

    let token = token_from_mail(&app.mail_dir, "ada@example.com", "verify").await;
    let (status, _) = ada.post("/api/auth/verify", json!({"token": token})).await;
    assert_eq!(status, 204);
    let (status, _) = ada.post("/api/auth/verify", json!({"token": token})).await;
    assert_eq!(status, 404, "a link works once");

    // A booking made earlier as a guest with the same e-mail is hers too.
    let guest = Booking::at(thursday, "19:30")
        .name("Guest")
        .email("ADA@example.com");
    let earlier = reference(&app.book(&guest).await);
    let (status, list) = ada.get("/api/reservations").await;
    assert_eq!(status, 200, "{list}");
    let list = list.as_array().unwrap();
    let refs: Vec<&str> = list
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    assert!(
        refs.contains(&mine.as_str()) && refs.contains(&earlier.as_str()),
        "{list:?}"
    );
    let row = list
        .iter()
        .find(|r| r["reference"] == mine.as_str())
        .unwrap();
    assert_eq!(row["name"], "Ada Lovelace", "filled in from the account");
    assert_eq!(row["email"], "ada@example.com");

    // She can change and cancel it without the token.
    let path = format!("/api/reservations/{earlier}");
    let (status, changed) = ada.put(&path, json!({"party_size": 3})).await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["party_size"], 3);
    let (status, cancelled) = ada.delete(&path).await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["status"], "cancelled");

    // Signing out ends the session on the server: the cookie the browser
    // held, replayed, opens nothing.
    let kept = ada.cookie.clone().expect("a session cookie");
    let (status, _) = ada.post("/api/auth/logout", json!({})).await;
    assert_eq!(status, 204);
    assert!(ada.cookie.is_none(), "the cookie is expired");
    assert_eq!(ada.get("/api/auth/me").await.0, 401);
    assert_eq!(ada.get("/api/reservations").await.0, 401);
    let mut replay = app.client().with_cookie(&kept);
    assert_eq!(replay.get("/api/auth/me").await.0, 401);
    assert_eq!(replay.get("/api/reservations").await.0, 401);
    app.stop().await;
}

async fn sign_in_says_the_same_for_unknown_email_and_wrong_password(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut ada = app.client();
    assert_eq!(ada.register("ada@example.com").await, 202);
    let mut other = app.client();
    let (s1, wrong) = other
        .post(
            "/api/auth/login",
            json!({"email": "ada@example.com", "password": "not her password"}),
        )
        .await;
    let (s2, unknown) = other
        .post(
            "/api/auth/login",
            json!({"email": "nobody@example.com", "password": "not her password"}),
        )
        .await;
    assert_eq!((s1, s2), (401, 401));
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["error"]["code"], "unauthorized");
    assert!(other.cookie.is_none(), "no session for a failed sign-in");
    assert_eq!(other.login("ADA@example.com", PASSWORD).await, 200);
    app.stop().await;
}

async fn password_reset_link_works_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut ada = app.client();
    assert_eq!(ada.register("ada@example.com").await, 202);
    let mut c = app.client();
    let (status, _) = c
        .post(
            "/api/auth/password/forgot",
            json!({"email": "ada@example.com"}),
        )
        .await;
    assert_eq!(status, 202);
    let (status, _) = c
        .post(
            "/api/auth/password/forgot",
            json!({"email": "nobody@example.com"}),
        )
        .await;
    assert_eq!(
        status, 202,
        "the answer never tells whether the account exists"
    );
    let token = token_from_mail(&app.mail_dir, "ada@example.com", "reset").await;
    let stored: Vec<String> = on_store!(&app.store, pool => sqlx::query_scalar(
        "SELECT payload FROM outbox").fetch_all(pool).await.unwrap());
    assert!(stored
        .iter()
        .all(|p| !p.contains(&token) && !p.contains("token")));
    let new = "a brand new pass phrase";
    let (status, body) = c
        .post(
            "/api/auth/password/reset",
            json!({"token": token, "password": "short"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["reason"], "too_short");
    let (status, _) = c
        .post(
            "/api/auth/password/reset",
            json!({"token": token, "password": new}),
        )
        .await;
    assert_eq!(status, 204);
    let (status, _) = c
        .post(
            "/api/auth/password/reset",
            json!({"token": token, "password": "another pass phrase"}),
        )
        .await;
    assert_eq!(status, 404, "single use");
    assert_eq!(c.login("ada@example.com", PASSWORD).await, 401);
    assert_eq!(c.login("ada@example.com", new).await, 200);
    // Only the account that exists got a message.
    assert_eq!(
        files_in(&app.mail_dir),
        2,
        "verification + reset for ada, nothing for nobody"
    );
    app.stop().await;
}

async fn new_passwords_are_checked(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut c = app.client();
    for (password, reason) in [
        ("short", "too_short"),
        ("password1234", "too_common"),
        ("aaaaaaaaaaaaaaaa", "too_common"),
    ] {
        let (status, body) = c
            .post(
                "/api/auth/register",
                json!({"name": "Ada", "email": "ada@example.com", "password": password}),
            )
            .await;
        assert_eq!(status, 422, "{password}");
        assert_eq!(body["error"]["field"], "password");
        assert_eq!(body["error"]["reason"], reason);
        assert_eq!(
            body["error"]["fields"],
            json!([{"field": "password", "reason": reason}])
        );
    }
    // Every field at fault at once, in form order, each with its reason.
    let (status, body) = c
        .post(
            "/api/auth/register",
            json!({"name": " ", "email": "nope", "password": "short"}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["field"], "name");
    assert_eq!(
        body["error"]["fields"],
        json!([
            {"field": "name", "reason": "invalid"},
            {"field": "email", "reason": "invalid"},
            {"field": "password", "reason": "too_short"},
        ])
    );
    assert_eq!(c.register("ada@example.com").await, 202);
    token_from_mail(&app.mail_dir, "ada@example.com", "verify").await;
    // A second registration with the address, in any case, gets exactly
    // the answer of a new one; nobody is signed in, no account is made,
    // and the owner is told by e-mail (once a day, however often it is
    // tried).
    let register = |email: &str, password: &str| json!({"name": "Mallory", "email": email, "password": password, "locale": "fr"});
    let mut again = app.client();
    for email in ["Ada@Example.com", "ada@example.com"] {
        let (status, body) = again
            .post(
                "/api/auth/register",
                register(email, "mallory's pass phrase"),
            )
            .await;
        let (fresh_status, fresh_body) = app
            .client()
            .post(
                "/api/auth/register",
                register(
                    &format!("{}@example.com", unique_name("new")),
                    "mallory's pass phrase",
                ),
            )
            .await;
        assert_eq!((status, &body), (fresh_status, &fresh_body));
        assert_eq!(status, 202, "{body}");
    }
    assert_eq!(again.get("/api/auth/me").await.0, 401, "not signed in");
    assert_eq!(
        again
            .login("ada@example.com", "mallory's pass phrase")
            .await,
        401
    );
    assert_eq!(
        c.get("/api/auth/me").await.0,
        200,
        "the owner's session lives on"
    );
    let notice = loop {
        let found = files_in_text(&app.mail_dir, "ada@example.com", "already have an account");
        if !found.is_empty() {
            break found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert!(notice[0].contains("/account/forgot"), "{}", notice[0]);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        files_in_text(&app.mail_dir, "ada@example.com", "already have an account").len(),
        1,
        "one notice a day"
    );
    app.stop().await;
}

async fn admin_invites_staff_who_accepts(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let (status, body) = admin
        .post(
            "/api/auth/invite",
            json!({"email": "sam@example.com", "name": "Sam", "role": "staff", "locale": "fr"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let token = token_from_mail(&app.mail_dir, "sam@example.com", "invite").await;
    let mut sam = app.client();
    // No password yet: the invited account cannot sign in.
    assert_eq!(sam.login("sam@example.com", "").await, 401);
    let (status, me) = sam
        .post(
            "/api/auth/invite/accept",
            json!({"token": token, "password": "sam's own pass phrase"}),
        )
        .await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["role"], "staff");
    assert_eq!(me["email_verified"], true);
    // Staff see every booking.
    let thursday = dates::next(&app, Weekday::Thu).await;
    let booking = Booking::at(thursday, "20:00").email("guest@example.com");
    let booked = reference(&app.book(&booking).await);
    let (status, list) = sam
        .get(&format!("/api/reservations?from={thursday}&to={thursday}"))
        .await;
    assert_eq!(status, 200);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["reference"] == booked.as_str()));
    app.stop().await;
}

async fn sign_in_is_rate_limited_per_address_and_per_account(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[
            ("RATE_LIMIT_LOGIN", "3/15m"),
            ("TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    let mut ada = app.client();
    ada.forwarded_for = Some("203.0.113.10");
    // Registering, then signing in (the helper does) and once more:
    // successes never count against the account, and the browser becomes
    // a trusted device.
    assert_eq!(ada.register("ada@example.com").await, 202);
    assert_eq!(ada.login("ada@example.com", PASSWORD).await, 200);
    assert!(ada.device.is_some(), "a device cookie at sign-in");
    // Per address: register + 2 sign-ins used the 3 attempts.
    let (status, body) = ada
        .post(
            "/api/auth/login",
            json!({"email": "x@example.com", "password": "whatever123456"}),
        )
        .await;
    assert_eq!(status, 429, "{body}");
    // Per account: only failures count, from any address; the third one
    // holds the account back.
    let mut statuses = Vec::new();
    for ip in ["198.51.100.1", "198.51.100.2", "198.51.100.3"] {
        let mut c = app.client();
        c.forwarded_for = Some(ip);
        statuses.push(c.login("ada@example.com", "another guess!!").await);
    }
    assert_eq!(statuses, [401, 401, 401]);
    // Now even the right password is held back from a new browser...
    let mut stranger = app.client();
    stranger.forwarded_for = Some("198.51.100.4");
    let (status, body) = stranger
        .post(
            "/api/auth/login",
            json!({"email": "ada@example.com", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 429, "{body}");
    // ...also through the sign-in form's server function...
    let mut form = app.client();
    form.forwarded_for = Some("198.51.100.9");
    let (status, _) = form
        .server_fn(
            "account_login",
            &[("email", "ada@example.com"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(status, 429);
    // ...but Ada's trusted browser (from a new address) gets in.
    let mut back_home = app.client();
    back_home.forwarded_for = Some("198.51.100.20");
    back_home.device = ada.device.clone();
    assert_eq!(back_home.login("ada@example.com", PASSWORD).await, 200);
    // A device cookie is trusted for its own account only.
    let mut other = app.client();
    other.forwarded_for = Some("198.51.100.21");
    other.device = ada.device.clone();
    assert_eq!(other.login("bob@example.com", PASSWORD).await, 401);
    app.stop().await;
}

async fn password_reset_is_rate_limited(db: Db) {
    let app = TestApp::spawn_with(db, &[("RATE_LIMIT_PASSWORD_RESET", "3/1h")]).await;
    let mut c = app.client();
    for _ in 0..3 {
        let (status, _) = c
            .post(
                "/api/auth/password/forgot",
                json!({"email": "x@example.com"}),
            )
            .await;
        assert_eq!(status, 202);
    }
    let res = app
        .http
        .post(app.url("/api/auth/password/forgot"))
        .json(&json!({"email": "x@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    app.stop().await;
}
