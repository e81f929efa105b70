//! The staff's calendar (`admin_calendar`): covers and bookings per day
//! and service period over a week or a month, against capacity.

use crate::helpers::{dates, Booking, Db, Role, TestApp};
use chrono::{Datelike, Weekday};
use serde_json::{json, Value};

on_both_backends!(the_calendar_sums_covers_per_day_and_service,);

fn day<'a>(calendar: &'a Value, date: &str) -> &'a Value {
    calendar["days"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date)
        .unwrap_or_else(|| panic!("{date} in {calendar}"))
}

async fn the_calendar_sums_covers_per_day_and_service(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next_after(&app, Weekday::Thu, 7).await;
    let thu = thursday.to_string();
    for (time, party, email) in [
        ("12:30", 2, "a@example.com"),
        ("19:30", 4, "b@example.com"),
        ("20:00", 3, "c@example.com"),
    ] {
        app.book(&Booking::at(thursday, time).party(party).email(email))
            .await;
    }
    // A cancelled booking does not count.
    let cancelled = app
        .book(
            &Booking::at(thursday, "21:00")
                .party(5)
                .email("d@example.com"),
        )
        .await;
    let token = crate::helpers::manage_token(&cancelled);
    let (status, _) = app
        .client()
        .delete(&format!("/api/reservations/manage/{token}"))
        .await;
    assert_eq!(status, 200);

    let week = [("span", "week"), ("date", thu.as_str())];
    let (status, calendar) = staff.server_fn("admin_calendar", &week).await;
    assert_eq!(status, 200, "{calendar}");
    assert_eq!(calendar["span"], "week");
    assert_eq!(calendar["days"].as_array().unwrap().len(), 7);
    let monday = thursday - chrono::TimeDelta::days(3);
    assert_eq!(calendar["from"], monday.to_string());
    let thu_day = day(&calendar, &thu);
    assert_eq!(
        (&thu_day["covers"], &thu_day["bookings"]),
        (&json!(9), &json!(3))
    );
    let periods = thu_day["periods"].as_array().unwrap();
    let covers_of =
        |kind: &str| periods.iter().find(|p| p["kind"] == kind).unwrap()["covers"].clone();
    assert_eq!(
        (covers_of("lunch"), covers_of("dinner")),
        (json!(2), json!(7))
    );
    assert!(periods.iter().all(|p| p["capacity"].as_u64().unwrap() > 0));
    // The demo restaurant is closed on Mondays.
    assert_eq!(day(&calendar, &monday.to_string())["closed"], true);

    // The month around it starts on the 1st and holds the same day.
    let (status, month) = staff
        .server_fn(
            "admin_calendar",
            &[("span", "month"), ("date", thu.as_str())],
        )
        .await;
    assert_eq!(status, 200, "{month}");
    assert_eq!(month["from"], thursday.with_day(1).unwrap().to_string());
    assert_eq!(day(&month, &thu)["covers"], 9);

    // Bad input: a clear error, no calendar.
    let (status, body) = staff.server_fn("admin_calendar", &[("span", "year")]).await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = staff
        .server_fn("admin_calendar", &[("date", "2026-02-30")])
        .await;
    assert_eq!(status, 422);
    // Diners cannot read it.
    let mut diner = app.signed_in(Role::Diner).await;
    assert_eq!(diner.server_fn("admin_calendar", &[]).await.0, 403);
    app.stop().await;
}
