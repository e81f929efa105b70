//! `/api/admin/reservations/{id}`: one booking in full for staff (its
//! history told as changes, internal notes), a change of party size,
//! cancellation with a reason, and the confirmation e-mail sent again.

use super::today::{by_reference, day};
use crate::helpers::mail::link_tokens_from_mail;
use crate::helpers::{dates, manage_token, reference, Booking, Db, Role, TestApp};
use chrono::Weekday;
use serde_json::{json, Value};

on_both_backends!(staff_read_annotate_change_and_cancel_one_booking,);

/// The history's actions, oldest first.
fn actions(details: &Value) -> Vec<String> {
    details["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

async fn staff_read_annotate_change_and_cancel_one_booking(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let (_, me) = staff.get("/api/auth/me").await;
    let staff_name = me["name"].as_str().unwrap().to_owned();
    let thursday = dates::next(&app, Weekday::Thu).await;
    let created = app
        .client()
        .book(
            &Booking::at(thursday, "19:00")
                .email("grace@example.com")
                .name("Grace Hopper"),
        )
        .await;
    let token = manage_token(&created);
    let (_, d) = day(&mut staff, thursday).await;
    let id = by_reference(&d, &reference(&created)).unwrap()["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/admin/reservations/{id}");

    // The booking, made by the guest; no note yet; the tables to choose.
    let (status, details) = staff.get(&path).await;
    assert_eq!(status, 200, "{details}");
    assert_eq!(details["reservation"]["name"], "Grace Hopper");
    assert_eq!(actions(&details), ["created"]);
    assert_eq!(details["history"][0]["actor"], "guest");
    assert_eq!(details["notes"], json!([]));
    assert_eq!(details["can_resend"], true);
    let four = details["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["max_seats"].as_i64().unwrap() >= 4)
        .unwrap();
    let (four_id, four_name) = (four["id"].as_i64().unwrap(), four["name"].clone());

    // Unknown ids look like nothing.
    for missing in [
        "/api/admin/reservations/999999",
        "/api/admin/reservations/abc",
    ] {
        assert_eq!(staff.get(missing).await.0, 404, "{missing}");
    }

    // A bigger party: refused where it does not fit, with the field.
    let outbox = "SELECT COUNT(*) FROM outbox";
    let mails = app.count(outbox).await;
    let (status, body) = staff.put(&path, json!({"party_size": 0})).await;
    assert_eq!(
        (status, &body["error"]["field"]),
        (422, &json!("party_size"))
    );
    let (status, body) = staff.put(&path, json!({"party_size": 40})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "tables");
    // Moved to a four-seat table for four: the guest is told.
    let (status, moved) = staff
        .put(&path, json!({"party_size": 4, "tables": [four_id]}))
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(
        (&moved["party_size"], &moved["table_ids"]),
        (&json!(4), &json!([four_id]))
    );
    assert_eq!(app.count(outbox).await, mails + 1);

    // Internal notes: empty refused; a note signed by its author, never
    // shown to the guest.
    let notes = format!("{path}/notes");
    let (status, body) = staff.post(&notes, json!({"text": "  "})).await;
    assert_eq!((status, &body["error"]["field"]), (422, &json!("text")));
    let (status, note) = staff
        .post(&notes, json!({"text": "Regular: likes the window table"}))
        .await;
    assert_eq!(status, 201, "{note}");
    assert_eq!(note["by"], json!(staff_name));
    assert_eq!(
        staff
            .post("/api/admin/reservations/999999/notes", json!({"text": "x"}))
            .await
            .0,
        404
    );
    let (_, guest_view) = app
        .client()
        .get(&format!("/api/reservations/manage/{token}"))
        .await;
    assert!(
        !guest_view.to_string().contains("window table"),
        "{guest_view}"
    );

    // The confirmation again: a new manage link reaches the guest (after
    // the booking's own and the change's).
    let (status, _) = staff.post(&format!("{path}/resend"), json!({})).await;
    assert_eq!(status, 202);
    let links = link_tokens_from_mail(&app.mail_dir, "grace@example.com", "/manage/", 3).await;
    assert_eq!(links.len(), 3, "{links:?}");

    // The history tells who changed what, from → to.
    let (_, details) = staff.get(&path).await;
    assert_eq!(
        actions(&details),
        ["created", "modified", "confirmation_resent"]
    );
    let modified = &details["history"][1];
    assert_eq!(modified["by"], json!(staff_name));
    let changes = modified["changes"].as_array().unwrap();
    assert!(
        changes.contains(&json!({"field": "party_size", "from": "2", "to": "4"})),
        "{changes:?}"
    );
    let tables = changes.iter().find(|c| c["field"] == "tables").unwrap();
    assert_eq!(tables["to"], four_name);
    assert_eq!(
        details["notes"][0]["text"],
        "Regular: likes the window table"
    );

    // Cancelled with a reason (in the history) and words to the guest (in
    // the e-mail); without a reason, nothing happens.
    let (status, body) = staff.delete_json(&path, json!({"reason": ""})).await;
    assert_eq!((status, &body["error"]["field"]), (422, &json!("reason")));
    let (status, cancelled) = staff
        .delete_json(
            &path,
            json!({"reason": "Guest phoned: ill", "message": "Get well soon!"}),
        )
        .await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    let (_, details) = staff.get(&path).await;
    let last = details["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["action"], "cancelled");
    assert_eq!(last["reason"], "Guest phoned: ill");
    assert_eq!(
        last["changes"],
        json!([{"field": "status", "from": "confirmed", "to": "cancelled"}])
    );
    assert_eq!(details["can_resend"], false);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE payload LIKE '%Get well soon!%'")
            .await,
        1
    );
    // Not twice, and no confirmation of a cancelled booking.
    let (status, body) = staff.delete_json(&path, json!({"reason": "again"})).await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (409, &json!("status_refused"))
    );
    assert_eq!(
        staff.post(&format!("{path}/resend"), json!({})).await.0,
        409
    );
    app.stop().await;
}
