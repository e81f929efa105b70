//! Stripe's webhooks: a forged, stale or altered one is refused and changes
//! nothing, a replayed one is applied once, and a payment arriving after
//! its hold was released re-books the table if it is free, else is refunded
//! at once.

use super::{after_the_hold, thursday, PaidApp, WEBHOOK_SECRET};
use crate::helpers::{reference, Booking, Db};
use serde_json::Value;

on_both_backends!(
    forged_stale_and_replayed_webhooks_change_nothing,
    a_payment_after_the_hold_rebooks_the_table_if_it_is_free,
    a_payment_after_the_hold_is_refunded_when_the_table_was_taken,
);

async fn post_webhook(paid: &PaidApp, payload: &str, signature: Option<&str>) -> u16 {
    let mut request = paid
        .app
        .http
        .post(paid.app.url("/webhooks/stripe"))
        .header("content-type", "application/json")
        .body(payload.to_owned());
    if let Some(signature) = signature {
        request = request.header("stripe-signature", signature);
    }
    request.send().await.unwrap().status().as_u16()
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

async fn forged_stale_and_replayed_webhooks_change_nothing(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    let date = thursday(&paid.app).await;
    let created = paid.book_pending(&Booking::at(date, "19:30")).await;
    let session = paid.session_of(&created).await;
    // What Stripe would say once paid, signed by someone else, too late,
    // or altered after signing.
    let mut completed = paid.stripe.session(&session).unwrap();
    completed["status"] = "complete".into();
    completed["payment_status"] = "paid".into();
    let (payload, good) = paid.stripe.event("checkout.session.completed", completed);
    let forged = fake_stripe::sign(&payload, "whsec_someone_else", now());
    let stale = fake_stripe::sign(&payload, WEBHOOK_SECRET, now() - 6 * 60);
    let altered = payload.replace("\"paid\"", "\"unpaid\"");
    assert_ne!(altered, payload);
    for (body, signature) in [
        (payload.as_str(), Some(forged.as_str())),
        (payload.as_str(), Some(stale.as_str())),
        (payload.as_str(), Some("t=1,v1=deadbeef")),
        (payload.as_str(), None),
        (altered.as_str(), Some(good.as_str())),
    ] {
        assert_eq!(
            post_webhook(&paid, body, signature).await,
            400,
            "{signature:?}"
        );
    }
    assert_eq!(paid.statuses(&created).await.0, "pending_payment");
    assert_eq!(
        paid.app.count("SELECT COUNT(*) FROM stripe_events").await,
        0
    );

    // Paid for real: applied once, however often Stripe sends it.
    paid.stripe.pay(&session).await;
    assert_eq!(paid.statuses(&created).await.0, "confirmed");
    let history = paid.history(&created).await;
    let mails = format!(
        "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%{}%'",
        reference(&created)
    );
    let queued = paid.app.count(&mails).await;
    let events = paid.stripe.events();
    assert!(!events.is_empty());
    for event in &events {
        assert_eq!(event.status, Some(200), "{}", event.kind);
        assert_eq!(paid.stripe.resend(&event.id).await, 200);
    }
    assert_eq!(paid.history(&created).await, history);
    assert_eq!(paid.app.count(&mails).await, queued);
    let recorded = paid.app.count("SELECT COUNT(*) FROM stripe_events").await;
    assert_eq!(recorded, events.len() as i64, "each event recorded once");
    paid.stop().await;
}

/// Pays a booking's deposit at Stripe directly (a PaymentIntent for its
/// reference), as a guest who paid on an old page would: Stripe then sends
/// `payment_intent.succeeded` on its own.
async fn pay_late(paid: &PaidApp, created: &Value) -> Value {
    let amount = created["payment"]["amount_cents"]
        .as_i64()
        .unwrap()
        .to_string();
    let reference = reference(created);
    let form = [
        ("amount", amount.as_str()),
        ("currency", "eur"),
        ("payment_method", "pm_card_visa"),
        ("confirm", "true"),
        ("metadata[reservation]", reference.as_str()),
    ];
    let answer: Value = paid
        .app
        .http
        .post(format!("{}/v1/payment_intents", paid.stripe.base_url()))
        .bearer_auth("sk_test_techplus")
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer["status"], "succeeded", "{answer}");
    paid.stripe.flush().await;
    answer
}

async fn release(paid: &PaidApp) {
    let released = backend::services::booking::release_unpaid(
        &paid.app.store,
        &paid.payments(),
        after_the_hold(),
    )
    .await
    .unwrap();
    assert_eq!(released, 1);
}

async fn a_payment_after_the_hold_rebooks_the_table_if_it_is_free(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    let date = thursday(&paid.app).await;
    let created = paid.book_pending(&Booking::at(date, "19:30")).await;
    release(&paid).await;
    assert_eq!(paid.statuses(&created).await.0, "cancelled");

    pay_late(&paid, &created).await;
    assert_eq!(
        paid.statuses(&created).await,
        ("confirmed".to_owned(), "paid".to_owned())
    );
    let held = format!(
        "SELECT COUNT(*) FROM reservation_tables rt JOIN reservations r ON r.id = rt.reservation_id \
         WHERE r.reference = '{}' AND rt.active = TRUE",
        reference(&created)
    );
    assert!(paid.app.count(&held).await >= 1, "its table again");
    assert!(paid.stripe.refunds().is_empty());
    paid.stop().await;
}

async fn a_payment_after_the_hold_is_refunded_when_the_table_was_taken(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    paid.app
        .execute(
            "UPDATE dining_tables SET active = FALSE WHERE id <> (SELECT MIN(id) FROM dining_tables \
             WHERE min_seats <= 2 AND max_seats >= 2 AND bookable_online = TRUE AND active = TRUE)",
        )
        .await;
    let date = thursday(&paid.app).await;
    let booking = Booking::at(date, "19:30");
    let created = paid.book_pending(&booking).await;
    release(&paid).await;
    // Someone else takes the table meanwhile (and pays).
    let other = paid
        .book_pending(&booking.clone().email("bob@example.com"))
        .await;
    let session = paid.session_of(&other).await;
    paid.stripe.pay(&session).await;

    let intent = pay_late(&paid, &created).await;
    assert_eq!(
        paid.statuses(&created).await,
        ("cancelled".to_owned(), "refunded".to_owned())
    );
    assert_eq!(paid.statuses(&other).await.0, "confirmed");
    let refunds = paid.stripe.refunds();
    assert_eq!(refunds.len(), 1, "{refunds:?}");
    assert_eq!(refunds[0]["payment_intent"], intent["id"]);
    assert_eq!(refunds[0]["amount"], created["payment"]["amount_cents"]);
    let history = paid.history(&created).await;
    assert!(
        history.ends_with(&["payment_too_late".to_owned(), "refunded".to_owned()]),
        "{history:?}"
    );
    // Stripe sending it again refunds nothing more.
    for event in paid
        .stripe
        .events()
        .iter()
        .filter(|e| e.kind == "payment_intent.succeeded")
    {
        paid.stripe.resend(&event.id).await;
    }
    assert_eq!(paid.stripe.refunds().len(), 1);
    paid.stop().await;
}
