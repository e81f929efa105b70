//! Money moves: a refund clicked twice is one refund, a guest cancelling
//! before the cut-off is refunded once, and a card guarantee's no-show fee
//! is charged once.

use super::{thursday, PaidApp};
use crate::helpers::{manage_token, Booking, Db, Role};
use serde_json::{json, Value};

on_both_backends!(
    a_double_clicked_refund_makes_one_refund,
    a_guest_cancelling_before_the_cutoff_is_refunded_once,
    a_guarantee_saves_a_card_and_the_no_show_fee_is_charged_once,
);

/// A booking whose deposit was paid: (created, reservation id).
async fn paid_booking(paid: &PaidApp, booking: &Booking) -> (Value, i64) {
    let created = paid.book_pending(booking).await;
    let session = paid.session_of(&created).await;
    paid.stripe.pay(&session).await;
    let id = paid
        .app
        .count(&format!(
            "SELECT id FROM reservations WHERE reference = '{}'",
            crate::helpers::reference(&created)
        ))
        .await;
    (created, id)
}

async fn refund(paid: &PaidApp, id: i64, key: &str, body: Value) -> (u16, Value) {
    let staff = paid.app.signed_in(Role::Staff).await;
    let answer = paid
        .app
        .http
        .post(
            paid.app
                .url(&format!("/api/admin/reservations/{id}/refunds")),
        )
        .header("cookie", staff.cookie.clone().unwrap())
        .header("origin", &paid.app.origin)
        .header("idempotency-key", key)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    (status, answer.json().await.unwrap_or(Value::Null))
}

async fn a_double_clicked_refund_makes_one_refund(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    let date = thursday(&paid.app).await;
    let (created, id) = paid_booking(&paid, &Booking::at(date, "19:30").party(4)).await;
    let part = json!({"amount_cents": 1000, "reason": "Dessert was late"});
    // The same click twice, at once: one refund.
    let (a, b) = tokio::join!(
        refund(&paid, id, "click-1", part.clone()),
        refund(&paid, id, "click-1", part.clone())
    );
    let statuses = [a.0, b.0];
    assert!(statuses.contains(&200), "{a:?} {b:?}");
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{a:?} {b:?}"
    );
    // And once more, later: the same refund, nothing new.
    let (status, again) = refund(&paid, id, "click-1", part.clone()).await;
    assert_eq!((status, again["new"].clone()), (200, json!(false)));
    assert_eq!(paid.stripe.refunds().len(), 1);
    assert_eq!(paid.stripe.refunds()[0]["amount"], 1000);

    // Two "refund the rest" at once with different keys: the rest once.
    let rest = json!({"reason": "Goodwill"});
    let (c, d) = tokio::join!(
        refund(&paid, id, "rest-1", rest.clone()),
        refund(&paid, id, "rest-2", rest.clone())
    );
    let mut statuses = [c.0, d.0];
    statuses.sort();
    assert_eq!(statuses, [200, 422], "{c:?} {d:?}");
    let refused = if c.0 == 422 { &c.1 } else { &d.1 };
    assert_eq!(refused["error"]["fields"][0]["reason"], "nothing_left");
    let refunds = paid.stripe.refunds();
    assert_eq!(refunds.len(), 2);
    assert_eq!(refunds[1]["amount"], 5000, "6000 paid − 1000 refunded");
    assert_eq!(paid.statuses(&created).await.1, "refunded");
    // Bad input changes nothing.
    let (status, body) = refund(&paid, id, "bad key!", json!({"reason": "x"})).await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = refund(&paid, id, "k2", json!({"amount_cents": 0, "reason": ""})).await;
    assert_eq!(status, 422);
    assert_eq!(paid.stripe.refunds().len(), 2);
    let history = paid.history(&created).await;
    assert_eq!(history.iter().filter(|a| *a == "refunded").count(), 2);
    paid.stop().await;
}

async fn a_guest_cancelling_before_the_cutoff_is_refunded_once(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    let date = thursday(&paid.app).await;
    let (created, _) = paid_booking(&paid, &Booking::at(date, "19:30").party(2)).await;
    let token = manage_token(&created);
    let path = format!("/api/reservations/manage/{token}");
    let (_, before) = paid.app.get_json(&path).await;
    assert_eq!(before["payment"]["status"], "paid", "{before}");
    assert_eq!(
        before["refund_if_cancelled_cents"], 3000,
        "in full: a week ahead"
    );

    let (status, cancelled) = paid.app.json(reqwest::Method::DELETE, &path, None).await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    let (status, _) = paid.app.json(reqwest::Method::DELETE, &path, None).await;
    assert_ne!(status, 200, "cancelled already");
    let refunds = paid.stripe.refunds();
    assert_eq!(refunds.len(), 1);
    assert_eq!(refunds[0]["amount"], 3000);
    assert_eq!(
        paid.statuses(&created).await,
        ("cancelled".to_owned(), "refunded".to_owned())
    );
    paid.stop().await;
}

async fn a_guarantee_saves_a_card_and_the_no_show_fee_is_charged_once(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.policy(json!({
        "mode": "guarantee", "no_show_fee_per_guest_cents": 2500, "from_party": 1,
        "hold_minutes": 10, "refund_cutoff_hours": 24, "late_refund_percent": 0,
    }))
    .await;
    let date = thursday(&paid.app).await;
    let created = paid
        .book_pending(&Booking::at(date, "19:30").party(2))
        .await;
    assert_eq!(created["payment"]["kind"], "guarantee");
    assert_eq!(created["payment"]["amount_cents"], 5000);
    let session = paid.session_of(&created).await;
    assert_eq!(paid.stripe.session(&session).unwrap()["mode"], "setup");
    paid.stripe.pay(&session).await;
    assert_eq!(
        paid.statuses(&created).await,
        ("confirmed".to_owned(), "card_saved".to_owned())
    );
    assert!(
        paid.stripe.payment_intents().is_empty(),
        "nothing charged yet"
    );

    let id = paid
        .app
        .count(&format!(
            "SELECT id FROM reservations WHERE reference = '{}'",
            crate::helpers::reference(&created)
        ))
        .await;
    let mut staff = paid.app.signed_in(Role::Staff).await;
    let fee = format!("/api/admin/reservations/{id}/no-show-fee");
    // Not a no-show (yet): nothing is charged.
    let (status, _) = staff.post(&fee, json!({})).await;
    assert_eq!(status, 409);
    let (status, body) = staff
        .post(
            &format!("/api/admin/reservations/{id}/status"),
            json!({"status": "no_show"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (a, b) = tokio::join!(
        async {
            paid.app
                .signed_in(Role::Staff)
                .await
                .post(&fee, json!({}))
                .await
        },
        async {
            paid.app
                .signed_in(Role::Staff)
                .await
                .post(&fee, json!({}))
                .await
        }
    );
    assert!([a.0, b.0].contains(&200), "{a:?} {b:?}");
    let (status, again) = staff.post(&fee, json!({})).await;
    assert_eq!((status, again["new"].clone()), (200, json!(false)));
    let charged = paid.stripe.payment_intents();
    assert_eq!(charged.len(), 1, "{charged:?}");
    assert_eq!(charged[0]["amount"], 5000);
    assert_eq!(paid.statuses(&created).await.1, "fee_charged");
    let (_, details) = staff.get(&format!("/api/admin/reservations/{id}")).await;
    assert_eq!(details["payment"]["fee_charged_cents"], 5000);
    assert_eq!(details["reservation"]["payment"], "fee_charged");
    paid.stop().await;
}
