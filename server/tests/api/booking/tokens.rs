//! Links die when they should: a manage link 30 days after the meal, every
//! earlier manage link when the booking is found again by reference, and
//! every outstanding reset link once one is used or the password changes.
//! Finding a booking by e-mail folds case by one rule on both databases.

use crate::helpers::mail::tokens_from_mail;
use crate::helpers::{dates, manage_token, reference, Booking, Db, TestApp, PASSWORD};
use backend::services::booking;
use chrono::{TimeDelta, TimeZone, Utc, Weekday};
use serde_json::json;

on_both_backends!(
    a_booking_is_found_by_its_email_in_any_case,
    manage_links_die_after_the_meal_and_when_replaced,
    reset_links_die_once_one_is_used_or_the_password_changes,
);

async fn manage_links_die_after_the_meal_and_when_replaced(db: Db) {
    let app = TestApp::spawn(db).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let created = app.book(&Booking::at(thursday, "19:30")).await;
    let first = manage_token(&created);
    let path = |token: &str| format!("/api/reservations/manage/{token}");
    assert_eq!(app.get(&path(&first)).await.status(), 200);
    // Found again by reference and e-mail: a new link, the old one is dead.
    let found = booking::find_by_reference(
        &app.store,
        backend::now(),
        &reference(&created),
        "ADA@example.com",
    )
    .await
    .unwrap();
    assert_eq!(app.get(&path(&first)).await.status(), 404);
    assert_eq!(app.get(&path(&found.manage_token)).await.status(), 200);
    // 30 days after the meal the link opens nothing.
    let day = Utc.from_utc_datetime(&thursday.and_hms_opt(0, 0, 0).unwrap());
    let opened =
        |days: i64| booking::by_token(&app.store, day + TimeDelta::days(days), &found.manage_token);
    assert!(opened(29).await.is_ok());
    assert!(matches!(
        opened(32).await,
        Err(backend::services::ServiceError::NotFound)
    ));
    app.stop().await;
}

async fn reset_links_die_once_one_is_used_or_the_password_changes(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut grace = app.client();
    assert_eq!(grace.register("grace@example.com").await, 202);
    let mut anon = app.client();
    let forgot = json!({"email": "grace@example.com"});
    for _ in 0..2 {
        assert_eq!(
            anon.post("/api/auth/password/forgot", forgot.clone())
                .await
                .0,
            202
        );
    }
    let tokens = tokens_from_mail(&app.mail_dir, "grace@example.com", "reset", 2).await;
    let reset = |token: &str, password: &str| json!({"token": token, "password": password});
    let (status, body) = anon
        .post(
            "/api/auth/password/reset",
            reset(&tokens[0], "a first new pass phrase"),
        )
        .await;
    assert_eq!(status, 204, "{body}");
    let (status, _) = anon
        .post(
            "/api/auth/password/reset",
            reset(&tokens[1], "a second new pass phrase"),
        )
        .await;
    assert_eq!(status, 404, "the other link died with the reset");
    // A link asked for before a password change dies with the change.
    assert_eq!(anon.post("/api/auth/password/forgot", forgot).await.0, 202);
    let third = tokens_from_mail(&app.mail_dir, "grace@example.com", "reset", 3).await;
    let pending = third.iter().find(|t| !tokens.contains(t)).unwrap().clone();
    assert_eq!(
        grace
            .login("grace@example.com", "a first new pass phrase")
            .await,
        200
    );
    let change = json!({"current_password": "a first new pass phrase", "new_password": PASSWORD});
    assert_eq!(grace.post("/api/auth/password", change).await.0, 204);
    let (status, _) = anon
        .post(
            "/api/auth/password/reset",
            reset(&pending, "a third new pass phrase"),
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(app.client().login("grace@example.com", PASSWORD).await, 200);
    app.stop().await;
}

async fn a_booking_is_found_by_its_email_in_any_case(db: Db) {
    let app = TestApp::spawn_with(db, &[("RATE_LIMIT_BOOKING_GUEST", "1/24h")]).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let created = app
        .book(&Booking::at(thursday, "19:30").email("Élodie.Dupré@example.com"))
        .await;
    // SQLite's LOWER() folds ASCII only: "É" and "é" used to differ there.
    let found = booking::find_by_reference(
        &app.store,
        backend::now(),
        &reference(&created),
        " élodie.DUPRÉ@EXAMPLE.com ",
    )
    .await;
    assert!(found.is_ok(), "{found:?}");
    // The per-guest limit counts by the same key.
    let again = Booking::at(thursday, "20:00")
        .email("ÉLODIE.dupré@example.com")
        .phone("+33 6 00 00 00 09");
    assert_eq!(app.try_book(&again).await.0, 429);
    app.stop().await;
}
