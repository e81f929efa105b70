//! A deposit's life: the booking holds its table while the guest pays on
//! Stripe's page, is confirmed (and mailed) once paid, or released when
//! nobody paid in time; the hold wins the race for the last table.

use super::{after_the_hold, thursday, PaidApp};
use crate::helpers::mail::link_tokens_from_mail;
use crate::helpers::{reference, Booking, Db, Role, TestApp};
use serde_json::json;

on_both_backends!(
    a_paid_deposit_confirms_the_booking_and_mails_it,
    an_unpaid_hold_is_released_and_the_slot_is_free_again,
    the_hold_wins_the_race_for_the_last_table,
    the_guest_back_from_stripe_finds_the_booking_confirmed,
    the_policy_decides_who_pays_and_needs_stripe,
);

/// One table for two remains bookable: the rest are taken out of service.
async fn one_table(app: &TestApp) {
    app.execute(
        "UPDATE dining_tables SET active = FALSE WHERE id <> (SELECT MIN(id) FROM dining_tables \
         WHERE min_seats <= 2 AND max_seats >= 2 AND bookable_online = TRUE AND active = TRUE)",
    )
    .await;
}

async fn a_paid_deposit_confirms_the_booking_and_mails_it(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    let date = thursday(&paid.app).await;
    let created = paid
        .book_pending(&Booking::at(date, "19:30").party(4))
        .await;
    assert_eq!(created["payment"]["kind"], "deposit");
    assert_eq!(created["payment"]["amount_cents"], 6000, "15.00 × 4");
    let session = paid.session_of(&created).await;
    let asked = paid
        .stripe
        .session(&session)
        .expect("the session exists at Stripe");
    assert_eq!(asked["amount_total"], 6000);
    assert_eq!(asked["mode"], "payment");
    assert_eq!(
        asked["metadata"]["reservation"],
        reference(&created).as_str()
    );
    // Nothing is mailed while the guest pays.
    let mails = format!(
        "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%{}%'",
        reference(&created)
    );
    assert_eq!(paid.app.count(&mails).await, 0);

    paid.stripe.pay(&session).await;
    assert_eq!(
        paid.statuses(&created).await,
        ("confirmed".to_owned(), "paid".to_owned())
    );
    let history = paid.history(&created).await;
    assert_eq!(history, ["created", "deposit_paid"]);
    // The confirmation e-mail, once, with its manage link.
    let tokens = link_tokens_from_mail(&paid.app.mail_dir, "ada@example.com", "/manage/", 1).await;
    assert_eq!(tokens.len(), 1);
    let (status, view) = paid
        .app
        .get_json(&format!("/api/reservations/manage/{}", tokens[0]))
        .await;
    assert_eq!(status, 200, "{view}");
    assert_eq!(view["status"], "confirmed");
    paid.stop().await;
}

async fn an_unpaid_hold_is_released_and_the_slot_is_free_again(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    one_table(&paid.app).await;
    let date = thursday(&paid.app).await;
    let booking = Booking::at(date, "19:30");
    let created = paid.book_pending(&booking).await;
    // Held: the only table is taken at 19:30.
    let (status, refused) = paid
        .app
        .try_book(&booking.clone().email("bob@example.com"))
        .await;
    assert_eq!(status, 409, "{refused}");

    // Before the hold ends nothing is released.
    let payments = paid.payments();
    let released =
        backend::services::booking::release_unpaid(&paid.app.store, &payments, chrono::Utc::now())
            .await
            .unwrap();
    assert_eq!(released, 0);
    let released =
        backend::services::booking::release_unpaid(&paid.app.store, &payments, after_the_hold())
            .await
            .unwrap();
    assert_eq!(released, 1);
    assert_eq!(
        paid.statuses(&created).await,
        ("cancelled".to_owned(), "expired".to_owned())
    );
    let session = paid.session_of(&created).await;
    assert_eq!(paid.stripe.session(&session).unwrap()["status"], "expired");
    assert!(paid
        .history(&created)
        .await
        .contains(&"payment_expired".to_owned()));
    // The slot is free again, and the next guest is held in turn.
    paid.book_pending(&booking.email("bob@example.com")).await;
    paid.stop().await;
}

/// Two diners race for the last table while one is in checkout: the hold
/// wins, the other gets alternatives; the database never holds it twice.
async fn the_hold_wins_the_race_for_the_last_table(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    one_table(&paid.app).await;
    let date = thursday(&paid.app).await;
    let first = Booking::at(date, "20:00");
    let second = first.clone().email("bob@example.com").name("Bob Martin");
    let (a, b) = tokio::join!(paid.app.try_book(&first), paid.app.try_book(&second));
    let answers = [a, b];
    let won: Vec<_> = answers.iter().filter(|(s, _)| *s == 201).collect();
    let lost: Vec<_> = answers.iter().filter(|(s, _)| *s == 409).collect();
    assert_eq!((won.len(), lost.len()), (1, 1), "{answers:?}");
    assert_eq!(won[0].1["status"], "pending_payment");
    assert_eq!(lost[0].1["error"]["code"], "slot_unavailable");
    assert!(
        !lost[0].1["error"]["alternatives"]
            .as_array()
            .unwrap()
            .is_empty(),
        "the other diner is offered other times"
    );
    // While the winner pays, a third diner is refused too.
    let (status, _) = paid
        .app
        .try_book(&first.clone().email("cy@example.com"))
        .await;
    assert_eq!(status, 409);
    let held = paid
        .app
        .count("SELECT COUNT(*) FROM reservation_tables WHERE active = TRUE")
        .await;
    assert_eq!(held, 1);
    paid.stop().await;
}

/// Stripe sends the guest back before its webhook arrives: the session is
/// read from Stripe and the booking confirmed all the same.
async fn the_guest_back_from_stripe_finds_the_booking_confirmed(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    let date = thursday(&paid.app).await;
    let created = paid.book_pending(&Booking::at(date, "19:00")).await;
    let session = paid.session_of(&created).await;
    // The webhook cannot reach the app: only the way back tells it.
    paid.stripe.set_webhook("http://127.0.0.1:9/nowhere".into());
    paid.stripe.pay(&session).await;
    assert_eq!(paid.statuses(&created).await.0, "pending_payment");

    let back = paid
        .app
        .get(&format!("/book/payment/return?session_id={session}"))
        .await;
    assert_eq!(back.status().as_u16(), 303);
    let to = back.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(
        to,
        format!("/book/payment?reference={}", reference(&created))
    );
    assert_eq!(
        paid.statuses(&created).await,
        ("confirmed".to_owned(), "paid".to_owned())
    );
    // An unknown or malformed session id changes nothing.
    for bad in ["cs_test_unknown", "x%27%20OR%201%3D1"] {
        let back = paid
            .app
            .get(&format!("/book/payment/return?session_id={bad}"))
            .await;
        assert_eq!(back.status().as_u16(), 303);
        assert_eq!(back.headers()["location"], "/book/payment");
    }
    paid.stop().await;
}

async fn the_policy_decides_who_pays_and_needs_stripe(db: Db) {
    // Without Stripe: the policy cannot be changed, and nothing is asked.
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let (status, settings) = admin.get("/api/admin/settings/payments").await;
    assert_eq!(status, 200);
    assert_eq!(settings["configured"], false);
    assert_eq!(
        settings["missing"],
        json!(["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])
    );
    let (status, body) = admin
        .put(
            "/api/admin/settings/payments",
            json!({"mode": "guarantee", "no_show_fee_per_guest_cents": 2000, "from_party": 1,
                "hold_minutes": 10, "refund_cutoff_hours": 24, "late_refund_percent": 0}),
        )
        .await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (409, json!("payment_unavailable"))
    );
    let (_, ready) = app.get_json("/ready").await;
    assert_eq!(ready["payments"], "not_configured");
    let date = thursday(&app).await;
    // The demo's policy asks parties of 7 a deposit, but not without Stripe.
    let created = app.book(&Booking::at(date, "19:30").party(7)).await;
    assert_eq!(created["status"], "confirmed");
    assert!(created.get("payment").is_none());
    app.stop().await;

    // With Stripe: only the parties, days and services the policy names.
    let paid = PaidApp::spawn(db).await;
    let (_, ready) = paid.app.get_json("/ready").await;
    assert_eq!(ready["payments"], "configured");
    let mut admin = paid.app.signed_in(Role::Admin).await;
    let (status, body) = admin
        .put(
            "/api/admin/settings/payments",
            json!({"mode": "deposit", "deposit_per_guest_cents": 0, "from_party": 0,
                "weekdays": ["someday"], "hold_minutes": 90, "refund_cutoff_hours": 48,
                "late_refund_percent": 101}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        crate::helpers::error_fields(&body),
        [
            "deposit_per_guest_cents",
            "from_party",
            "weekdays",
            "hold_minutes",
            "late_refund_percent"
        ]
    );
    paid.policy(json!({
        "mode": "deposit", "deposit_per_guest_cents": 2500, "from_party": 4,
        "weekdays": ["thursday"], "services": ["dinner"],
        "hold_minutes": 10, "refund_cutoff_hours": 48, "late_refund_percent": 0,
    }))
    .await;
    let audit = paid
        .app
        .count("SELECT COUNT(*) FROM audit_log WHERE subject = 'payments'")
        .await;
    assert_eq!(audit, 1);
    let thursday = thursday(&paid.app).await;
    let friday = thursday.succ_opt().unwrap();
    let free = [
        Booking::at(thursday, "19:30").party(3),
        Booking::at(thursday, "12:30").party(4),
        Booking::at(friday, "19:30").party(4),
    ];
    for booking in &free {
        let created = paid.app.book(booking).await;
        assert_eq!(created["status"], "confirmed", "{booking:?}");
    }
    let asked = paid
        .book_pending(&Booking::at(thursday, "20:30").party(4))
        .await;
    assert_eq!(asked["payment"]["amount_cents"], 10000);
    paid.stop().await;
}
