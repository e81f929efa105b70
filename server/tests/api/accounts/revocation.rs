//! Sessions end when they should: a session is bound to its account's
//! session epoch, which a new password or a proven address moves on, and a
//! new account that gets a deleted one's id (SQLite hands ids out again)
//! never inherits its sessions.

use crate::helpers::mail::token_from_mail;
use crate::helpers::{Client, Db, TestApp, PASSWORD};
use serde_json::{json, Value};

on_both_backends!(
    a_deleted_accounts_session_never_opens_the_next_account,
    a_password_reset_signs_out_every_session,
    a_password_change_keeps_this_session_and_ends_the_others,
    proving_the_address_ends_the_sessions_opened_before,
);

async fn me(app: &TestApp, cookie: &str) -> (u16, Value) {
    app.client().with_cookie(cookie).get("/api/auth/me").await
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    let sql = "SELECT id FROM users WHERE email_key = $1";
    on_store!(&app.store, pool => sqlx::query_scalar::<_, i64>(sql)
        .bind(email).fetch_one(pool).await.unwrap())
}

async fn a_deleted_accounts_session_never_opens_the_next_account(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut mallory = app.client();
    assert_eq!(mallory.register("mallory@example.com").await, 201);
    let old_id = user_id(&app, "mallory@example.com").await;
    // A session on another device, left untouched while the account is
    // deleted from the first one.
    let mut other_device = app.client();
    assert_eq!(
        other_device.login("mallory@example.com", PASSWORD).await,
        200
    );
    let kept = other_device.cookie.clone().unwrap();
    let (status, body) = mallory
        .server_fn("account_delete", &[("delete_password", PASSWORD)])
        .await;
    assert!((200..400).contains(&status), "{status} {body}");
    // The next account created; on SQLite it gets the same id.
    let mut sam = app.client();
    assert_eq!(sam.register("sam@example.com").await, 201);
    if db == Db::Sqlite {
        assert_eq!(
            user_id(&app, "sam@example.com").await,
            old_id,
            "the id is reused"
        );
    }
    assert_eq!(
        me(&app, &kept).await.0,
        401,
        "the old session opens nothing"
    );
    assert_eq!(sam.get("/api/auth/me").await.0, 200);
    app.stop().await;
}

async fn a_password_reset_signs_out_every_session(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut ada = app.client();
    assert_eq!(ada.register("ada@example.com").await, 201);
    let mut other_device = app.client();
    assert_eq!(other_device.login("ada@example.com", PASSWORD).await, 200);
    let sessions = [
        ada.cookie.clone().unwrap(),
        other_device.cookie.clone().unwrap(),
    ];
    for cookie in &sessions {
        assert_eq!(me(&app, cookie).await.0, 200);
    }
    let mut anonymous = app.client();
    let (status, _) = anonymous
        .post(
            "/api/auth/password/forgot",
            json!({"email": "ada@example.com"}),
        )
        .await;
    assert_eq!(status, 202);
    let token = token_from_mail(&app.mail_dir, "ada@example.com", "reset").await;
    let new = "a brand new pass phrase";
    let (status, body) = anonymous
        .post(
            "/api/auth/password/reset",
            json!({"token": token, "password": new}),
        )
        .await;
    assert_eq!(status, 204, "{body}");
    for cookie in &sessions {
        assert_eq!(me(&app, cookie).await.0, 401, "{cookie}");
    }
    // The new password opens a new session.
    let mut back = app.client();
    assert_eq!(back.login("ada@example.com", new).await, 200);
    assert_eq!(back.get("/api/auth/me").await.0, 200);
    app.stop().await;
}

async fn a_password_change_keeps_this_session_and_ends_the_others(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut ada = app.client();
    assert_eq!(ada.register("ada@example.com").await, 201);
    let mut other_device: Client = app.client();
    assert_eq!(other_device.login("ada@example.com", PASSWORD).await, 200);
    let there = other_device.cookie.clone().unwrap();
    let (status, body) = ada
        .server_fn(
            "account_password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "another long pass phrase"),
            ],
        )
        .await;
    assert!((200..400).contains(&status), "{status} {body}");
    assert_eq!(ada.get("/api/auth/me").await.0, 200, "this session goes on");
    assert_eq!(
        me(&app, &there).await.0,
        401,
        "the other device is signed out"
    );
    app.stop().await;
}

async fn proving_the_address_ends_the_sessions_opened_before(db: Db) {
    let app = TestApp::spawn(db).await;
    // Someone registers an address that is not theirs and keeps the session.
    let mut squatter = app.client();
    assert_eq!(squatter.register("owner@example.com").await, 201);
    let kept = squatter.cookie.clone().unwrap();
    assert_eq!(me(&app, &kept).await.0, 200);
    // The owner opens the e-mailed link in their own browser.
    let token = token_from_mail(&app.mail_dir, "owner@example.com", "verify").await;
    let mut owner = app.client();
    let (status, body) = owner
        .post("/api/auth/verify", json!({"token": token}))
        .await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(
        me(&app, &kept).await.0,
        401,
        "the squatter's session is over"
    );

    // Verifying in the browser that registered keeps that browser signed in.
    let mut ada = app.client();
    assert_eq!(ada.register("ada@example.com").await, 201);
    let token = token_from_mail(&app.mail_dir, "ada@example.com", "verify").await;
    let (status, body) = ada.post("/api/auth/verify", json!({"token": token})).await;
    assert_eq!(status, 204, "{body}");
    let (status, me_now) = ada.get("/api/auth/me").await;
    assert_eq!(status, 200);
    assert_eq!(me_now["email_verified"], true);
    app.stop().await;
}
