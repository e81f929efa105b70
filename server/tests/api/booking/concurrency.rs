//! Many guests at once: the last table has one winner, a paced slot takes
//! exactly its covers, and the schema itself refuses overlapping rows.

use super::{only_table, reservations};
use crate::helpers::{dates, Booking, Db, TestApp};
use chrono::Weekday;
use serde_json::Value;
use std::sync::Arc;

on_both_backends!(
    concurrent_bookings_for_the_last_table_have_one_winner,
    concurrent_bookings_for_a_paced_slot_take_exactly_its_covers,
    database_refuses_overlapping_table_rows,
);

/// Sends `bookings` at once (released together by a barrier) and returns
/// every (status, body).
async fn all_at_once(app: &Arc<TestApp>, bookings: Vec<Booking>) -> Vec<(u16, Value)> {
    let barrier = Arc::new(tokio::sync::Barrier::new(bookings.len()));
    let mut tasks = tokio::task::JoinSet::new();
    for booking in bookings {
        let (app, barrier) = (app.clone(), barrier.clone());
        tasks.spawn(async move {
            let mut client = app.client();
            barrier.wait().await;
            client.try_book(&booking).await
        });
    }
    let mut answers = Vec::new();
    while let Some(result) = tasks.join_next().await {
        answers.push(result.unwrap());
    }
    answers
}

/// (active table rows, outbox messages, history lines) in the database.
async fn rows(app: &TestApp) -> (i64, i64, i64) {
    (
        app.count("SELECT COUNT(*) FROM reservation_tables WHERE active = TRUE")
            .await,
        app.count("SELECT COUNT(*) FROM outbox").await,
        app.count("SELECT COUNT(*) FROM reservation_events").await,
    )
}

async fn concurrent_bookings_for_the_last_table_have_one_winner(db: Db) {
    let app = Arc::new(TestApp::spawn(db).await);
    only_table(&app, "T1").await;
    let date = dates::next(&app, Weekday::Wed).await;
    const REQUESTS: usize = 50;
    let bookings = (0..REQUESTS)
        .map(|i| Booking::at(date, "19:30").email(&format!("guest{i}@example.com")))
        .collect();
    let mut created = 0;
    let mut refused = 0;
    for (status, body) in all_at_once(&app, bookings).await {
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
    // One table held, one confirmation e-mail, one history line: the
    // refused requests left nothing behind.
    assert_eq!(rows(&app).await, (1, 1, 1), "(tables, outbox, events)");
    let app = Arc::into_inner(app).expect("all requests finished");
    app.stop().await;
}

/// 20 parties of four for one dinner slot paced at 16 covers: four are
/// seated, although seven tables for four are free.
async fn concurrent_bookings_for_a_paced_slot_take_exactly_its_covers(db: Db) {
    let app = Arc::new(TestApp::spawn(db).await);
    let date = dates::next(&app, Weekday::Wed).await;
    on_store!(&app.store, pool => sqlx::query(
        "UPDATE service_periods SET max_covers_per_slot = $1 WHERE kind = 'dinner'")
        .bind(16_i64).execute(pool).await.map(drop).unwrap());
    const REQUESTS: usize = 20;
    let bookings = (0..REQUESTS)
        .map(|i| {
            Booking::at(date, "19:30")
                .party(4)
                .email(&format!("guest{i}@example.com"))
        })
        .collect();
    let mut created = 0;
    let mut refused = 0;
    for (status, body) in all_at_once(&app, bookings).await {
        match status {
            201 => created += 1,
            409 => {
                refused += 1;
                assert_eq!(body["error"]["code"], "slot_unavailable", "{body}");
                assert_eq!(body["error"]["reason"], "pacing", "{body}");
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!((created, refused), (4, 16), "16 covers = 4 parties of four");
    assert_eq!(reservations(&app).await, 4);
    assert_eq!(rows(&app).await, (4, 4, 4), "(tables, outbox, events)");
    let covers = app
        .count("SELECT CAST(SUM(party_size) AS BIGINT) FROM reservations")
        .await;
    assert_eq!(covers, 16);
    // The next slot has its own 16 covers.
    let later = Booking::at(date, "19:45")
        .party(4)
        .email("late@example.com");
    assert_eq!(app.try_book(&later).await.0, 201);
    let app = Arc::into_inner(app).expect("all requests finished");
    app.stop().await;
}

async fn database_refuses_overlapping_table_rows(db: Db) {
    let app = TestApp::spawn(db).await;
    let restaurant = app.restaurant_id().await;
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
