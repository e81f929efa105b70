//! The holds overlapping a window are read through the index on
//! `reservations(restaurant_id, starts_at)`, bounded a day (the longest a
//! reservation may last) before the window: the database refuses longer
//! reservations, and a day-long one is still found by every window it
//! overlaps.

use crate::helpers::{Db, TestApp};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

on_both_backends!(
    a_day_long_reservation_is_seen_by_every_window_it_overlaps,
    the_database_refuses_reservations_longer_than_a_day,
    a_days_availability_is_kept_until_the_holds_move,
);

/// A day's availability is computed once and answered from memory until
/// something changes who holds a table when: a booking through the API, or
/// a write behind the application's back (the triggers see it too).
async fn a_days_availability_is_kept_until_the_holds_move(db: Db) {
    let app = TestApp::spawn(db).await;
    let date = crate::helpers::dates::next(&app, chrono::Weekday::Thu).await;
    let day = format!("/api/availability?date={date}&party_size=2");
    let hits = || app.store.kept_day_hits();
    let (status, first) = app.get_json(&day).await;
    assert_eq!(status, 200, "{first}");
    let (_, again) = app.get_json(&day).await;
    assert_eq!(again, first);
    let kept = hits();
    assert!(kept >= 1, "the second answer came from memory");

    app.book(&crate::helpers::Booking::at(date, "19:30")).await;
    let (_, after_booking) = app.get_json(&day).await;
    assert_eq!(
        after_booking["slots"], first["slots"],
        "one booking leaves a slot free"
    );
    assert_eq!(hits(), kept, "computed again after a booking");

    // Behind the application's back: every table the booking left free is
    // held from the first dinner seating on, so that seating is gone.
    let restaurant = app.restaurant_id().await;
    let slots = first["slots"].as_array().unwrap();
    let evening: Vec<&serde_json::Value> =
        slots.iter().filter(|s| s["period"] == "dinner").collect();
    assert!(!evening.is_empty());
    let start: DateTime<Utc> = evening[0]["start"].as_str().unwrap().parse().unwrap();
    on_store!(&app.store, pool => async {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO reservations (restaurant_id, reference, status, starts_at, ends_at, \
             party_size, guest_name, guest_email, guest_phone, created_at, updated_at) \
             VALUES ($1, 'EVENING', 'confirmed', $2, $3, 2, 'x', 'x@example.com', '+33612345678', $2, $2) \
             RETURNING id")
            .bind(restaurant).bind(start).bind(start + TimeDelta::hours(6))
            .fetch_one(pool).await.unwrap();
        sqlx::query("INSERT INTO reservation_tables (reservation_id, table_id, starts_at, ends_at, active) \
                     SELECT $1, id, $2, $3, $4 FROM dining_tables \
                     WHERE id NOT IN (SELECT rt.table_id FROM reservation_tables rt WHERE rt.active)")
            .bind(id).bind(start).bind(start + TimeDelta::hours(6)).bind(true)
            .execute(pool).await.unwrap();
    }.await);
    let before = hits();
    let (_, full) = app.get_json(&day).await;
    assert_eq!(hits(), before, "computed again after a write in SQL");
    assert_eq!(evening[0]["available"], true, "{}", evening[0]);
    let first_dinner = full["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["start"] == evening[0]["start"])
        .unwrap();
    assert_eq!(first_dinner["available"], false, "{first_dinner}");
    app.stop().await;
}

fn at(day: u32, h: u32, m: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(2030, 1, day)
        .unwrap()
        .and_hms_opt(h, m, 0)
        .unwrap()
        .and_utc()
}

/// Writes a confirmed reservation holding T1 for `start..end`, behind the
/// application's back.
async fn raw_reservation(
    app: &TestApp,
    reference: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let restaurant = app.restaurant_id().await;
    on_store!(&app.store, pool => async {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO reservations (restaurant_id, reference, status, starts_at, ends_at, \
             party_size, guest_name, guest_email, guest_phone, created_at, updated_at) \
             VALUES ($1, $2, 'confirmed', $3, $4, 2, 'x', 'x@example.com', '+33612345678', $3, $3) \
             RETURNING id")
            .bind(restaurant).bind(reference).bind(start).bind(end)
            .fetch_one(pool).await?;
        sqlx::query("INSERT INTO reservation_tables (reservation_id, table_id, starts_at, ends_at, active) \
                     SELECT $1, id, $2, $3, $4 FROM dining_tables WHERE name = 'T1'")
            .bind(id).bind(start).bind(end).bind(true)
            .execute(pool).await?;
        Ok(id)
    }.await)
}

async fn a_day_long_reservation_is_seen_by_every_window_it_overlaps(db: Db) {
    let app = TestApp::spawn(db).await;
    let restaurant = app.restaurant_id().await;
    let id = raw_reservation(&app, "DAY", at(1, 0, 0), at(2, 0, 0))
        .await
        .expect("exactly 1,440 minutes is allowed");
    let minute = TimeDelta::minutes(1);
    for (from, to, seen) in [
        (at(1, 0, 0), at(1, 0, 1), true),
        (at(1, 23, 59), at(2, 0, 0), true),
        (at(1, 23, 59), at(2, 3, 0), true),
        (at(1, 12, 0), at(1, 12, 0) + minute, true),
        (at(2, 0, 0), at(2, 1, 0), false),
        (at(1, 0, 0) - TimeDelta::hours(3), at(1, 0, 0), false),
    ] {
        let found = app
            .store
            .active_bookings(restaurant, from, to)
            .await
            .unwrap();
        assert_eq!(
            found.iter().any(|b| b.id == id),
            seen,
            "window {from}..{to}: {found:?}"
        );
    }
    app.stop().await;
}

async fn the_database_refuses_reservations_longer_than_a_day(db: Db) {
    let app = TestApp::spawn(db).await;
    let refused = raw_reservation(&app, "LONG", at(1, 0, 0), at(2, 0, 1)).await;
    assert!(refused.is_err(), "1,441 minutes is refused on insert");

    let id = raw_reservation(&app, "OK", at(3, 19, 0), at(3, 21, 0))
        .await
        .unwrap();
    let stretched: Result<_, sqlx::Error> = on_store!(&app.store, pool => sqlx::query(
        "UPDATE reservations SET ends_at = $2 WHERE id = $1")
        .bind(id).bind(at(4, 19, 1)).execute(pool).await.map(drop));
    assert!(stretched.is_err(), "and on update");
    let count = app
        .store
        .reservation_count(app.restaurant_id().await)
        .await
        .unwrap();
    assert_eq!(count, 1, "nothing of the refused reservation is left");
    app.stop().await;
}
