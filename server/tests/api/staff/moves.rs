//! `PUT /api/admin/reservations/{id}`: staff move a booking to another
//! table or time, or change its length; the server re-checks every move.

use super::today::{by_reference, day};
use crate::helpers::{dates, reference, Booking, Client, Db, Role, TestApp};
use chrono::Weekday;
use serde_json::{json, Value};

on_both_backends!(
    staff_move_resize_and_are_refused_with_the_reason,
    two_moves_onto_one_table_at_once_give_one_booking,
);

/// The id of a table by its name (T1, T2, ...).
pub fn table(day: &Value, name: &str) -> i64 {
    day["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("table {name}"))["id"]
        .as_i64()
        .unwrap()
}

async fn booked(app: &TestApp, staff: &mut Client, date: chrono::NaiveDate, b: Booking) -> Value {
    let created = app.client().book(&b).await;
    let (_, d) = day(staff, date).await;
    by_reference(&d, &reference(&created)).unwrap().clone()
}

async fn staff_move_resize_and_are_refused_with_the_reason(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let (_, d) = day(&mut staff, thursday).await;
    let (t1, t2, t4, t5, t6, t8) = (
        table(&d, "T1"),
        table(&d, "T2"),
        table(&d, "T4"),
        table(&d, "T5"),
        table(&d, "T6"),
        table(&d, "T8"),
    );
    let ada = booked(&app, &mut staff, thursday, Booking::at(thursday, "19:00")).await;
    let bob = booked(
        &app,
        &mut staff,
        thursday,
        Booking::at(thursday, "19:00")
            .party(4)
            .email("bob@example.com"),
    )
    .await;
    let path = format!("/api/admin/reservations/{}", ada["id"]);
    let outbox = "SELECT COUNT(*) FROM outbox";
    let mails = app.count(outbox).await;

    // Another free table at the same time: moved, the guest not e-mailed.
    let (status, moved) = staff.put(&path, json!({"tables": [t8]})).await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["table_ids"], json!([t8]));
    assert_eq!(moved["time"], "19:00");
    assert_eq!(app.count(outbox).await, mails);

    // Onto Bob's table at an overlapping time: refused, nothing changed.
    let bobs = bob["table_ids"][0].as_i64().unwrap();
    let (status, body) = staff
        .put(&path, json!({"tables": [bobs], "time": "19:30"}))
        .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (409, &json!("table_taken"))
    );
    let (_, d) = day(&mut staff, thursday).await;
    let now = by_reference(&d, ada["reference"].as_str().unwrap()).unwrap();
    assert_eq!(
        (&now["table_ids"], &now["time"]),
        (&json!([t8]), &json!("19:00"))
    );

    // A new time: moved, and the guest is told.
    let (status, moved) = staff
        .put(&path, json!({"time": "21:15", "tables": [t1]}))
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(
        (&moved["time"], &moved["table_ids"]),
        (&json!("21:15"), &json!([t1]))
    );
    assert_eq!(app.count(outbox).await, mails + 1);
    // Longer (resize), at the same place; a whole number may be written
    // as a float (JSON Schema's `integer`).
    let (status, resized) = staff.put(&path, json!({"duration_minutes": 150.0})).await;
    assert_eq!(status, 200, "{resized}");
    assert_eq!(
        (&resized["end_time"], &resized["duration_minutes"]),
        (&json!("23:45"), &json!(150))
    );
    assert_eq!(app.count(outbox).await, mails + 1);
    let history = format!(
        "SELECT COUNT(*) FROM reservation_events WHERE reservation_id = {} \
         AND action = 'modified' AND user_id IS NOT NULL",
        ada["id"]
    );
    assert_eq!(app.count(&history).await, 3);

    // Seats and combinations: Bob's four cannot sit at a two-seat table,
    // T4 + T6 are not a combination, T4 + T5 are.
    let bob_path = format!("/api/admin/reservations/{}", bob["id"]);
    let (status, body) = staff.put(&bob_path, json!({"tables": [t2]})).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"],
        json!([{"field": "tables", "reason": "too_small"}])
    );
    let (status, body) = staff.put(&bob_path, json!({"tables": [t4, t6]})).await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"],
        json!([{"field": "tables", "reason": "not_combinable"}])
    );
    let (status, moved) = staff.put(&bob_path, json!({"tables": [t5, t4]})).await;
    assert_eq!(status, 200, "{moved}");
    let mut ids = vec![t4, t5];
    ids.sort_unstable();
    assert_eq!(moved["table_ids"], json!(ids));

    // Bad input changes nothing.
    for (body, field) in [
        (json!({"duration_minutes": 10}), "duration_minutes"),
        (json!({"duration_minutes": 1441}), "duration_minutes"),
        (json!({"duration_minutes": 150.5}), "duration_minutes"),
        (json!({"tables": [1.5]}), "tables"),
        (json!({"tables": "T1"}), "tables"),
        (json!({"time": "25:00"}), "time"),
        (json!({"date": "2026-02-30"}), "date"),
        (json!({"tables": [999999]}), "tables"),
        (json!({"tables": []}), "tables"),
    ] {
        let (status, answer) = staff.put(&path, body.clone()).await;
        assert_eq!(status, 422, "{body} → {answer}");
        assert_eq!(answer["error"]["field"], field, "{body} → {answer}");
    }
    // A cancelled booking stays where it is.
    let cancel = format!("{path}/status");
    assert_eq!(
        staff.post(&cancel, json!({"status": "cancelled"})).await.0,
        200
    );
    let (status, body) = staff.put(&path, json!({"time": "19:00"})).await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (409, &json!("status_refused"))
    );
    // Diners cannot move bookings.
    let mut diner = app.signed_in(Role::Diner).await;
    assert_eq!(diner.put(&bob_path, json!({"time": "20:00"})).await.0, 403);
    app.stop().await;
}

async fn two_moves_onto_one_table_at_once_give_one_booking(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let (_, d) = day(&mut staff, thursday).await;
    let target = table(&d, "T8");
    let a = booked(&app, &mut staff, thursday, Booking::at(thursday, "19:00")).await;
    let b = booked(
        &app,
        &mut staff,
        thursday,
        Booking::at(thursday, "19:15").email("b@example.com"),
    )
    .await;
    let mut other = app.signed_in(Role::Staff).await;
    let (pa, pb) = (
        format!("/api/admin/reservations/{}", a["id"]),
        format!("/api/admin/reservations/{}", b["id"]),
    );
    let body = json!({"tables": [target]});
    let (ra, rb) = tokio::join!(staff.put(&pa, body.clone()), other.put(&pb, body.clone()));
    let mut statuses = [ra.0, rb.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{ra:?} {rb:?}");
    let holds =
        format!("SELECT COUNT(*) FROM reservation_tables WHERE table_id = {target} AND active");
    assert_eq!(app.count(&holds).await, 1);
    app.stop().await;
}
