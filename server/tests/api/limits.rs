//! Abuse limits: counters shared by several processes through Redis,
//! clients named by their network (IPv6 /64), the limit on account actions,
//! and the cap on password hashes running at once.

use crate::helpers::{
    dates, manage_token, redis_url, unique_name, Booking, Db, Role, TestApp, PASSWORD,
};
use chrono::Weekday;
use serde_json::json;

on_both_backends!(
    limits_hold_across_processes_with_redis,
    an_ipv6_client_is_its_whole_network,
    account_actions_have_their_own_limit,
    made_up_tokens_cost_no_password_hash,
    one_guest_cannot_fill_an_evening,
    bulk_actions_and_exports_have_their_own_limit,
);

async fn limits_hold_across_processes_with_redis(db: Db) {
    let prefix = unique_name("techplus_test_rl");
    let redis = redis_url();
    let env = [
        ("REDIS_URL", redis.as_str()),
        ("REDIS_PREFIX", prefix.as_str()),
        ("RATE_LIMIT_API", "2/15m"),
        ("RATE_LIMIT_LOGIN", "2/15m"),
        ("TRUSTED_PROXIES", "127.0.0.1"),
    ];
    let one = TestApp::spawn_with(db, &env).await;
    let two = TestApp::spawn_on(&one.database_url, &env).await;
    let path = "/api/availability?date=2000-01-01&party_size=2";
    let get = |app: &TestApp| {
        app.http
            .get(app.url(path))
            .header("x-forwarded-for", "203.0.113.50")
            .send()
    };
    assert_eq!(get(&one).await.unwrap().status(), 422);
    assert_eq!(get(&two).await.unwrap().status(), 422);
    assert_eq!(get(&one).await.unwrap().status(), 429, "the two share");
    assert_eq!(get(&two).await.unwrap().status(), 429);
    // Sign-in failures on one process hold the account back on the other.
    let mut ada = one.client();
    ada.forwarded_for = Some("203.0.113.60");
    assert_eq!(ada.register("ada@example.com").await, 202);
    for (app, ip) in [(&one, "198.51.100.1"), (&two, "198.51.100.2")] {
        let mut c = app.client();
        c.forwarded_for = Some(ip);
        assert_eq!(c.login("ada@example.com", "a wrong guess!!").await, 401);
    }
    let mut c = two.client();
    c.forwarded_for = Some("198.51.100.3");
    assert_eq!(c.login("ada@example.com", PASSWORD).await, 429);
    // Another site on the same Redis (another prefix) counts apart.
    let other_prefix = unique_name("techplus_test_rl");
    let mut env = env;
    env[1] = ("REDIS_PREFIX", other_prefix.as_str());
    let three = TestApp::spawn_on(&one.database_url, &env).await;
    assert_eq!(get(&three).await.unwrap().status(), 422);
    // The servers share one database: only the last one drops it.
    let store = one.store.clone();
    let store_two = two.store.clone();
    std::mem::forget(one);
    std::mem::forget(two);
    store.close().await;
    store_two.close().await;
    three.stop().await;
}

async fn an_ipv6_client_is_its_whole_network(db: Db) {
    let app = TestApp::spawn_with(
        db,
        &[
            ("RATE_LIMIT_API", "2/15m"),
            ("TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    let get = |ip: &'static str| {
        app.http
            .get(app.url("/api/availability?date=2000-01-01&party_size=2"))
            .header("x-forwarded-for", ip)
            .send()
    };
    // Addresses of one /64 are one client...
    assert_eq!(get("2001:db8:7:1::1").await.unwrap().status(), 422);
    assert_eq!(get("2001:db8:7:1::2").await.unwrap().status(), 422);
    assert_eq!(get("2001:db8:7:1:ffff::3").await.unwrap().status(), 429);
    // ...another /64 is another client; a mapped IPv4 is that IPv4.
    assert_eq!(get("2001:db8:7:2::1").await.unwrap().status(), 422);
    assert_eq!(get("203.0.113.70").await.unwrap().status(), 422);
    assert_eq!(get("::ffff:203.0.113.70").await.unwrap().status(), 422);
    assert_eq!(get("203.0.113.70").await.unwrap().status(), 429);
    // A hop that is not an address falls back to the proxy, not to what
    // the client wrote before it.
    assert_eq!(get("198.51.100.77, unknown").await.unwrap().status(), 422);
    assert_eq!(get("198.51.100.78, unknown").await.unwrap().status(), 422);
    assert_eq!(get("198.51.100.79, unknown").await.unwrap().status(), 429);
    app.stop().await;
}

async fn account_actions_have_their_own_limit(db: Db) {
    let app = TestApp::spawn_with(db, &[("RATE_LIMIT_ACCOUNT", "2/15m")]).await;
    let mut ada = app.signed_in(Role::Diner).await;
    let wrong =
        json!({"current_password": "not my password", "new_password": "whatever long pass"});
    assert_eq!(ada.post("/api/auth/password", wrong.clone()).await.0, 422);
    assert_eq!(
        ada.delete_json("/api/auth/me", json!({"password": "not my password"}))
            .await
            .0,
        422
    );
    assert_eq!(ada.post("/api/auth/password", wrong).await.0, 429);
    let bogus = json!({"token": "A".repeat(43), "password": "a long enough pass"});
    assert_eq!(
        app.client().post("/api/auth/invite/accept", bogus).await.0,
        429
    );
    // Other requests are not counted.
    assert_eq!(ada.get("/api/auth/me").await.0, 200);
    app.stop().await;
}

/// A made-up invitation or reset token is refused before any password is
/// hashed: with every hashing slot taken, it is still answered at once (a
/// hash first would wait for a slot, then answer 503).
async fn made_up_tokens_cost_no_password_hash(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut anon = app.client();
    let bogus = json!({"token": "B".repeat(43), "password": "a long enough pass"});
    let slots = backend::services::accounts::hashing_slots();
    let held = slots
        .acquire_many(u32::try_from(backend::services::accounts::hashing_slot_count()).unwrap())
        .await
        .unwrap();
    let accept = anon.post("/api/auth/invite/accept", bogus.clone()).await;
    let reset = anon.post("/api/auth/password/reset", bogus).await;
    drop(held);
    assert_eq!(accept.0, 404, "{:?}", accept.1);
    assert_eq!(reset.0, 404, "{:?}", reset.1);
    app.stop().await;
}

async fn one_guest_cannot_fill_an_evening(db: Db) {
    let app = TestApp::spawn_with(db, &[("RATE_LIMIT_BOOKING_GUEST", "2/24h")]).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let at = |time: &str| Booking::at(thursday, time).email("eve@example.com");
    let first = app.book(&at("19:00")).await;
    app.book(&at("19:15")).await;
    // A third with the same e-mail (in another case), or with the same
    // phone under another e-mail, is refused.
    let (status, body) = app.try_book(&at("19:30").email("EVE@example.com")).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["error"]["code"], "rate_limited");
    let other_mail = Booking::at(thursday, "19:30").email("eve2@example.com");
    assert_eq!(app.try_book(&other_mail).await.0, 429, "same phone");
    // Cancelled bookings do not count.
    let token = manage_token(&first);
    let res = app
        .http
        .delete(app.url(&format!("/api/reservations/manage/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(app.try_book(&at("19:30")).await.0, 201);
    // Other guests are not affected.
    let grace = Booking::at(thursday, "19:45")
        .email("grace@example.com")
        .phone("+33 6 00 00 00 02");
    assert_eq!(app.try_book(&grace).await.0, 201);
    app.stop().await;
}

/// Bulk changes (each may e-mail many guests), confirmations sent again
/// and exports share a limit; reading the list does not count.
async fn bulk_actions_and_exports_have_their_own_limit(db: Db) {
    let app = TestApp::spawn_with(db, &[("RATE_LIMIT_BULK", "2/15m")]).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let none = json!({"action": "no_show", "ids": [999_999]});
    assert_eq!(
        staff
            .post("/api/admin/reservations/bulk", none.clone())
            .await
            .0,
        200
    );
    assert_eq!(staff.get("/api/admin/reservations.csv").await.0, 200);
    assert_eq!(
        staff.post("/api/admin/reservations/bulk", none).await.0,
        429
    );
    let (status, _) = staff
        .server_fn("admin_bulk", &[("action", "no_show"), ("ids[]", "999999")])
        .await;
    assert_eq!(status, 429);
    // Sending a confirmation again mails too: the same limit.
    assert_eq!(
        staff
            .post("/api/admin/reservations/999999/resend", json!({}))
            .await
            .0,
        429
    );
    assert_eq!(staff.get("/api/admin/reservations").await.0, 200);
    app.stop().await;
}
