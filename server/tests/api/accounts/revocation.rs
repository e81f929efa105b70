//! Sessions end when they should: a session is bound to its account's
//! session epoch, which a new password, a proven address, a role change or
//! "sign out everywhere" moves on, and a new account that gets a deleted
//! one's id (SQLite hands ids out again) never inherits its sessions. Staff
//! powers need a proven address.

use crate::helpers::mail::token_from_mail;
use crate::helpers::{dates, reference, Booking, Client, Db, Role, TestApp, PASSWORD};
use chrono::Weekday;
use serde_json::{json, Value};

on_both_backends!(
    a_deleted_accounts_session_never_opens_the_next_account,
    a_password_reset_signs_out_every_session,
    a_password_change_keeps_this_session_and_ends_the_others,
    proving_the_address_ends_the_sessions_opened_before,
    a_role_change_ends_the_accounts_sessions,
    unproved_addresses_are_not_promoted_and_never_act_as_staff,
    signing_out_everywhere_ends_every_session,
    the_api_changes_the_password_and_deletes_the_account,
    unproved_accounts_are_removed_after_the_verification_window,
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
    assert_eq!(mallory.register("mallory@example.com").await, 202);
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
    assert_eq!(sam.register("sam@example.com").await, 202);
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
    assert_eq!(ada.register("ada@example.com").await, 202);
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
    assert_eq!(ada.register("ada@example.com").await, 202);
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
    assert_eq!(squatter.register("owner@example.com").await, 202);
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
    assert_eq!(ada.register("ada@example.com").await, 202);
    let token = token_from_mail(&app.mail_dir, "ada@example.com", "verify").await;
    let (status, body) = ada.post("/api/auth/verify", json!({"token": token})).await;
    assert_eq!(status, 204, "{body}");
    let (status, me_now) = ada.get("/api/auth/me").await;
    assert_eq!(status, 200);
    assert_eq!(me_now["email_verified"], true);
    app.stop().await;
}

async fn a_role_change_ends_the_accounts_sessions(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut ada = app.signed_in(Role::Diner).await;
    let kept = ada.cookie.clone().unwrap();
    let mut admin = app.signed_in(Role::Admin).await;
    let role = |role: &str| json!({"email": ada.email, "role": role});
    // The same role again changes nothing.
    assert_eq!(admin.put("/api/auth/role", role("diner")).await.0, 204);
    assert_eq!(me(&app, &kept).await.0, 200);
    assert_eq!(admin.put("/api/auth/role", role("staff")).await.0, 204);
    assert_eq!(me(&app, &kept).await.0, 401, "opened as a diner: over");
    assert_eq!(ada.login(&ada.email.clone(), PASSWORD).await, 200);
    let (status, now) = ada.get("/api/auth/me").await;
    assert_eq!((status, now["role"].as_str()), (200, Some("staff")));
    app.stop().await;
}

async fn unproved_addresses_are_not_promoted_and_never_act_as_staff(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let booked = reference(&app.book(&Booking::at(thursday, "19:30")).await);
    // Someone registers the address of a future staff member first.
    let mut squatter = app.client();
    assert_eq!(squatter.register("chef@example.com").await, 202);
    let (status, body) = admin
        .put(
            "/api/auth/role",
            json!({"email": "chef@example.com", "role": "staff"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "email");
    assert_eq!(body["error"]["fields"][0]["reason"], "unverified");
    let (_, me_now) = squatter.get("/api/auth/me").await;
    assert_eq!(me_now["role"], "diner");
    // Even with a staff role in the database, an unproved account gets no
    // staff powers.
    let id = user_id(&app, "chef@example.com").await;
    app.store
        .set_role(id, "staff", backend::now())
        .await
        .unwrap();
    assert_eq!(squatter.login("chef@example.com", PASSWORD).await, 200);
    let path = format!("/api/reservations/{booked}");
    let (status, body) = squatter.get(&path).await;
    assert!(matches!(status, 403 | 404), "{status} {body}");
    let (status, _) = squatter
        .get(&format!("/api/reservations?from={thursday}&to={thursday}"))
        .await;
    assert_eq!(status, 403);
    app.stop().await;
}

async fn signing_out_everywhere_ends_every_session(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut phone = app.signed_in(Role::Diner).await;
    let email = phone.email.clone();
    let mut laptop = app.client();
    assert_eq!(laptop.login(&email, PASSWORD).await, 200);
    let (status, _) = phone.post("/api/auth/logout-all", json!({})).await;
    assert_eq!(status, 204);
    assert_eq!(phone.get("/api/auth/me").await.0, 401);
    assert_eq!(laptop.get("/api/auth/me").await.0, 401);
    // Signing in again works; the account page's form does the same.
    assert_eq!(laptop.login(&email, PASSWORD).await, 200);
    assert_eq!(phone.login(&email, PASSWORD).await, 200);
    let (status, _) = laptop.server_fn("account_logout_all", &[]).await;
    assert!((200..400).contains(&status), "{status}");
    assert_eq!(phone.get("/api/auth/me").await.0, 401);
    assert_eq!(laptop.get("/api/auth/me").await.0, 401);
    let mut anon = app.client();
    assert_eq!(anon.post("/api/auth/logout-all", json!({})).await.0, 401);
    app.stop().await;
}

async fn the_api_changes_the_password_and_deletes_the_account(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut ada = app.signed_in(Role::Diner).await;
    let email = ada.email.clone();
    let mut other = app.client();
    assert_eq!(other.login(&email, PASSWORD).await, 200);
    let new = "a brand new pass phrase";
    let change =
        |current: &str, new: &str| json!({"current_password": current, "new_password": new});
    let (status, body) = ada
        .post("/api/auth/password", change("not my password!", new))
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "current_password");
    let (status, body) = ada
        .post("/api/auth/password", change(PASSWORD, "short"))
        .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["fields"][0]["field"], "new_password");
    assert_eq!(
        other.get("/api/auth/me").await.0,
        200,
        "refusals change nothing"
    );
    let (status, body) = ada.post("/api/auth/password", change(PASSWORD, new)).await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(ada.get("/api/auth/me").await.0, 200, "this session goes on");
    assert_eq!(other.get("/api/auth/me").await.0, 401, "the others end");
    assert_eq!(app.client().login(&email, PASSWORD).await, 401);
    assert_eq!(app.client().login(&email, new).await, 200);

    let (status, body) = ada
        .delete_json("/api/auth/me", json!({"password": PASSWORD}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "password");
    assert_eq!(ada.get("/api/auth/me").await.0, 200);
    let (status, body) = ada
        .delete_json("/api/auth/me", json!({"password": new}))
        .await;
    assert_eq!(status, 204, "{body}");
    assert_eq!(ada.get("/api/auth/me").await.0, 401);
    assert_eq!(app.client().login(&email, new).await, 401);
    app.stop().await;
}

async fn unproved_accounts_are_removed_after_the_verification_window(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut squatter = app.client();
    assert_eq!(squatter.register("owner@example.com").await, 202);
    let proved = app.signed_in(Role::Diner).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let invite = json!({"email": "chef@example.com", "name": "Chef", "role": "staff"});
    assert_eq!(admin.post("/api/auth/invite", invite).await.0, 201);
    let purge = |hours: i64| {
        backend::services::accounts::purge_unproved(
            &app.store,
            backend::now() + chrono::TimeDelta::hours(hours),
        )
    };
    // Within the 48 h to prove the address, nothing goes.
    assert_eq!(purge(47).await.unwrap(), 0);
    // After them, the unproved registration goes; the invitation (7 days)
    // and the proved accounts stay.
    assert_eq!(purge(49).await.unwrap(), 1);
    let gone = app.store.user_by_email("owner@example.com").await;
    assert!(matches!(gone, Err(backend::StoreError::NotFound)));
    assert!(app.store.user_by_email(&proved.email).await.is_ok());
    assert!(app.store.user_by_email("chef@example.com").await.is_ok());
    assert_eq!(
        purge(24 * 7 + 1).await.unwrap(),
        1,
        "the invitation expired"
    );
    assert!(app.store.user_by_email(&admin.email).await.is_ok());
    // The squatter's session is over, and the owner can register.
    assert_eq!(squatter.get("/api/auth/me").await.0, 401);
    assert_eq!(app.client().register("owner@example.com").await, 202);
    app.stop().await;
}
