//! Booking over the JSON API, on SQLite and on PostgreSQL: availability and
//! bad input here; guest management, concurrency and the OpenAPI document
//! in their own files.

mod concurrency;
mod confirm_by_email;
mod drafts;
mod email_change;
mod holds;
mod manage;
mod next_free;
mod openapi;
mod tokens;

use crate::helpers::{dates, Booking, Db, TestApp};
use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::{json, Value};

on_both_backends!(
    availability_lists_the_days_slots,
    month_view_marks_closed_days,
    bad_input_is_refused_translated_and_changes_nothing,
    unknown_tokens_are_not_found,
    test_dates_skip_the_restaurants_exceptions,
);

/// Reservations of the restaurant, any status.
async fn reservations(app: &TestApp) -> i64 {
    let id = app.restaurant_id().await;
    app.store.reservation_count(id).await.unwrap()
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

/// The names of the tables a reservation holds, by reference.
async fn tables_of(app: &TestApp, reference: &str) -> Vec<String> {
    on_store!(&app.store, pool => sqlx::query_scalar::<_, String>(
        "SELECT t.name FROM reservation_tables rt \
         JOIN reservations r ON r.id = rt.reservation_id \
         JOIN dining_tables t ON t.id = rt.table_id \
         WHERE r.reference = $1 AND rt.active = $2 ORDER BY t.name")
        .bind(reference).bind(true).fetch_all(pool).await.unwrap())
}

async fn availability_lists_the_days_slots(db: Db) {
    let app = TestApp::spawn(db).await;
    let wednesday = dates::next(&app, Weekday::Wed).await;
    let (status, body) = app
        .get_json(&format!("/api/availability?date={wednesday}&party_size=2"))
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
    let monday = dates::next(&app, Weekday::Mon).await;
    let (_, body) = app
        .get_json(&format!("/api/availability?date={monday}&party_size=2"))
        .await;
    assert_eq!(body["closed"], true);
    assert_eq!(body["slots"].as_array().unwrap().len(), 0);
    let (_, body) = app
        .get_json(&format!("/api/availability?date={wednesday}&party_size=9"))
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
    let date = dates::next_after(&app, Weekday::Wed, 7).await;
    let month = date.format("%Y-%m").to_string();
    let (status, body) = app
        .get_json(&format!(
            "/api/availability/month?month={month}&party_size=2"
        ))
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

async fn bad_input_is_refused_translated_and_changes_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let date = dates::next(&app, Weekday::Thu).await;
    let good = Booking::at(date, "19:30").json();
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
        // A value of the wrong type names its field too.
        (
            with("party_size", json!("two")),
            "invalid_input",
            Some("party_size"),
        ),
        (
            with("party_size", json!(2.5)),
            "invalid_input",
            Some("party_size"),
        ),
    ];
    for (body, code, field) in cases {
        let (status, answer) = app.post_json("/api/reservations", body.clone()).await;
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
        app.http
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
    let (status, answer) = app
        .post_json("/api/reservations", with("notes", json!("x".repeat(501))))
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
        let (status, answer) = app.get_json(path).await;
        assert_eq!(status, 422, "{path} → {answer}");
        assert_eq!(answer["error"]["code"], "invalid_input");
    }
    assert_eq!(reservations(&app).await, 0, "nothing was booked");
    app.stop().await;
}

async fn unknown_tokens_are_not_found(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut french = app.client().with_lang("fr");
    for token in ["nope", "A".repeat(43).as_str(), "..%2F..%2Fetc%2Fpasswd"] {
        let (status, body) = french
            .get(&format!("/api/reservations/manage/{token}"))
            .await;
        assert_eq!(status, 404, "{token}");
        assert_eq!(body["error"]["code"], "not_found");
        assert_eq!(body["error"]["message"], "Introuvable.");
    }
    let (status, _) = app
        .json(
            reqwest::Method::DELETE,
            &format!("/api/reservations/manage/{}", "B".repeat(43)),
            None,
        )
        .await;
    assert_eq!(status, 404);
    app.stop().await;
}

/// The dates helper reads the restaurant's exceptions: it skips the seeded
/// Christmas closure and New Year's Eve, and an exception added later.
async fn test_dates_skip_the_restaurants_exceptions(db: Db) {
    let app = TestApp::spawn(db).await;
    let exceptions = dates::exceptions(&app).await;
    assert_eq!(exceptions.len(), 2, "the demo's closure and special hours");
    let in_exception = |d: NaiveDate| exceptions.iter().any(|(a, b)| (*a..=*b).contains(&d));
    // From 21 December of the seeded year, over Christmas and the 31st.
    let (christmas_eve, _) = exceptions[0];
    let from = christmas_eve - chrono::Days::new(3);
    for weekday in [Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri] {
        let day = dates::next_from(&app, weekday, from).await;
        assert_eq!(day.weekday(), weekday);
        assert!(day >= from && !in_exception(day), "{day}");
        // Every earlier such weekday was an exception.
        let mut earlier = day - chrono::Days::new(7);
        while earlier >= from {
            assert!(in_exception(earlier), "{earlier} was skipped");
            earlier = earlier - chrono::Days::new(7);
        }
    }
    // An exception added now moves the next Thursday by a week.
    let thursday = dates::next(&app, Weekday::Thu).await;
    let id = app.restaurant_id().await;
    on_store!(&app.store, pool => sqlx::query(
        "INSERT INTO booking_exceptions (restaurant_id, kind, starts_on, ends_on) \
         VALUES ($1, 'closed', $2, $2)")
        .bind(id).bind(thursday.to_string()).execute(pool).await.map(drop).unwrap());
    let later = dates::next(&app, Weekday::Thu).await;
    assert!(later > thursday && later.weekday() == Weekday::Thu);
    let (status, body) = app
        .get_json(&format!("/api/availability?date={thursday}&party_size=2"))
        .await;
    assert_eq!((status, &body["closed"]), (200, &json!(true)), "{body}");
    app.stop().await;
}
