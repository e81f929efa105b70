//! Large parties confirm by e-mail when the restaurant asks it: the
//! booking is `pending_confirmation` and holds its table, the e-mail's link
//! confirms it, and a hold nobody confirmed in time is released.

use super::tables_of;
use crate::helpers::mail::{files_in_text, link_tokens_from_mail};
use crate::helpers::{dates, manage_token, reference, Booking, Db, TestApp};
use backend::services::booking;
use chrono::{TimeDelta, Weekday};
use serde_json::json;

on_both_backends!(
    large_parties_confirm_from_the_email,
    unconfirmed_holds_are_released_after_their_time,
);

/// From 6 guests, a booking waits 30 minutes for its e-mail confirmation
/// (nonsense settings are refused).
async fn ask_large_parties_to_confirm(app: &TestApp) {
    for bad in [(0, 30), (6, 4), (6, 1441)] {
        assert!(booking::set_email_confirmation(&app.store, Some(bad))
            .await
            .is_err());
    }
    booking::set_email_confirmation(&app.store, Some((6, 30)))
        .await
        .unwrap();
}

async fn large_parties_confirm_from_the_email(db: Db) {
    let app = TestApp::spawn(db).await;
    ask_large_parties_to_confirm(&app).await;
    let date = dates::next(&app, Weekday::Thu).await;

    // Smaller parties are confirmed at once.
    let small = app
        .book(&Booking::at(date, "19:00").email("small@example.com"))
        .await;
    assert_eq!(small["status"], "confirmed");

    let large = app
        .book(
            &Booking::at(date, "19:30")
                .party(6)
                .email("party@example.com"),
        )
        .await;
    assert_eq!(large["status"], "pending_confirmation", "{large}");
    let reference = reference(&large);
    assert!(
        !tables_of(&app, &reference).await.is_empty(),
        "the table is held"
    );
    let (_, view) = app
        .get_json(&format!(
            "/api/reservations/manage/{}",
            manage_token(&large)
        ))
        .await;
    assert_eq!(view["status"], "pending_confirmation");
    assert_eq!(view["can_change"], false);

    // The e-mail asks for the confirmation (and is not a confirmation).
    let link = link_tokens_from_mail(&app.mail_dir, "party@example.com", "/manage/confirm/", 1)
        .await
        .remove(0);
    let asked = files_in_text(&app.mail_dir, "party@example.com", "/manage/confirm/");
    assert!(asked[0].contains("30 minutes"), "{}", asked[0]);
    assert!(files_in_text(&app.mail_dir, "party@example.com", "Reservation confirmed").is_empty());

    let (status, done) = app
        .client()
        .post(&format!("/api/reservations/confirm/{link}"), json!({}))
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["reservation"]["status"], "confirmed");
    assert_eq!(done["reservation"]["can_change"], true);
    // Now the confirmation, with its manage link, arrives.
    link_tokens_from_mail(&app.mail_dir, "party@example.com", "/manage/", 2).await;
    assert_eq!(
        files_in_text(&app.mail_dir, "party@example.com", "Reservation confirmed").len(),
        1
    );
    // The job finds nothing to release.
    let later = backend::now() + TimeDelta::hours(2);
    assert_eq!(
        booking::release_unconfirmed(&app.store, later)
            .await
            .unwrap(),
        0
    );
    assert!(!tables_of(&app, &reference).await.is_empty());
    app.stop().await;
}

async fn unconfirmed_holds_are_released_after_their_time(db: Db) {
    let app = TestApp::spawn(db).await;
    ask_large_parties_to_confirm(&app).await;
    let date = dates::next(&app, Weekday::Thu).await;
    let large = app
        .book(
            &Booking::at(date, "19:30")
                .party(6)
                .email("party@example.com"),
        )
        .await;
    let reference = reference(&large);
    let link = link_tokens_from_mail(&app.mail_dir, "party@example.com", "/manage/confirm/", 1)
        .await
        .remove(0);

    // Within the hold, nothing is released.
    let now = backend::now();
    assert_eq!(
        booking::release_unconfirmed(&app.store, now + TimeDelta::minutes(29))
            .await
            .unwrap(),
        0
    );
    // After it, the booking is cancelled and its table free again.
    assert_eq!(
        booking::release_unconfirmed(&app.store, now + TimeDelta::minutes(31))
            .await
            .unwrap(),
        1
    );
    assert!(
        tables_of(&app, &reference).await.is_empty(),
        "the table is free"
    );
    let (_, view) = app
        .get_json(&format!(
            "/api/reservations/manage/{}",
            manage_token(&large)
        ))
        .await;
    assert_eq!(view["status"], "cancelled");
    // The link no longer confirms anything.
    let (status, body) = app
        .client()
        .post(&format!("/api/reservations/confirm/{link}"), json!({}))
        .await;
    assert_eq!(status, 404, "{body}");
    // And the same party can book the slot again.
    let again = app
        .book(
            &Booking::at(date, "19:30")
                .party(6)
                .email("other@example.com"),
        )
        .await;
    assert_eq!(again["status"], "pending_confirmation");
    app.stop().await;
}
