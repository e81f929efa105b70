//! The wizard's details step keeps a draft in a visitor's session: only
//! within the fields' limits, in a short-lived session, and within the
//! booking limit per address.

use crate::helpers::{dates, Db, TestApp};
use chrono::Weekday;

on_both_backends!(a_visitors_draft_is_bounded_short_lived_and_limited);

async fn a_visitors_draft_is_bounded_short_lived_and_limited(db: Db) {
    let app = TestApp::spawn_with(db, &[("RATE_LIMIT_BOOKING", "2/1h")]).await;
    let date = dates::next(&app, Weekday::Thu).await.to_string();
    let huge = "x".repeat(50_000);
    let save = |notes: &str, name: &str| {
        app.http
            .post(app.url("/api/fn/booking_save_details"))
            .header("accept", "application/json")
            .form(&[
                ("party", "2"),
                ("date", date.as_str()),
                ("time", "19:30"),
                ("name", name),
                ("email", "ada@example.com"),
                ("phone", "+33 1 23 45 67 89"),
                ("notes", notes),
                ("consent", "on"),
            ])
            .send()
    };
    let res = save(&huge, "Ada").await.unwrap();
    assert_eq!(res.status(), 422, "notes too long");
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.contains("techplus.sid="))
        .expect("the draft is kept for the form");
    assert!(cookie.contains("Max-Age=7200"), "{cookie}");
    let largest = match db {
        Db::Sqlite => "SELECT CAST(MAX(LENGTH(data)) AS BIGINT) FROM tower_sessions",
        Db::Postgres => "SELECT CAST(MAX(LENGTH(data)) AS BIGINT) FROM tower_sessions.session",
    };
    let size = app.count(largest).await;
    assert!(size < 2_000, "a session of {size} bytes");
    let res = save("window seat", "Ada").await.unwrap();
    let status = res.status().as_u16();
    assert!(
        (200..400).contains(&status),
        "{status} {}",
        res.text().await.unwrap()
    );
    assert_eq!(save("window seat", "Ada").await.unwrap().status(), 429);
    app.stop().await;
}
