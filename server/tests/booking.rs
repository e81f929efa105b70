//! Booking over the JSON API, on SQLite and on PostgreSQL: availability,
//! booking, guest management by token, bad input, and the database's
//! guarantee that a table is never booked twice.

mod common;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use common::{Db, TestApp};
use serde_json::{json, Value};
use std::sync::Arc;

on_both_backends!(
    availability_lists_the_days_slots,
    month_view_marks_closed_days,
    book_view_modify_cancel,
    modifying_keeps_the_table_when_it_still_fits,
    bad_input_is_refused_translated_and_changes_nothing,
    unknown_tokens_are_not_found,
    concurrent_bookings_for_the_last_table_have_one_winner,
    database_refuses_overlapping_table_rows,
    openapi_document_lists_every_route,
    guest_changes_stop_at_the_cutoff,
    bookings_follow_the_clock_change,
);

/// The first `weekday` at least `min_days` after today in Paris.
fn next(weekday: Weekday, min_days: u64) -> NaiveDate {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let mut d = today.checked_add_days(Days::new(min_days)).unwrap();
    while d.weekday() != weekday {
        d = d.succ_opt().unwrap();
    }
    d
}

fn booking_body(date: NaiveDate, time: &str, party: u32, email: &str) -> Value {
    json!({
        "date": date.to_string(),
        "time": time,
        "party_size": party,
        "name": "Ada Lovelace",
        "email": email,
        "phone": "+33 6 12 34 56 78",
        "notes": "Window seat if possible",
        "locale": "en",
    })
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
    lang: &str,
) -> (u16, Value) {
    let mut req = app
        .client
        .request(method, app.url(path))
        .header("accept-language", lang);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = tokio::time::timeout(common::TIMEOUT, req.send())
        .await
        .expect("answer in time")
        .expect("request succeeds");
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let value = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, value)
}

async fn post(app: &TestApp, path: &str, body: Value) -> (u16, Value) {
    send(app, reqwest::Method::POST, path, Some(body), "en").await
}

async fn get(app: &TestApp, path: &str) -> (u16, Value) {
    send(app, reqwest::Method::GET, path, None, "en").await
}

async fn reservations(app: &TestApp) -> i64 {
    let id = app.store.primary_restaurant().await.unwrap().id;
    app.store.reservation_count(id).await.unwrap()
}

async fn availability_lists_the_days_slots(db: Db) {
    let app = TestApp::spawn(db).await;
    let wednesday = next(Weekday::Wed, 3);
    let (status, body) = get(
        &app,
        &format!("/api/availability?date={wednesday}&party_size=2"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["date"], wednesday.to_string());
    assert_eq!(body["closed"], false);
    let slots = body["slots"].as_array().unwrap();
    let times: Vec<&str> = slots.iter().map(|s| s["time"].as_str().unwrap()).collect();
    // Demo Wednesday: lunch 12:00–13:45 and dinner 19:00–21:30, every 15 min.
    assert_eq!(times.first(), Some(&"12:00"));
    assert!(times.contains(&"13:45") && !times.contains(&"14:00"));
    assert!(times.contains(&"19:00") && times.contains(&"21:30"));
    assert!(!times.contains(&"21:45"));
    assert!(slots.iter().all(|s| s["available"] == true), "{body}");
    let dinner = slots.iter().find(|s| s["time"] == "19:30").unwrap();
    assert_eq!(dinner["period"], "dinner");
    assert!(dinner["start"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{wednesday}T19:30:00+0")));

    // Monday is closed; 9 guests is more than online booking takes.
    let monday = next(Weekday::Mon, 3);
    let (_, body) = get(
        &app,
        &format!("/api/availability?date={monday}&party_size=2"),
    )
    .await;
    assert_eq!(body["closed"], true);
    assert_eq!(body["slots"].as_array().unwrap().len(), 0);
    let (_, body) = get(
        &app,
        &format!("/api/availability?date={wednesday}&party_size=9"),
    )
    .await;
    assert!(body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["available"] == false && s["reason"] == "party_size"));
    app.stop().await;
}

async fn month_view_marks_closed_days(db: Db) {
    let app = TestApp::spawn(db).await;
    let date = next(Weekday::Wed, 7);
    let month = date.format("%Y-%m").to_string();
    let (status, body) = get(
        &app,
        &format!("/api/availability/month?month={month}&party_size=2"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let days = body["days"].as_array().unwrap();
    assert!(days.len() >= 28);
    for day in days {
        let d: NaiveDate = day["date"].as_str().unwrap().parse().unwrap();
        if d.weekday() == Weekday::Mon {
            assert_eq!(day["available"], false, "{d} is a Monday");
        }
    }
    let wanted = days.iter().find(|d| d["date"] == date.to_string()).unwrap();
    assert_eq!(wanted["available"], true);
    app.stop().await;
}

async fn book_view_modify_cancel(db: Db) {
    let app = TestApp::spawn(db).await;
    let date = next(Weekday::Thu, 3);
    let (status, created) = post(
        &app,
        "/api/reservations",
        booking_body(date, "19:30", 2, "ada@example.com"),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["status"], "confirmed");
    assert_eq!(created["party_size"], 2);
    let reference = created["reference"].as_str().unwrap().to_owned();
    assert_eq!(reference.len(), 8);
    let token = created["manage_token"].as_str().unwrap().to_owned();
    assert!(token.len() >= 43, "at least 256 bits: {token}");
    // 2 guests hold their table 90 minutes.
    assert!(created["end"].as_str().unwrap().contains("T21:00:00"));

    let path = format!("/api/reservations/manage/{token}");
    let (status, view) = get(&app, &path).await;
    assert_eq!(status, 200);
    assert_eq!(view["reference"], reference);
    assert_eq!(view["phone"], "+33612345678");
    assert_eq!(view["can_change"], true);

    let (status, changed) = send(
        &app,
        reqwest::Method::PUT,
        &path,
        Some(json!({"party_size": 4, "time": "20:00"})),
        "en",
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["party_size"], 4);
    assert_eq!(changed["time"], "20:00");
    assert_eq!(changed["name"], "Ada Lovelace", "unchanged fields are kept");
    // 3–4 guests: 105 minutes.
    assert!(changed["end"].as_str().unwrap().contains("T21:45:00"));

    let (status, cancelled) = send(&app, reqwest::Method::DELETE, &path, None, "en").await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    assert_eq!(cancelled["can_change"], false);
    let (status, again) = send(&app, reqwest::Method::DELETE, &path, None, "en").await;
    assert_eq!(status, 409);
    assert_eq!(again["error"]["code"], "too_late");

    // Every change is in the history, by the guest.
    let row = app
        .store
        .reservation_by_token_hash(&backend::services::booking::hash_token(&token))
        .await
        .unwrap();
    let events = app.store.reservation_events(row.id).await.unwrap();
    let actions: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e.actor.as_str(), e.action.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("guest", "created"),
            ("guest", "modified"),
            ("guest", "cancelled")
        ]
    );

    // The cancelled table is free again.
    let (status, _) = post(
        &app,
        "/api/reservations",
        booking_body(date, "20:00", 4, "grace@example.com"),
    )
    .await;
    assert_eq!(status, 201);

    // The calendar file.
    let res = app.get(&format!("{path}/calendar.ics")).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let ics = res.text().await.unwrap();
    assert!(ics.contains("METHOD:PUBLISH") && ics.contains(&format!("UID:{reference}@")));
    assert!(ics.contains("STATUS:CANCELLED"));

    // Found again by reference and e-mail (any case), with a new token.
    let found = backend::services::booking::find_by_reference(
        &app.store,
        backend::now(),
        &reference.to_lowercase(),
        "ADA@example.com",
    )
    .await
    .unwrap();
    assert_eq!(found.reservation.reference, reference);
    assert_ne!(found.manage_token, token);
    let (status, _) = get(
        &app,
        &format!("/api/reservations/manage/{}", found.manage_token),
    )
    .await;
    assert_eq!(status, 200);
    assert!(backend::services::booking::find_by_reference(
        &app.store,
        backend::now(),
        &reference,
        "someone@else.com"
    )
    .await
    .is_err());
    app.stop().await;
}

async fn modifying_keeps_the_table_when_it_still_fits(db: Db) {
    let app = TestApp::spawn(db).await;
    let date = next(Weekday::Fri, 3);
    let (_, created) = post(
        &app,
        "/api/reservations",
        booking_body(date, "19:00", 2, "ada@example.com"),
    )
    .await;
    let token = created["manage_token"].as_str().unwrap();
    let hash = backend::services::booking::hash_token(token);
    let id = app.store.reservation_by_token_hash(&hash).await.unwrap().id;
    let before = app.store.reservation_table_ids(id).await.unwrap();
    assert_eq!(before.len(), 1);
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &format!("/api/reservations/manage/{token}"),
        Some(json!({"time": "19:45"})),
        "en",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(app.store.reservation_table_ids(id).await.unwrap(), before);
    app.stop().await;
}

async fn bad_input_is_refused_translated_and_changes_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let date = next(Weekday::Thu, 3);
    let good = booking_body(date, "19:30", 2, "ada@example.com");
    let with = |key: &str, value: Value| {
        let mut body = good.clone();
        body[key] = value;
        body
    };
    let yesterday = chrono::Utc::now().date_naive().pred_opt().unwrap();
    let cases: Vec<(Value, &str, Option<&str>)> = vec![
        (
            with("party_size", json!(0)),
            "invalid_input",
            Some("party_size"),
        ),
        (
            with("party_size", json!(-2)),
            "invalid_input",
            Some("party_size"),
        ),
        (
            with("email", json!("not-an-email")),
            "invalid_input",
            Some("email"),
        ),
        (
            with("phone", json!("call me")),
            "invalid_input",
            Some("phone"),
        ),
        (with("name", json!("   ")), "invalid_input", Some("name")),
        (
            with("date", json!("2026-02-30")),
            "invalid_input",
            Some("date"),
        ),
        (
            with("date", json!(yesterday.to_string())),
            "invalid_input",
            Some("date"),
        ),
        (with("time", json!("25:00")), "invalid_input", Some("time")),
        (with("time", json!("19:31")), "invalid_input", Some("time")),
        (with("locale", json!("de")), "invalid_input", Some("locale")),
        (with("unexpected", json!(true)), "invalid_input", None),
        (with("party_size", json!("two")), "invalid_input", None),
    ];
    for (body, code, field) in cases {
        let (status, answer) = post(&app, "/api/reservations", body.clone()).await;
        assert_eq!(status, 422, "{body} → {answer}");
        assert_eq!(answer["error"]["code"], code, "{body}");
        assert_eq!(
            answer["error"]["field"].as_str(),
            field,
            "{body} → {answer}"
        );
        assert!(!answer["error"]["message"].as_str().unwrap().is_empty());
    }

    // Malformed JSON, wrong content type, oversized body.
    let raw = |body: String, content_type: &'static str| {
        app.client
            .post(app.url("/api/reservations"))
            .header("content-type", content_type)
            .header("accept-language", "fr-FR")
            .body(body)
            .send()
    };
    let res = raw("{\"date\": ".into(), "application/json").await.unwrap();
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_input");
    // Translated by Accept-Language.
    assert_eq!(
        body["error"]["message"],
        "Certaines informations ne sont pas valides."
    );
    let res = raw(good.to_string(), "text/plain").await.unwrap();
    assert_eq!(res.status(), 415);
    // The server answers an oversized body before reading it and closes
    // the connection: send it on a connection of its own, so that the
    // shared client's pool never reuses that closing connection.
    let huge = with("notes", json!("x".repeat(100 * 1024)));
    let res = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
        .post(app.url("/api/reservations"))
        .header("content-type", "application/json")
        .body(huge.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 413);

    // A note longer than 500 characters is refused by the domain rule.
    let (status, answer) = post(
        &app,
        "/api/reservations",
        with("notes", json!("x".repeat(501))),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(answer["error"]["field"], "notes");

    // Query strings too.
    for path in [
        "/api/availability?date=tomorrow&party_size=2",
        "/api/availability?party_size=2",
        &format!("/api/availability?date={date}&party_size=abc"),
        &format!("/api/availability?date={date}&party_size=0"),
        &format!("/api/availability?date={yesterday}&party_size=2"),
        "/api/availability/month?month=2026-13&party_size=2",
        "/api/availability/month?month=1999-01&party_size=2",
    ] {
        let (status, answer) = get(&app, path).await;
        assert_eq!(status, 422, "{path} → {answer}");
        assert_eq!(answer["error"]["code"], "invalid_input");
    }
    assert_eq!(reservations(&app).await, 0, "nothing was booked");
    app.stop().await;
}

async fn unknown_tokens_are_not_found(db: Db) {
    let app = TestApp::spawn(db).await;
    for token in ["nope", "A".repeat(43).as_str(), "..%2F..%2Fetc%2Fpasswd"] {
        let (status, body) = send(
            &app,
            reqwest::Method::GET,
            &format!("/api/reservations/manage/{token}"),
            None,
            "fr",
        )
        .await;
        assert_eq!(status, 404, "{token}");
        assert_eq!(body["error"]["code"], "not_found");
        assert_eq!(body["error"]["message"], "Introuvable.");
    }
    let (status, _) = send(
        &app,
        reqwest::Method::DELETE,
        &format!("/api/reservations/manage/{}", "B".repeat(43)),
        None,
        "en",
    )
    .await;
    assert_eq!(status, 404);
    app.stop().await;
}

/// Makes `keep` the only table that can be booked online.
async fn only_table(app: &TestApp, keep: &str) {
    on_store!(&app.store, pool => {
        sqlx::query("UPDATE dining_tables SET active = (name = $1)")
            .bind(keep)
            .execute(pool)
            .await
            .unwrap();
    });
}

async fn concurrent_bookings_for_the_last_table_have_one_winner(db: Db) {
    let app = Arc::new(TestApp::spawn(db).await);
    only_table(&app, "T1").await;
    let date = next(Weekday::Wed, 3);
    const REQUESTS: usize = 50;
    let barrier = Arc::new(tokio::sync::Barrier::new(REQUESTS));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..REQUESTS {
        let (app, barrier) = (app.clone(), barrier.clone());
        tasks.spawn(async move {
            let body = booking_body(date, "19:30", 2, &format!("guest{i}@example.com"));
            barrier.wait().await;
            post(&app, "/api/reservations", body).await
        });
    }
    let mut created = 0;
    let mut refused = 0;
    while let Some(result) = tasks.join_next().await {
        let (status, body) = result.unwrap();
        match status {
            201 => created += 1,
            409 => {
                refused += 1;
                assert_eq!(body["error"]["code"], "slot_unavailable", "{body}");
                assert_eq!(body["error"]["reason"], "full", "{body}");
                let alternatives = body["error"]["alternatives"].as_array().unwrap();
                assert!(!alternatives.is_empty(), "{body}");
                // The nearest free times on T1: before 18:00 or from 21:00.
                let first = alternatives[0]["time"].as_str().unwrap();
                assert!(first == "21:00" || first < "18:00", "{body}");
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(created, 1, "exactly one booking wins");
    assert_eq!(refused, REQUESTS - 1);
    assert_eq!(reservations(&app).await, 1);
    let app = Arc::into_inner(app).expect("all requests finished");
    app.stop().await;
}

async fn database_refuses_overlapping_table_rows(db: Db) {
    let app = TestApp::spawn(db).await;
    let restaurant = app.store.primary_restaurant().await.unwrap().id;
    let at = |h: u32| {
        chrono::NaiveDate::from_ymd_opt(2030, 1, 1)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
            .and_utc()
    };
    // Written behind the application's back: only the schema stands guard.
    let result: Result<(), sqlx::Error> = on_store!(&app.store, pool => async {
        for (n, (start, end)) in [(18, 20), (19, 21)].into_iter().enumerate() {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO reservations (restaurant_id, reference, status, starts_at, ends_at, \
                 party_size, guest_name, guest_email, guest_phone, created_at, updated_at) \
                 VALUES ($1, $2, 'confirmed', $3, $4, 2, 'x', 'x@example.com', '+33612345678', $3, $3) \
                 RETURNING id")
                .bind(restaurant).bind(format!("RAW{n}")).bind(at(start)).bind(at(end))
                .fetch_one(pool).await?;
            sqlx::query("INSERT INTO reservation_tables (reservation_id, table_id, starts_at, ends_at, active) \
                         SELECT $1, id, $2, $3, $4 FROM dining_tables WHERE name = 'T1'")
                .bind(id).bind(at(start)).bind(at(end)).bind(true)
                .execute(pool).await?;
        }
        Ok(())
    }.await);
    let err = result.expect_err("the second, overlapping row is refused");
    let store_err = backend::StoreError::from(err);
    assert!(
        matches!(store_err, backend::StoreError::Conflict(_)),
        "{store_err:?}"
    );
    // Back-to-back (20:00–21:00 after 18:00–20:00) is fine, and so is an
    // overlap with an inactive (cancelled) row.
    on_store!(&app.store, pool => {
        let id: i64 = sqlx::query_scalar("SELECT id FROM reservations WHERE reference = 'RAW0'")
            .fetch_one(pool).await.unwrap();
        let t1: i64 = sqlx::query_scalar("SELECT id FROM dining_tables WHERE name = 'T1'")
            .fetch_one(pool).await.unwrap();
        let id2: i64 = sqlx::query_scalar("SELECT id FROM reservations WHERE reference = 'RAW1'")
            .fetch_one(pool).await.unwrap();
        sqlx::query("INSERT INTO reservation_tables (reservation_id, table_id, starts_at, ends_at, active) VALUES ($1, $2, $3, $4, $5)")
            .bind(id2).bind(t1).bind(at(20)).bind(at(21)).bind(true)
            .execute(pool).await.expect("back-to-back is allowed");
        sqlx::query("UPDATE reservation_tables SET active = $2 WHERE reservation_id = $1")
            .bind(id).bind(false).execute(pool).await.unwrap();
        sqlx::query("UPDATE reservation_tables SET starts_at = $2 WHERE reservation_id = $1")
            .bind(id2).bind(at(19)).execute(pool).await
            .expect("overlapping an inactive row is allowed");
    });
    app.stop().await;
}

async fn openapi_document_lists_every_route(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, doc) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, methods) in [
        ("/api/availability", &["get"][..]),
        ("/api/availability/month", &["get"]),
        ("/api/reservations", &["post", "get"]),
        (
            "/api/reservations/manage/{token}",
            &["get", "put", "delete"],
        ),
        ("/api/reservations/manage/{token}/calendar.ics", &["get"]),
        ("/api/reservations/{reference}", &["get", "put", "delete"]),
        ("/api/auth/register", &["post"]),
        ("/api/auth/login", &["post"]),
        ("/api/auth/logout", &["post"]),
        ("/api/auth/refresh", &["post"]),
        ("/api/auth/me", &["get"]),
        ("/api/auth/password/forgot", &["post"]),
        ("/api/auth/password/reset", &["post"]),
    ] {
        for m in methods {
            assert!(paths[path][m].is_object(), "{m} {path} documented");
        }
    }
    let res = app.get("/api/docs").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("POST /api/reservations"));
    assert!(html.contains("CreateReservationIn"));
    app.stop().await;
}

fn request(date: NaiveDate, time: &str, party: i64) -> backend::services::booking::BookingRequest {
    backend::services::booking::BookingRequest {
        date,
        time: backend::services::booking::parse_time(time).unwrap(),
        party: domain::PartySize::parse(party).unwrap(),
        guest: domain::GuestDetails::parse("Ada", "ada@example.com", "+33612345678", "").unwrap(),
        locale: domain::Locale::En,
    }
}

async fn guest_changes_stop_at_the_cutoff(db: Db) {
    use backend::services::{booking, ServiceError};
    let app = TestApp::spawn(db).await;
    let date = next(Weekday::Thu, 3);
    let booked = booking::book(&app.store, backend::now(), request(date, "19:00", 2))
        .await
        .unwrap();
    let token = booked.manage_token;
    let start: chrono::DateTime<chrono::Utc> = booked.reservation.start.parse().unwrap();
    // The demo cut-off is 2 hours: at 16:59 the guest may still change it...
    let before = start - chrono::TimeDelta::minutes(121);
    let view = booking::by_token(&app.store, before, &token).await.unwrap();
    assert!(view.can_change);
    // ...from 17:00 on, neither modify nor cancel goes through, and nothing changes.
    let after = start - chrono::TimeDelta::minutes(120);
    let view = booking::by_token(&app.store, after, &token).await.unwrap();
    assert!(!view.can_change);
    let change = booking::ModifyRequest {
        date,
        time: booking::parse_time("19:15").unwrap(),
        party: domain::PartySize::parse(2).unwrap(),
        guest: domain::GuestDetails::parse("Ada", "ada@example.com", "+33612345678", "").unwrap(),
    };
    assert!(matches!(
        booking::modify(&app.store, after, &token, change).await,
        Err(ServiceError::TooLate)
    ));
    assert!(matches!(
        booking::cancel(&app.store, after, &token).await,
        Err(ServiceError::TooLate)
    ));
    let view = booking::by_token(&app.store, before, &token).await.unwrap();
    assert_eq!(view.status, domain::ReservationStatus::Confirmed);
    assert_eq!(view.time, "19:00");
    let cancelled = booking::cancel(&app.store, before, &token).await.unwrap();
    assert_eq!(cancelled.status, domain::ReservationStatus::Cancelled);
    app.stop().await;
}

async fn bookings_follow_the_clock_change(db: Db) {
    use backend::services::booking;
    let app = TestApp::spawn(db).await;
    // Europe/Paris moves to summer time on Sunday 28 March 2027 at 02:00.
    let now = "2027-03-20T10:00:00Z".parse().unwrap();
    let saturday = NaiveDate::from_ymd_opt(2027, 3, 27).unwrap();
    let sunday = NaiveDate::from_ymd_opt(2027, 3, 28).unwrap();
    let day = booking::day_availability(
        &app.store,
        now,
        sunday,
        domain::PartySize::parse(2).unwrap(),
    )
    .await
    .unwrap();
    let noon = day.periods[0]
        .slots
        .iter()
        .find(|s| s.time == "12:00")
        .unwrap();
    assert_eq!(noon.start, "2027-03-28T12:00:00+02:00");
    let day = booking::day_availability(
        &app.store,
        now,
        saturday,
        domain::PartySize::parse(2).unwrap(),
    )
    .await
    .unwrap();
    let noon = day.periods[0]
        .slots
        .iter()
        .find(|s| s.time == "12:00")
        .unwrap();
    assert_eq!(noon.start, "2027-03-27T12:00:00+01:00");

    // A Saturday dinner ending after midnight UTC and a Sunday lunch: both
    // stored as UTC instants, both shown back in local time.
    let sat = booking::book(&app.store, now, request(saturday, "21:30", 2))
        .await
        .unwrap();
    assert_eq!(sat.reservation.start, "2027-03-27T21:30:00+01:00");
    assert_eq!(sat.reservation.end, "2027-03-27T23:00:00+01:00");
    let sun = booking::book(&app.store, now, request(sunday, "12:00", 2))
        .await
        .unwrap();
    assert_eq!(sun.reservation.start, "2027-03-28T12:00:00+02:00");
    assert_eq!(sun.reservation.end, "2027-03-28T13:30:00+02:00");
    let row = app
        .store
        .reservation_by_token_hash(&booking::hash_token(&sun.manage_token))
        .await
        .unwrap();
    assert_eq!(row.starts_at.to_rfc3339(), "2027-03-28T10:00:00+00:00");
    app.stop().await;
}
