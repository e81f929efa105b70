//! The restaurant's setup is kept in each process's memory and reloaded as
//! soon as the database's setup version moves: a change made anywhere (by
//! another process, or in SQL behind the app's back) reaches every process
//! on its next request, and bookings do not make anyone reload it.

use crate::helpers::{dates, Booking, Db, TestApp};
use chrono::{Datelike, Weekday};
use std::sync::Arc;

on_both_backends!(
    the_setup_is_read_once_until_it_changes,
    a_change_reaches_every_process_at_once,
    shared_version_reads_never_hide_a_change,
);

/// Concurrent callers share version reads, but a caller never gets a read
/// that began before it: a change committed before the call is always seen,
/// however many reads from before the change are still in flight.
async fn shared_version_reads_never_hide_a_change(db: Db) {
    let app = TestApp::spawn(db).await;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..16)
        .map(|_| {
            let (store, stop) = (app.store.clone(), Arc::clone(&stop));
            tokio::spawn(async move {
                let mut reads = 0_u32;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    store.setup_version().await.unwrap();
                    reads += 1;
                }
                reads
            })
        })
        .collect();
    for round in 0..30 {
        let before = app.store.setup_version().await.unwrap();
        on_store!(&app.store, pool => sqlx::query(
            "UPDATE booking_settings SET cancel_cutoff_minutes = $1",
        ).bind(60 + i64::from(round)).execute(pool).await.map(drop).unwrap());
        let after = app.store.setup_version().await.unwrap();
        assert!(after > before, "round {round}: {after} after {before}");
        let setup = app.store.setup().await.unwrap();
        assert_eq!(setup.booking.cancel_cutoff_minutes, 60 + round);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for reader in readers {
        assert!(reader.await.unwrap() > 0);
    }
    app.stop().await;
}

async fn the_setup_is_read_once_until_it_changes(db: Db) {
    let app = TestApp::spawn(db).await;
    let first = app.store.setup().await.unwrap();
    let again = app.store.setup().await.unwrap();
    assert!(Arc::ptr_eq(&first, &again), "an unchanged setup is reused");

    // Bookings are not setup: they leave the version (and the reading) alone.
    let date = dates::next(&app, Weekday::Thu).await;
    app.book(&Booking::at(date, "19:30")).await;
    assert_eq!(app.store.setup_version().await.unwrap(), first.version);
    assert!(Arc::ptr_eq(&first, &app.store.setup().await.unwrap()));

    on_store!(&app.store, pool => sqlx::query(
        "UPDATE booking_settings SET cancel_cutoff_minutes = 45",
    ).execute(pool).await.map(drop).unwrap());
    let changed = app.store.setup().await.unwrap();
    assert!(changed.version > first.version);
    assert_eq!(changed.booking.cancel_cutoff_minutes, 45);
    assert!(Arc::ptr_eq(&changed, &app.store.setup().await.unwrap()));
    app.stop().await;
}

async fn a_change_reaches_every_process_at_once(db: Db) {
    let one = TestApp::spawn(db).await;
    let two = TestApp::spawn_on(&one.database_url, &[]).await;
    let date = dates::next(&one, Weekday::Thu).await;
    let day = format!("/api/availability?date={date}&party_size=2");
    for app in [&one, &two] {
        let (status, body) = app.get_json(&day).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["closed"], false, "{body}");
        let (_, menu) = app.page("/menu", Some("en"), None).await;
        assert!(!menu.contains("Soupe du moment"), "not yet on the menu");
    }

    // Behind both processes' backs: Thursdays close, a dish is renamed and
    // the restaurant changes its name.
    let weekday = i64::from(date.weekday().num_days_from_monday());
    on_store!(&one.store, pool => {
        sqlx::query("DELETE FROM service_periods WHERE weekday = $1")
            .bind(weekday).execute(pool).await.unwrap();
        sqlx::query("UPDATE menu_items SET name_en = 'Soupe du moment' \
                     WHERE id = (SELECT MIN(id) FROM menu_items)")
            .execute(pool).await.unwrap();
        sqlx::query("UPDATE restaurants SET name = 'Chez Nouveau Nom'")
            .execute(pool).await.unwrap();
    });

    for app in [&one, &two] {
        let (status, body) = app.get_json(&day).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["closed"], true,
            "{} sees the day closed: {body}",
            app.base
        );
        let (_, menu) = app.page("/menu", Some("en"), None).await;
        assert!(
            menu.contains("Soupe du moment"),
            "{} shows the new dish",
            app.base
        );
        assert!(
            menu.contains("Chez Nouveau Nom"),
            "{} shows the new name",
            app.base
        );
        let (status, refused) = app.client().try_book(&Booking::at(date, "19:30")).await;
        assert_eq!(status, 409, "{} books no closed day: {refused}", app.base);
        assert_eq!(refused["error"]["reason"], "closed", "{refused}");
    }
    two.stop().await;
    one.stop().await;
}
