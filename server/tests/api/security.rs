//! The security baseline through the real server: headers on pages and API
//! answers, cross-origin writes refused, rate limits, on both backends.

use crate::helpers::{dates, reference, Booking, Db, Role, TestApp};
use chrono::Weekday;
use serde_json::Value;

on_both_backends!(
    pages_and_api_answers_carry_the_security_headers,
    hsts_only_over_https,
    cross_origin_writes_are_refused,
    api_requests_are_rate_limited_per_client,
    booking_creation_has_its_own_limit,
    forwarded_addresses_count_only_behind_a_trusted_proxy,
    finding_a_booking_by_reference_is_rate_limited,
    answers_with_personal_data_are_never_stored,
    framework_refusals_answer_in_the_json_envelope,
    server_functions_with_undecodable_arguments_answer_422,
    hidden_format_characters_are_refused,
    dates_far_out_of_range_are_refused_not_panicked,
    slow_headers_are_cut_off_and_connections_are_capped,
);

async fn spawn(db: Db, env: &[(&str, &str)]) -> TestApp {
    TestApp::spawn_with(db, env).await
}

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers()
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .to_str()
        .unwrap()
}

fn assert_baseline(res: &reqwest::Response) {
    assert_eq!(header(res, "x-content-type-options"), "nosniff");
    assert_eq!(header(res, "x-frame-options"), "DENY");
    assert_eq!(
        header(res, "referrer-policy"),
        "strict-origin-when-cross-origin"
    );
    assert!(header(res, "permissions-policy").contains("camera=()"));
    let csp = header(res, "content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let scripts = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap_or_else(|| panic!("no script-src in {csp}"));
    assert!(!scripts.contains("unsafe-inline"), "{csp}");
}

async fn pages_and_api_answers_carry_the_security_headers(db: Db) {
    let app = spawn(db, &[]).await;
    let res = app.get("/").await;
    assert_eq!(res.status(), 200);
    assert_baseline(&res);
    assert!(res.headers().get("strict-transport-security").is_none());
    // The page's inline scripts carry this response's nonce, and only it.
    let csp = header(&res, "content-security-policy").to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the page's policy")
        .to_owned();
    assert!(nonce.len() >= 16, "{nonce}");
    let html = res.text().await.unwrap();
    let inline_scripts = html.matches("<script").count();
    assert!(inline_scripts > 0);
    let without: Vec<&str> = html
        .split("<script")
        .skip(1)
        // An empty element runs nothing (browsers do not even check it).
        .filter(|tag| !tag.starts_with("></script>"))
        // Data, never run (JSON-LD): the script policy does not apply.
        .filter(|tag| !tag.starts_with(" type=\"application/ld+json\">"))
        .filter(|tag| {
            !tag.split('>')
                .next()
                .unwrap_or("")
                .contains(&format!("nonce=\"{nonce}\""))
        })
        .map(|tag| &tag[..tag.len().min(120)])
        .collect();
    assert!(without.is_empty(), "scripts without the nonce: {without:?}");
    // A new response, a new nonce.
    let again = app.get("/").await;
    assert!(!header(&again, "content-security-policy").contains(&nonce));

    let res = app
        .get("/api/availability?date=2000-01-01&party_size=2")
        .await;
    assert_eq!(res.status(), 422);
    assert_baseline(&res);
    let res = app.get("/health").await;
    assert_baseline(&res);
    app.stop().await;
}

async fn hsts_only_over_https(db: Db) {
    let app = spawn(db, &[("PUBLIC_URL", "https://book.example.com")]).await;
    let res = app.get("/").await;
    assert!(header(&res, "strict-transport-security").contains("max-age="));
    app.stop().await;
}

/// A booking in the past: refused by the handler (422) once it gets there.
fn booking(n: u32) -> Value {
    let past = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    Booking::at(past, "19:30")
        .email(&format!("ada{n}@example.com"))
        .json()
}

async fn cross_origin_writes_are_refused(db: Db) {
    let app = spawn(db, &[]).await;
    let post = |origin: Option<String>, referer: Option<&'static str>| {
        let mut req = app
            .http
            .post(app.url("/api/reservations"))
            .header("accept-language", "en")
            .json(&booking(1));
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(r) = referer {
            req = req.header("referer", r);
        }
        req.send()
    };
    for (origin, referer) in [
        (Some("http://evil.example".to_owned()), None),
        (Some("null".to_owned()), None),
        (None, Some("http://evil.example/page")),
    ] {
        let res = post(origin.clone(), referer).await.unwrap();
        assert_eq!(res.status(), 403, "{origin:?} {referer:?}");
        assert_baseline(&res);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "forbidden");
    }
    // Our own origin (and clients that send none) reach the handler, which
    // refuses the past date with 422.
    let ours = Some(app.base.clone());
    assert_eq!(post(ours.clone(), None).await.unwrap().status(), 422);
    assert_eq!(post(None, None).await.unwrap().status(), 422);
    // A browser that says the request comes from another site, and a
    // cookie-carrying write that names no origin, are refused.
    let res = app
        .http
        .post(app.url("/api/reservations"))
        .header("origin", app.base.as_str())
        .header("sec-fetch-site", "cross-site")
        .json(&booking(2))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = app
        .http
        .post(app.url("/api/reservations"))
        .header("cookie", "techplus.sid=anything")
        .json(&booking(2))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Server functions too.
    let res = app
        .http
        .post(app.url("/api/fn/booking_confirm"))
        .header("origin", "http://evil.example")
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    app.stop().await;
    // With PUBLIC_URL, only its scheme, host and port are this site, even
    // when the Host header agrees with another origin.
    let app = spawn(db, &[("PUBLIC_URL", "http://book.example")]).await;
    let post = |origin: &'static str, host: Option<&'static str>| {
        let mut req = app
            .http
            .post(app.url("/api/reservations"))
            .header("origin", origin)
            .json(&booking(3));
        if let Some(host) = host {
            req = req.header("host", host);
        }
        req.send()
    };
    assert_eq!(
        post("http://book.example", None).await.unwrap().status(),
        422
    );
    assert_eq!(
        post("http://evil.example", Some("evil.example"))
            .await
            .unwrap()
            .status(),
        403
    );
    assert_eq!(
        post("https://book.example", None).await.unwrap().status(),
        403
    );
    // Reads are not affected.
    let res = app
        .http
        .get(app.url("/menu"))
        .header("origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    app.stop().await;
}

async fn api_requests_are_rate_limited_per_client(db: Db) {
    let app = spawn(db, &[("RATE_LIMIT_API", "3/15m")]).await;
    let path = "/api/availability?date=2000-01-01&party_size=2";
    for remaining in ["2", "1", "0"] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 422);
        assert_eq!(header(&res, "ratelimit-limit"), "3");
        assert_eq!(header(&res, "ratelimit-remaining"), remaining);
        let reset: u64 = header(&res, "ratelimit-reset").parse().unwrap();
        assert!((1..=900).contains(&reset));
    }
    let res = app
        .http
        .get(app.url(path))
        .header("accept-language", "fr")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert_baseline(&res);
    let retry: u64 = header(&res, "retry-after").parse().unwrap();
    assert!((1..=900).contains(&retry));
    assert_eq!(header(&res, "ratelimit-remaining"), "0");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    assert_eq!(
        body["error"]["message"],
        "Trop de tentatives. Merci de patienter un peu avant de réessayer."
    );
    // Pages are not counted against the API limit.
    assert_eq!(app.get("/").await.status(), 200);
    app.stop().await;
}

async fn booking_creation_has_its_own_limit(db: Db) {
    let app = spawn(db, &[("RATE_LIMIT_BOOKING", "2/1h")]).await;
    for n in 0..2 {
        let res = app
            .http
            .post(app.url("/api/reservations"))
            .json(&booking(n))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
    }
    let res = app
        .http
        .post(app.url("/api/reservations"))
        .json(&booking(3))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    // The wizard's booking server function shares the limit.
    let res = app
        .http
        .post(app.url("/api/fn/booking_confirm"))
        .form(&[("x", "y")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    // Reading availability is still allowed.
    assert_eq!(
        app.get("/api/availability?date=2000-01-01&party_size=2")
            .await
            .status(),
        422
    );
    app.stop().await;
}

async fn forwarded_addresses_count_only_behind_a_trusted_proxy(db: Db) {
    let get = |app: &TestApp, ip: &'static str| {
        app.http
            .get(app.url("/api/availability?date=2000-01-01&party_size=2"))
            .header("x-forwarded-for", ip)
            .send()
    };
    // Untrusted: a spoofed header does not give a fresh allowance.
    let app = spawn(db, &[("RATE_LIMIT_API", "1/15m")]).await;
    assert_eq!(get(&app, "203.0.113.1").await.unwrap().status(), 422);
    assert_eq!(get(&app, "203.0.113.2").await.unwrap().status(), 429);
    app.stop().await;
    // Behind a trusted proxy each client has its own allowance.
    let app = spawn(
        db,
        &[
            ("RATE_LIMIT_API", "1/15m"),
            ("TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    assert_eq!(get(&app, "203.0.113.1").await.unwrap().status(), 422);
    assert_eq!(get(&app, "203.0.113.2").await.unwrap().status(), 422);
    assert_eq!(get(&app, "203.0.113.1").await.unwrap().status(), 429);
    app.stop().await;
}

/// Finding a booking by reference and e-mail (the manage page's form) is
/// limited per client: a reference is short enough to guess at.
async fn finding_a_booking_by_reference_is_rate_limited(db: Db) {
    let app = spawn(db, &[("RATE_LIMIT_LOOKUP", "3/15m")]).await;
    let date = dates::next(&app, Weekday::Thu).await;
    let booked = reference(&app.book(&Booking::at(date, "19:30")).await);
    let find = |email: &'static str| {
        let booked = booked.clone();
        let app = &app;
        async move {
            app.http
                .post(app.url("/api/fn/manage_find"))
                .header("accept", "application/json")
                .form(&[("reference", booked.as_str()), ("email", email)])
                .send()
                .await
                .unwrap()
        }
    };
    // Wrong guesses and the right answer all count.
    assert_eq!(find("guess@example.com").await.status(), 404);
    assert_eq!(find("other@example.com").await.status(), 404);
    let found = find("ada@example.com").await.status().as_u16();
    assert!((200..400).contains(&found), "{found}");
    let res = find("ada@example.com").await;
    assert_eq!(res.status(), 429);
    let retry: u64 = header(&res, "retry-after").parse().unwrap();
    assert!((1..=900).contains(&retry));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    // Only the lookup is limited: the rest of the site still answers.
    assert_eq!(
        app.get("/api/availability?date=2000-01-01&party_size=2")
            .await
            .status(),
        422
    );
    assert_eq!(app.get("/manage").await.status(), 200);
    app.stop().await;
}

/// Pages, API answers and anything that sets a session are `no-store`: a
/// shared computer's back button or a proxy keeps no booking, token or
/// session. The site's static files are not concerned.
async fn answers_with_personal_data_are_never_stored(db: Db) {
    let app = spawn(db, &[]).await;
    let date = dates::next(&app, Weekday::Thu).await;
    let created = app.book(&Booking::at(date, "19:30")).await;
    let token = crate::helpers::manage_token(&created);
    for path in [
        "/".to_owned(),
        format!("/manage/{token}"),
        format!("/api/reservations/manage/{token}"),
        format!("/api/reservations/manage/{token}/calendar.ics"),
        "/api/auth/me".to_owned(),
        "/account".to_owned(),
    ] {
        let res = app.get(&path).await;
        assert_eq!(header(&res, "cache-control"), "no-store", "{path}");
    }
    let res = app
        .http
        .post(app.url("/api/auth/register"))
        .json(&serde_json::json!({
            "name": "Ada", "email": "ada@example.com",
            "password": crate::helpers::PASSWORD,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 202);
    assert_eq!(header(&res, "cache-control"), "no-store");
    let res = app
        .http
        .post(app.url("/api/auth/login"))
        .json(&serde_json::json!({
            "email": "ada@example.com", "password": crate::helpers::PASSWORD,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("set-cookie"));
    assert_eq!(header(&res, "cache-control"), "no-store");
    let res = app.get("/pkg/techplus.css").await;
    assert_ne!(
        res.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store"),
        "static files may be cached"
    );
    app.stop().await;
}

async fn framework_refusals_answer_in_the_json_envelope(db: Db) {
    let app = spawn(db, &[]).await;
    // A body over the 64 KiB limit. The server may answer before the
    // client has sent it all and close the connection: then the client
    // cannot read the answer, and tries again.
    let body = format!("{{\"notes\": \"{}\"}}", "x".repeat(70_000));
    let mut answer = None;
    for _ in 0..5 {
        let sent = app
            .http
            .post(app.url("/api/reservations"))
            .header("accept-language", "fr")
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await;
        if let Ok(res) = sent {
            answer = Some(res);
            break;
        }
    }
    let res = answer.expect("an answer to the oversized body");
    assert_eq!(res.status(), 413);
    assert_baseline(&res);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "too_large");
    assert_eq!(body["error"]["message"], "La requête est trop volumineuse.");
    // A method the resource does not take, and a path the API does not have.
    let res = app
        .http
        .patch(app.url("/api/reservations"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 405);
    assert!(res.headers().contains_key("allow"));
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");
    let res = app.get("/api/no-such-thing").await;
    assert_eq!(res.status(), 404);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    // Pages keep their own HTML error page.
    let res = app.get("/no-such-page").await;
    assert_eq!(res.status(), 404);
    assert!(header(&res, "content-type").starts_with("text/html"));
    app.stop().await;
}

/// A name or a note with a right-to-left override or a zero-width space
/// (text that reads differently from what it is, in e-mails and on the
/// staff screens) is refused, and nothing is booked.
async fn hidden_format_characters_are_refused(db: Db) {
    let app = spawn(db, &[]).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let before = app.count("SELECT COUNT(*) FROM reservations").await;
    for (booking, field) in [
        (
            Booking::at(thursday, "19:30").name("Ada \u{202E}ecalevoL"),
            "name",
        ),
        (
            Booking::at(thursday, "19:30").notes("allergy\u{200B}"),
            "notes",
        ),
    ] {
        let (status, body) = app.try_book(&booking).await;
        assert_eq!(status, 422, "{body}");
        assert_eq!(body["error"]["field"], field, "{body}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM reservations").await, before);
    app.stop().await;
}

/// `from=+262143-12-31` once overflowed date arithmetic in the staff list:
/// dates far out of range are a clear 422, on every date input.
async fn dates_far_out_of_range_are_refused_not_panicked(db: Db) {
    let app = spawn(db, &[]).await;
    let mut staff = app.signed_in(Role::Staff).await;
    for query in [
        "from=%2B262143-12-31&to=%2B262143-12-31",
        "from=262143-12-31",
        "from=-9999-01-01&to=2026-12-31",
        "from=2026-01-01&to=9999-12-31",
    ] {
        let (status, body) = staff.get(&format!("/api/reservations?{query}")).await;
        assert_eq!(status, 422, "{query}: {body}");
        assert_eq!(body["error"]["code"], "invalid_input", "{query}");
    }
    for path in [
        "/api/availability?date=%2B262143-12-31&party_size=2",
        "/api/availability/month?month=%2B262143-12&party_size=2",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status(), 422, "{path}");
    }
    // The server is still up.
    assert_eq!(app.get("/health").await.status(), 200);
    app.stop().await;
}

/// Reads what the server sends until it closes the connection, or `None`
/// when it is still open after `wait`.
async fn read_until_closed(
    stream: &mut tokio::net::TcpStream,
    wait: std::time::Duration,
) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let read = tokio::time::timeout(wait, stream.read_to_end(&mut got)).await;
    match read {
        Ok(_) => Some(String::from_utf8_lossy(&got).into_owned()),
        Err(_) => None,
    }
}

/// Slowloris: a client that sends its headers a byte at a time is cut off
/// after HEADER_READ_TIMEOUT, and open connections are capped
/// (MAX_CONNECTIONS): more wait until one closes.
async fn slow_headers_are_cut_off_and_connections_are_capped(db: Db) {
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn(
        db,
        &[("HEADER_READ_TIMEOUT", "1"), ("MAX_CONNECTIONS", "2")],
    )
    .await;
    // Headers never finished: cut off (408), the connection closed.
    let mut slow = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    slow.write_all(b"GET /health HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let answer = read_until_closed(&mut slow, Duration::from_secs(5))
        .await
        .expect("the server closes a connection whose headers never end");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
    drop(slow);
    // Two keep-alive connections take both places...
    let request = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    let mut held = Vec::new();
    for _ in 0..2 {
        let mut c = tokio::net::TcpStream::connect(app.addr).await.unwrap();
        c.write_all(request).await.unwrap();
        let mut buf = [0u8; 512];
        let n = c.read(&mut buf).await.unwrap();
        assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
        held.push(c);
    }
    // ...so a third waits...
    let mut third = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    third.write_all(request).await.unwrap();
    let mut buf = [0u8; 512];
    let early = tokio::time::timeout(Duration::from_millis(500), third.read(&mut buf)).await;
    assert!(
        early.is_err(),
        "a third connection was served while two were open"
    );
    // ...until one closes (here the idle ones time out after 1 s).
    drop(held.pop());
    let n = tokio::time::timeout(Duration::from_secs(5), third.read(&mut buf))
        .await
        .expect("served once a place is free")
        .unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    app.stop().await;
}

/// A server function called with arguments that do not decode (missing,
/// unknown, the wrong type) is bad input: 422 `invalid_input`, never 500.
async fn server_functions_with_undecodable_arguments_answer_422(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    for (name, form) in [
        ("admin_status", &[("bogus", "1")][..]),
        (
            "admin_status",
            &[("id", "twelve"), ("status", "seated")][..],
        ),
        ("manage_find", &[][..]),
        ("admin_bulk", &[("action", "cancel"), ("ids[]", "x")][..]),
    ] {
        let (status, body) = staff.server_fn(name, form).await;
        assert_eq!(status, 422, "{name} {form:?}: {body}");
        assert_eq!(body["code"], "invalid_input", "{name}: {body}");
    }
    app.stop().await;
}
