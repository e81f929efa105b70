//! A guest moves a booking's e-mails to another address: the new address
//! is asked to confirm (without the guest's words in the message), the
//! current one is told, nothing moves until the link is used, and the
//! requests are limited per booking and per address.

use crate::helpers::mail::{files_in_text, link_tokens_from_mail};
use crate::helpers::{dates, manage_token, Booking, Db, TestApp};
use backend::services::booking::EMAIL_CHANGES_PER_DAY;
use chrono::Weekday;
use serde_json::json;
use std::time::Duration;

on_both_backends!(
    a_new_address_takes_effect_once_it_confirms,
    address_changes_are_limited_per_booking_and_per_address,
);

/// Waits for the e-mails to `to` containing `needle` (the worker sends every
/// second) and returns their texts once there are `count`.
async fn mails_to(app: &TestApp, to: &str, needle: &str, count: usize) -> Vec<String> {
    for _ in 0..100 {
        let found = files_in_text(&app.mail_dir, to, needle);
        if found.len() >= count {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("fewer than {count} e-mails to {to} with {needle:?}");
}

async fn a_new_address_takes_effect_once_it_confirms(db: Db) {
    let app = TestApp::spawn(db).await;
    let date = dates::next(&app, Weekday::Thu).await;
    let created = app
        .book(&Booking::at(date, "19:30").notes("Anniversary"))
        .await;
    mails_to(&app, "ada@example.com", "Reservation confirmed", 1).await;
    let path = format!("/api/reservations/manage/{}", manage_token(&created));

    // Someone with the link asks for the e-mails to go elsewhere, with
    // words of their own in the name and the notes.
    let (status, changed) = app
        .client()
        .put(
            &path,
            json!({"email": "mallory@evil.example", "name": "Buy cheap pills", "notes": "visit spam.example"}),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["email"], "ada@example.com", "not moved yet");
    assert_eq!(changed["pending_email"], "mallory@evil.example");
    assert_eq!(
        app.get_json(&path).await.1["pending_email"],
        "mallory@evil.example"
    );

    // The new address gets a confirmation link, and none of those words.
    let proof = link_tokens_from_mail(&app.mail_dir, "mallory@evil.example", "/manage/confirm/", 1)
        .await
        .remove(0);
    let asked = mails_to(&app, "mallory@evil.example", "/manage/confirm/", 1).await;
    for word in [
        "Buy cheap pills",
        "spam.example",
        "Ada",
        "ada@example.com",
        "Anniversary",
    ] {
        assert!(!asked[0].contains(word), "{word} in {}", asked[0]);
    }
    // The current address is told, with the new one masked, and gets no
    // "changed" e-mail besides.
    let told = mails_to(&app, "ada@example.com", "ma•••@evil.example", 1).await;
    assert!(!told[0].contains("mallory@"), "{}", told[0]);
    assert!(files_in_text(&app.mail_dir, "mallory@evil.example", "Reservation changed").is_empty());

    // The link proves the address: the booking's e-mails move there.
    let confirm = format!("/api/reservations/confirm/{proof}");
    let (status, done) = app.client().post(&confirm, json!({})).await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["reservation"]["email"], "mallory@evil.example");
    assert!(done["reservation"].get("pending_email").is_none(), "{done}");
    let (_, opened) = app
        .get_json(&format!(
            "/api/reservations/manage/{}",
            done["manage_token"].as_str().unwrap()
        ))
        .await;
    assert_eq!(opened["email"], "mallory@evil.example");
    mails_to(&app, "mallory@evil.example", "Reservation changed", 1).await;
    // Once only.
    let (status, again) = app.client().post(&confirm, json!({})).await;
    assert_eq!(status, 404, "{again}");
    assert_eq!(again["error"]["code"], "not_found");
    app.stop().await;
}

async fn address_changes_are_limited_per_booking_and_per_address(db: Db) {
    let app = TestApp::spawn(db).await;
    let date = dates::next(&app, Weekday::Thu).await;
    let limit = usize::try_from(EMAIL_CHANGES_PER_DAY).unwrap();

    // Per booking: each change of address mails someone; past the day's
    // limit the booking is refused (and nothing changes).
    let created = app.book(&Booking::at(date, "19:30")).await;
    let path = format!("/api/reservations/manage/{}", manage_token(&created));
    let mut guest = app.client();
    let mut links = Vec::new();
    for n in 0..limit {
        let to = format!("new{n}@example.net");
        let (status, body) = guest.put(&path, json!({"email": to})).await;
        assert_eq!(status, 200, "{body}");
        links.extend(link_tokens_from_mail(&app.mail_dir, &to, "/manage/confirm/", 1).await);
    }
    let (status, refused) = guest
        .put(&path, json!({"email": "one.more@example.net"}))
        .await;
    assert_eq!(status, 429, "{refused}");
    assert_eq!(refused["error"]["code"], "rate_limited");
    let last = format!("new{}@example.net", limit - 1);
    assert_eq!(app.get_json(&path).await.1["pending_email"], last.as_str());
    // Only the newest request's link works.
    let (status, _) = app
        .client()
        .post(
            &format!("/api/reservations/confirm/{}", links[0]),
            json!({}),
        )
        .await;
    assert_eq!(status, 404, "a replaced link");
    let (status, done) = app
        .client()
        .post(
            &format!("/api/reservations/confirm/{}", links[limit - 1]),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["reservation"]["email"], last.as_str());

    // Per address: one address cannot be asked more often by many bookings.
    for n in 0..=limit {
        let booked = app
            .book(
                &Booking::at(date, "20:30")
                    .email(&format!("guest{n}@example.com"))
                    .phone(&format!("+3361234560{n}")),
            )
            .await;
        let path = format!("/api/reservations/manage/{}", manage_token(&booked));
        let (status, body) = app
            .client()
            .put(&path, json!({"email": "victim@example.org"}))
            .await;
        let expected = if n < limit { 200 } else { 429 };
        assert_eq!(status, expected, "request {n}: {body}");
    }
    app.stop().await;
}
