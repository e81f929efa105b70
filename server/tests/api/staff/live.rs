//! `GET /api/admin/events`: open staff screens hear of a booking, a change
//! or a note within 2 seconds, whichever server process made it.

use crate::helpers::client::next_event;
use crate::helpers::{dates, Booking, Db, Role, TestApp};
use chrono::Weekday;
use serde_json::json;
use std::time::{Duration, Instant};

on_both_backends!(staff_screens_hear_of_changes_within_two_seconds,);

/// The goal of the issue: a change on every open staff screen within 2 s.
const WITHIN: Duration = Duration::from_secs(2);

async fn staff_screens_hear_of_changes_within_two_seconds(db: Db) {
    let app = TestApp::spawn_with(db, &[("LIVE_PING_SECONDS", "1")]).await;
    // Only staff may follow.
    assert_eq!(app.client().stream("/api/admin/events").await.status(), 401);
    let mut diner = app.signed_in(Role::Diner).await;
    assert_eq!(diner.stream("/api/admin/events").await.status(), 403);

    let mut staff = app.signed_in(Role::Staff).await;
    let mut events = staff.stream("/api/admin/events").await;
    assert_eq!(events.status(), 200);
    assert!(events.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let ready: i64 = next_event(&mut events, "ready", WITHIN)
        .await
        .expect("ready at once")
        .parse()
        .unwrap();
    // A quiet stream says it is alive, and how often it will.
    let ping = next_event(&mut events, "ping", Duration::from_secs(3)).await;
    assert_eq!(ping.as_deref(), Some("1"));

    // A guest books online: the screen hears of it.
    let thursday = dates::next(&app, Weekday::Thu).await;
    let began = Instant::now();
    app.book(&Booking::at(thursday, "19:00")).await;
    let changed: i64 = next_event(&mut events, "changed", WITHIN)
        .await
        .expect("a booking is heard of within 2 s")
        .parse()
        .unwrap();
    assert!(changed > ready, "{changed} > {ready}");
    println!("booking heard in {:?}", began.elapsed());

    // The day says which version it was read at: a screen showing it
    // skips the events it already holds, and no later change.
    let (status, day) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    assert_eq!(status, 200);
    let read_at = day["version"].as_i64().expect("the day's version");
    assert!(read_at >= changed, "{read_at} >= {changed}");
    assert_eq!(day["reservations"].as_array().unwrap().len(), 1);

    // A day's shift note too, announced past what the screen holds.
    let note = json!({"date": thursday.to_string(), "text": "Fish delivery late"});
    assert_eq!(staff.put("/api/admin/day/note", note).await.0, 200);
    let noted: i64 = next_event(&mut events, "changed", WITHIN)
        .await
        .expect("a note is heard of within 2 s")
        .parse()
        .unwrap();
    assert!(noted > read_at, "{noted} > {read_at}");

    // Another server process on the same database: its changes reach
    // this one's screens (PostgreSQL: NOTIFY; SQLite: the shared file).
    let other = TestApp::spawn_on(&app.database_url, &[]).await;
    let began = Instant::now();
    other
        .book(&Booking::at(thursday, "20:00").email("other@example.com"))
        .await;
    next_event(&mut events, "changed", WITHIN)
        .await
        .expect("another process's booking is heard of within 2 s");
    println!("another process's booking heard in {:?}", began.elapsed());
    other.stop().await;

    // Stopping the server ends the stream (the shutdown does not wait).
    let stopped = Instant::now();
    app.stop().await;
    assert!(
        stopped.elapsed() < Duration::from_secs(10),
        "stopped in {:?}",
        stopped.elapsed()
    );
}
