//! Accounts, sessions and roles over the JSON API, on SQLite and on
//! PostgreSQL (and with sessions in Redis): registration with e-mail
//! verification, sign-in, password reset, invitations, the authorization
//! matrix, and the sign-in rate limits.

mod common;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use common::{fresh_database_url, Db, TestApp};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::Duration;

on_both_backends!(
    register_verify_book_list_and_sign_out,
    sign_in_says_the_same_for_unknown_email_and_wrong_password,
    password_reset_link_works_once,
    new_passwords_are_checked,
    admin_invites_staff_who_accepts,
    authorization_matrix,
    session_id_changes_at_sign_in_and_role_change,
    sign_in_is_rate_limited_per_address_and_per_account,
    password_reset_is_rate_limited,
    sessions_work_in_redis,
    server_functions_share_the_session_with_the_api,
);

/// A browser-like client: keeps the session cookie it is given.
struct Client<'a> {
    app: &'a TestApp,
    cookie: Option<String>,
    forwarded_for: Option<&'static str>,
}

impl<'a> Client<'a> {
    fn new(app: &'a TestApp) -> Self {
        Client {
            app,
            cookie: None,
            forwarded_for: None,
        }
    }

    async fn call(
        &mut self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self
            .app
            .client
            .request(method, self.app.url(path))
            .header("accept-language", "en");
        if let Some(cookie) = &self.cookie {
            req = req.header("cookie", cookie);
        }
        if let Some(ip) = self.forwarded_for {
            req = req.header("x-forwarded-for", ip);
        }
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = tokio::time::timeout(common::TIMEOUT, req.send())
            .await
            .expect("answer in time")
            .expect("request succeeds");
        if let Some(set) = res.headers().get("set-cookie") {
            let pair = set.to_str().unwrap().split(';').next().unwrap().to_owned();
            // An expired cookie (sign-out) removes the session.
            if set.to_str().unwrap().contains("Max-Age=0") {
                self.cookie = None;
            } else {
                self.cookie = Some(pair);
            }
        }
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn get(&mut self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path, None).await
    }

    async fn post(&mut self, path: &str, body: Value) -> (u16, Value) {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    /// Calls a server function with a URL-encoded form, as the browser does.
    async fn server_fn(&mut self, name: &str, fields: &[(&str, &str)]) -> (u16, Value) {
        let encode = |v: &str| {
            v.bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (b as char).to_string()
                    }
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        };
        let body = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut req = self
            .app
            .client
            .post(self.app.url(&format!("/api/fn/{name}")))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body);
        if let Some(cookie) = &self.cookie {
            req = req.header("cookie", cookie);
        }
        let res = tokio::time::timeout(common::TIMEOUT, req.send())
            .await
            .expect("answer in time")
            .expect("request succeeds");
        if let Some(set) = res.headers().get("set-cookie") {
            let set = set.to_str().unwrap();
            if set.contains("Max-Age=0") {
                self.cookie = None;
            } else {
                self.cookie = Some(set.split(';').next().unwrap().to_owned());
            }
        }
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn register(&mut self, email: &str) -> u16 {
        self.post(
            "/api/auth/register",
            json!({"name": "Ada Lovelace", "email": email, "password": "correct horse battery", "locale": "en"}),
        )
        .await
        .0
    }

    async fn login(&mut self, email: &str, password: &str) -> u16 {
        self.post(
            "/api/auth/login",
            json!({"email": email, "password": password}),
        )
        .await
        .0
    }
}

/// Any success (2xx, or a 3xx redirect after a form) reads as 200.
fn allowed(status: u16) -> u16 {
    if (200..400).contains(&status) {
        200
    } else {
        status
    }
}

fn mail_dir() -> PathBuf {
    std::env::temp_dir().join(common::unique_name("techplus_accounts_mail"))
}

async fn spawn(db: Db, mail: &Path, extra: &[(&str, &str)]) -> TestApp {
    let dir = mail.display().to_string();
    let mut env = vec![("MAIL_DIR", dir.as_str())];
    env.extend_from_slice(extra);
    TestApp::spawn_with_env(&fresh_database_url(db), None, &env).await
}

/// Waits for an e-mail to `to` holding a link under `/account/{kind}/` and
/// returns the link's token.
async fn token_from_mail(dir: &Path, to: &str, kind: &str) -> String {
    let marker = format!("/account/{kind}/");
    for _ in 0..100 {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let raw = std::fs::read(entry.path()).unwrap_or_default();
                let Ok(mail) = mailparse::parse_mail(&raw) else {
                    continue;
                };
                let headers_to = mail.headers.iter().any(|h| {
                    h.get_key_ref().eq_ignore_ascii_case("to") && h.get_value().contains(to)
                });
                if !headers_to {
                    continue;
                }
                let text = mail
                    .subparts
                    .iter()
                    .filter_map(|p| p.get_body().ok())
                    .collect::<Vec<_>>()
                    .join("\n");
                if let Some(at) = text.find(&marker) {
                    let token: String = text[at + marker.len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    return token;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no {kind} e-mail to {to} in {}", dir.display());
}

fn next_thursday() -> NaiveDate {
    let mut d = chrono::Utc::now().date_naive() + Days::new(3);
    while d.weekday() != Weekday::Thu {
        d = d.succ_opt().unwrap();
    }
    d
}

async fn book(client: &mut Client<'_>, time: &str, email: Option<&str>) -> String {
    let mut body = json!({"date": next_thursday().to_string(), "time": time, "party_size": 2});
    if let Some(email) = email {
        body["name"] = json!("Guest");
        body["email"] = json!(email);
        body["phone"] = json!("+33612345678");
    } else {
        body["phone"] = json!("+33612345678");
    }
    let (status, created) = client.post("/api/reservations", body).await;
    assert_eq!(status, 201, "{created}");
    created["reference"].as_str().unwrap().to_owned()
}

async fn register_verify_book_list_and_sign_out(db: Db) {
    let mail = mail_dir();
    let app = spawn(db, &mail, &[]).await;
    let mut ada = Client::new(&app);
    assert_eq!(ada.register("ada@example.com").await, 201);
    let (status, me) = ada.get("/api/auth/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["email_verified"], false);
    assert_eq!(me["role"], "diner");

    // Booking while signed in: name and e-mail come from the account.
    let reference = book(&mut ada, "19:00", None).await;
    // Not verified yet: "My reservations" is closed.
    let (status, body) = ada.get("/api/reservations").await;
    assert_eq!(status, 403, "{body}");

    let token = token_from_mail(&mail, "ada@example.com", "verify").await;
    let (status, _) = ada.post("/api/auth/verify", json!({"token": token})).await;
    assert_eq!(status, 204);
    let (status, _) = ada.post("/api/auth/verify", json!({"token": token})).await;
    assert_eq!(status, 404, "a link works once");

    // A booking made earlier as a guest with the same e-mail is hers too.
    let mut anonymous = Client::new(&app);
    let earlier = book(&mut anonymous, "19:30", Some("ADA@example.com")).await;
    let (status, list) = ada.get("/api/reservations").await;
    assert_eq!(status, 200, "{list}");
    let refs: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    assert!(
        refs.contains(&reference.as_str()) && refs.contains(&earlier.as_str()),
        "{list}"
    );
    let mine = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reference"] == reference.as_str())
        .unwrap();
    assert_eq!(mine["name"], "Ada Lovelace", "filled in from the account");
    assert_eq!(mine["email"], "ada@example.com");

    // She can change and cancel it without the token.
    let (status, changed) = ada
        .call(
            reqwest::Method::PUT,
            &format!("/api/reservations/{earlier}"),
            Some(json!({"party_size": 3})),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["party_size"], 3);
    let (status, cancelled) = ada
        .call(
            reqwest::Method::DELETE,
            &format!("/api/reservations/{earlier}"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["status"], "cancelled");

    let (status, _) = ada.post("/api/auth/logout", json!({})).await;
    assert_eq!(status, 204);
    assert_eq!(ada.get("/api/auth/me").await.0, 401);
    assert_eq!(ada.get("/api/reservations").await.0, 401);
    app.stop().await;
}

async fn sign_in_says_the_same_for_unknown_email_and_wrong_password(db: Db) {
    let mail = mail_dir();
    let app = spawn(db, &mail, &[]).await;
    let mut ada = Client::new(&app);
    assert_eq!(ada.register("ada@example.com").await, 201);
    let mut other = Client::new(&app);
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
    assert_eq!(
        other
            .login("ADA@example.com", "correct horse battery")
            .await,
        200
    );
    app.stop().await;
}

async fn password_reset_link_works_once(db: Db) {
    let mail = mail_dir();
    let app = spawn(db, &mail, &[]).await;
    let mut ada = Client::new(&app);
    assert_eq!(ada.register("ada@example.com").await, 201);
    let mut c = Client::new(&app);
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
    let token = token_from_mail(&mail, "ada@example.com", "reset").await;
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
    assert_eq!(
        c.login("ada@example.com", "correct horse battery").await,
        401
    );
    assert_eq!(c.login("ada@example.com", new).await, 200);
    // Only the account that exists got a message.
    let files = std::fs::read_dir(&mail).unwrap().count();
    assert_eq!(files, 2, "verification + reset for ada, nothing for nobody");
    app.stop().await;
}

async fn new_passwords_are_checked(db: Db) {
    let app = spawn(db, &mail_dir(), &[]).await;
    let mut c = Client::new(&app);
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
    }
    assert_eq!(c.register("ada@example.com").await, 201);
    let mut again = Client::new(&app);
    assert_eq!(
        again.register("Ada@Example.com").await,
        409,
        "one account per e-mail, any case"
    );
    app.stop().await;
}

async fn make_admin(app: &TestApp, email: &str) {
    backend::services::accounts::create_admin(
        &app.store,
        backend::now(),
        domain::Email::parse(email).unwrap(),
        domain::GuestName::parse("Margot").unwrap(),
        domain::Password::parse("the owner's pass phrase").unwrap(),
    )
    .await
    .unwrap();
}

async fn admin_invites_staff_who_accepts(db: Db) {
    let mail = mail_dir();
    let app = spawn(db, &mail, &[]).await;
    make_admin(&app, "margot@example.com").await;
    let mut admin = Client::new(&app);
    assert_eq!(
        admin
            .login("margot@example.com", "the owner's pass phrase")
            .await,
        200
    );
    let (status, body) = admin
        .post(
            "/api/auth/invite",
            json!({"email": "sam@example.com", "name": "Sam", "role": "staff", "locale": "fr"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let token = token_from_mail(&mail, "sam@example.com", "invite").await;
    let mut sam = Client::new(&app);
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
    let mut guest = Client::new(&app);
    let reference = book(&mut guest, "20:00", Some("guest@example.com")).await;
    let from = next_thursday().to_string();
    let (status, list) = sam
        .get(&format!("/api/reservations?from={from}&to={from}"))
        .await;
    assert_eq!(status, 200);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["reference"] == reference.as_str()));
    app.stop().await;
}

async fn authorization_matrix(db: Db) {
    let mail = mail_dir();
    let app = spawn(db, &mail, &[]).await;
    make_admin(&app, "admin@example.com").await;
    let mut anon = Client::new(&app);
    let mut ada = Client::new(&app);
    let mut bob = Client::new(&app);
    let mut staff = Client::new(&app);
    let mut admin = Client::new(&app);
    assert_eq!(
        admin
            .login("admin@example.com", "the owner's pass phrase")
            .await,
        200
    );
    for (client, email) in [(&mut ada, "ada@example.com"), (&mut bob, "bob@example.com")] {
        assert_eq!(client.register(email).await, 201);
        let token = token_from_mail(&mail, email, "verify").await;
        assert_eq!(
            client
                .post("/api/auth/verify", json!({"token": token}))
                .await
                .0,
            204
        );
    }
    assert_eq!(
        admin
            .post(
                "/api/auth/invite",
                json!({"email": "staff@example.com", "name": "Sam", "role": "staff"})
            )
            .await
            .0,
        201
    );
    let token = token_from_mail(&mail, "staff@example.com", "invite").await;
    assert_eq!(
        staff
            .post(
                "/api/auth/invite/accept",
                json!({"token": token, "password": "sam's own pass phrase"})
            )
            .await
            .0,
        200
    );
    let mut refs = Vec::new();
    for time in ["19:00", "19:15", "19:30", "19:45", "20:00"] {
        refs.push(book(&mut ada, time, None).await);
    }
    let one = format!("/api/reservations/{}", refs[0]);

    // (who, expected status) for each request, in the order anon, ada (owner),
    // bob (another diner), staff, admin.
    type Row = (reqwest::Method, String, Option<Value>, [u16; 5]);
    let rows: Vec<Row> = vec![
        (
            reqwest::Method::GET,
            "/api/auth/me".into(),
            None,
            [401, 200, 200, 200, 200],
        ),
        (
            reqwest::Method::GET,
            "/api/reservations".into(),
            None,
            [401, 200, 200, 200, 200],
        ),
        (
            reqwest::Method::GET,
            one.clone(),
            None,
            [401, 200, 404, 200, 200],
        ),
        (
            reqwest::Method::PUT,
            one.clone(),
            Some(json!({"notes": "high chair"})),
            [401, 200, 404, 200, 200],
        ),
        (
            reqwest::Method::PUT,
            "/api/auth/role".into(),
            Some(json!({"email": "bob@example.com", "role": "diner"})),
            [401, 403, 403, 403, 204],
        ),
        (
            reqwest::Method::POST,
            "/api/auth/refresh".into(),
            Some(json!({})),
            [401, 200, 200, 200, 200],
        ),
    ];
    for (method, path, body, expected) in rows {
        let mut got = [0u16; 5];
        for (i, client) in [&mut anon, &mut ada, &mut bob, &mut staff, &mut admin]
            .into_iter()
            .enumerate()
        {
            got[i] = client.call(method.clone(), &path, body.clone()).await.0;
        }
        assert_eq!(got, expected, "{method} {path}");
    }
    // The pages' server functions go through the same check.
    let mut got = [0u16; 5];
    for (i, client) in [&mut anon, &mut ada, &mut bob, &mut staff, &mut admin]
        .into_iter()
        .enumerate()
    {
        got[i] = allowed(client.server_fn("account_reservations", &[]).await.0);
    }
    assert_eq!(got, [401, 200, 200, 200, 200], "account_reservations");
    let mut got = [0u16; 5];
    for (i, client) in [&mut anon, &mut ada, &mut bob, &mut staff, &mut admin]
        .into_iter()
        .enumerate()
    {
        let email = format!("fn{i}@example.com");
        let form = [
            ("email", email.as_str()),
            ("name", "New"),
            ("role", "staff"),
            ("locale", "fr"),
        ];
        got[i] = allowed(client.server_fn("admin_invite", &form).await.0);
    }
    assert_eq!(got, [401, 403, 403, 403, 200], "admin_invite");
    assert_eq!(
        allowed(
            anon.server_fn("account_cancel", &[("reference", &refs[4])])
                .await
                .0
        ),
        401
    );
    assert_eq!(
        allowed(
            bob.server_fn("account_cancel", &[("reference", &refs[4])])
                .await
                .0
        ),
        404
    );
    assert_eq!(
        allowed(
            ada.server_fn("account_cancel", &[("reference", &refs[4])])
                .await
                .0
        ),
        200
    );
    // Invitations: only admins (a fresh address each time).
    let mut got = [0u16; 5];
    for (i, client) in [&mut anon, &mut ada, &mut bob, &mut staff, &mut admin]
        .into_iter()
        .enumerate()
    {
        let body = json!({"email": format!("new{i}@example.com"), "name": "New", "role": "staff"});
        got[i] = client.post("/api/auth/invite", body).await.0;
    }
    assert_eq!(got, [401, 403, 403, 403, 201]);
    // Deleting: anonymous and another diner cannot; the owner, staff and admin can.
    let del = |r: &String| format!("/api/reservations/{r}");
    assert_eq!(
        anon.call(reqwest::Method::DELETE, &del(&refs[1]), None)
            .await
            .0,
        401
    );
    assert_eq!(
        bob.call(reqwest::Method::DELETE, &del(&refs[1]), None)
            .await
            .0,
        404
    );
    assert_eq!(
        ada.call(reqwest::Method::DELETE, &del(&refs[1]), None)
            .await
            .0,
        200
    );
    assert_eq!(
        staff
            .call(reqwest::Method::DELETE, &del(&refs[2]), None)
            .await
            .0,
        200
    );
    assert_eq!(
        admin
            .call(reqwest::Method::DELETE, &del(&refs[3]), None)
            .await
            .0,
        200
    );
    // Bob's list shows none of Ada's bookings.
    let (_, list) = bob.get("/api/reservations").await;
    assert_eq!(list.as_array().unwrap().len(), 0);
    app.stop().await;
}

async fn session_id_changes_at_sign_in_and_role_change(db: Db) {
    let mail = mail_dir();
    let app = spawn(db, &mail, &[]).await;
    make_admin(&app, "admin@example.com").await;
    let mut ada = Client::new(&app);
    assert_eq!(ada.register("ada@example.com").await, 201);
    let first = ada.cookie.clone().expect("a session after registering");
    assert_eq!(
        ada.login("ada@example.com", "correct horse battery").await,
        200
    );
    let second = ada.cookie.clone().unwrap();
    assert_ne!(first, second, "a new session id at sign-in");
    let mut admin = Client::new(&app);
    assert_eq!(
        admin
            .login("admin@example.com", "the owner's pass phrase")
            .await,
        200
    );
    assert_eq!(
        admin
            .call(
                reqwest::Method::PUT,
                "/api/auth/role",
                Some(json!({"email": "ada@example.com", "role": "staff"}))
            )
            .await
            .0,
        204
    );
    let (status, me) = ada.get("/api/auth/me").await;
    assert_eq!(status, 200);
    assert_eq!(me["role"], "staff");
    assert_ne!(
        ada.cookie.clone().unwrap(),
        second,
        "a new session id after the role changed"
    );
    // The old id no longer opens the session.
    let mut stale = Client::new(&app);
    stale.cookie = Some(second);
    assert_eq!(stale.get("/api/auth/me").await.0, 401);
    app.stop().await;
}

async fn sign_in_is_rate_limited_per_address_and_per_account(db: Db) {
    let app = spawn(
        db,
        &mail_dir(),
        &[
            ("RATE_LIMIT_LOGIN", "3/15m"),
            ("TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    let mut ada = Client::new(&app);
    ada.forwarded_for = Some("203.0.113.10");
    assert_eq!(ada.register("ada@example.com").await, 201);
    // Per address: register + 2 sign-ins use the 3 attempts.
    assert_eq!(ada.login("ada@example.com", "wrong password!").await, 401);
    assert_eq!(ada.login("ada@example.com", "wrong password!").await, 401);
    let (status, body) = ada
        .post(
            "/api/auth/login",
            json!({"email": "x@example.com", "password": "whatever123456"}),
        )
        .await;
    assert_eq!(status, 429, "{body}");
    // Per account: guesses from other addresses still count against Ada.
    let ips = ["198.51.100.1", "198.51.100.2", "198.51.100.3"];
    let mut statuses = Vec::new();
    for ip in ips {
        let mut c = Client::new(&app);
        c.forwarded_for = Some(ip);
        statuses.push(c.login("ada@example.com", "another guess!!").await);
    }
    assert_eq!(
        statuses,
        [401, 429, 429],
        "2 earlier failures + 1 = the account's 3"
    );
    // The sign-in form's server function shares the per-account limit.
    let res = app
        .client
        .post(app.url("/api/fn/account_login"))
        .header("x-forwarded-for", "198.51.100.9")
        .form(&[
            ("email", "ada@example.com"),
            ("password", "correct horse battery"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    app.stop().await;
}

async fn password_reset_is_rate_limited(db: Db) {
    let app = spawn(db, &mail_dir(), &[("RATE_LIMIT_PASSWORD_RESET", "3/1h")]).await;
    let mut c = Client::new(&app);
    for _ in 0..3 {
        assert_eq!(
            c.post(
                "/api/auth/password/forgot",
                json!({"email": "x@example.com"})
            )
            .await
            .0,
            202
        );
    }
    let res = app
        .client
        .post(app.url("/api/auth/password/forgot"))
        .json(&json!({"email": "x@example.com"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    app.stop().await;
}

async fn sessions_work_in_redis(db: Db) {
    let mail = mail_dir();
    let dir = mail.display().to_string();
    let app = TestApp::spawn_with_env(
        &fresh_database_url(db),
        Some(&common::redis_url()),
        &[("MAIL_DIR", &dir)],
    )
    .await;
    let mut ada = Client::new(&app);
    assert_eq!(ada.register("ada@example.com").await, 201);
    assert_eq!(ada.get("/api/auth/me").await.0, 200);
    assert_eq!(ada.post("/api/auth/logout", json!({})).await.0, 204);
    assert_eq!(ada.get("/api/auth/me").await.0, 401);
    app.stop().await;
}

/// The pages' server functions and the JSON API read and write the same
/// session: signed in by one, known to the other.
async fn server_functions_share_the_session_with_the_api(db: Db) {
    let mail = mail_dir();
    let app = spawn(db, &mail, &[]).await;
    let mut ada = Client::new(&app);
    assert_eq!(ada.register("ada@example.com").await, 201);

    let mut page = Client::new(&app);
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
            &[
                ("email", "ada@example.com"),
                ("password", "correct horse battery"),
            ],
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
    ada.server_fn("account_logout", &[]).await;
    assert_eq!(ada.get("/api/auth/me").await.0, 401);

    // Register through the page: the password's reason comes back.
    let mut grace = Client::new(&app);
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
    assert_eq!(body["fields"], json!(["password:too_short"]));
    let _ = std::fs::remove_dir_all(&mail);
}
