//! `POST /api/admin/reservations`: bookings staff take on the phone (the
//! online rules unless overridden) and walk-ins seated now; the database's
//! no-overlap guarantee holds for them as for everyone.

use super::moves::table;
use super::today::day;
use crate::helpers::{dates, Db, Role, TestApp};
use chrono::Weekday;
use serde_json::{json, Value};

on_both_backends!(
    staff_take_phone_bookings_within_or_beyond_the_rules,
    walk_ins_sit_down_now_on_a_free_table,
    two_staff_bookings_for_one_table_at_once_give_one,
);

fn codes(body: &Value) -> Vec<(String, String)> {
    body["error"]["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .map(|f| {
                    (
                        f["field"].as_str().unwrap().to_owned(),
                        f["reason"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn staff_take_phone_bookings_within_or_beyond_the_rules(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let outbox = "SELECT COUNT(*) FROM outbox";
    let reservations = "SELECT COUNT(*) FROM reservations";
    let thursday = dates::next(&app, Weekday::Thu).await;

    // What is missing is named, field by field; nothing is written.
    let (status, body) = staff
        .post(
            "/api/admin/reservations",
            json!({"source": "phone", "party_size": 2}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let required = |f: &str| (f.to_owned(), "required".to_owned());
    assert_eq!(
        codes(&body),
        [
            required("date"),
            required("time"),
            required("name"),
            required("phone")
        ]
    );
    let (status, body) = staff
        .post(
            "/api/admin/reservations",
            json!({"source": "online", "party_size": 600, "email": "x"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let fields: Vec<String> = codes(&body).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["source", "party_size", "email"]);
    assert_eq!(app.count(reservations).await, 0);

    // Within the rules: confirmed at once, the guest e-mailed, the history
    // names the staff member.
    let mails = app.count(outbox).await;
    let (status, taken) = staff
        .post(
            "/api/admin/reservations",
            json!({
                "source": "phone", "date": thursday.to_string(), "time": "19:30",
                "party_size": 3, "name": "Grace Hopper", "phone": "+33 6 11 22 33 44",
                "email": "grace@example.com", "locale": "en"
            }),
        )
        .await;
    assert_eq!(status, 201, "{taken}");
    assert_eq!(
        (&taken["source"], &taken["status"], &taken["time"]),
        (&json!("phone"), &json!("confirmed"), &json!("19:30"))
    );
    assert_eq!(app.count(outbox).await, mails + 1);
    let staff_created = format!(
        "SELECT COUNT(*) FROM reservation_events WHERE reservation_id = {} \
         AND action = 'created' AND actor = 'staff' AND user_id IS NOT NULL",
        taken["id"]
    );
    assert_eq!(app.count(&staff_created).await, 1);

    // On a closed day the online rules refuse, with the reason; staff
    // may go beyond them when they say so.
    let monday = dates::next(&app, Weekday::Mon).await;
    let closed = json!({
        "source": "phone", "date": monday.to_string(), "time": "20:00",
        "party_size": 12, "name": "Private party", "phone": "+33 6 55 44 33 22"
    });
    let (status, body) = staff.post("/api/admin/reservations", closed.clone()).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "slot_unavailable");
    assert_eq!(body["error"]["reason"], "closed");
    let mut beyond = closed.clone();
    beyond["override"] = json!(true);
    let (status, taken) = staff.post("/api/admin/reservations", beyond).await;
    assert_eq!(status, 201, "{taken}");
    assert_eq!(taken["party_size"], 12);
    assert!(taken["table_ids"].as_array().unwrap().len() >= 2, "{taken}");
    // No address: no e-mail.
    assert_eq!(app.count(outbox).await, mails + 1);

    // A chosen table must seat the party, even with the override.
    let (_, d) = day(&mut staff, thursday).await;
    let two_seats = table(&d, "T2");
    let (status, body) = staff
        .post(
            "/api/admin/reservations",
            json!({
                "source": "phone", "date": thursday.to_string(), "time": "12:30",
                "party_size": 6, "name": "Too many", "phone": "+33 6 11 22 33 55",
                "tables": [two_seats], "override": true
            }),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        codes(&body),
        [("tables".to_owned(), "too_small".to_owned())]
    );

    // Diners cannot.
    let mut diner = app.signed_in(Role::Diner).await;
    let walk_in = json!({"source": "walk_in", "party_size": 2});
    assert_eq!(diner.post("/api/admin/reservations", walk_in).await.0, 403);
    app.stop().await;
}

async fn walk_ins_sit_down_now_on_a_free_table(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let (_, today) = staff.get("/api/admin/day").await;
    let t8 = table(&today, "T8");
    let mails = app.count("SELECT COUNT(*) FROM outbox").await;
    let (status, seated) = staff
        .post(
            "/api/admin/reservations",
            json!({"source": "walk_in", "party_size": 2, "tables": [t8]}),
        )
        .await;
    assert_eq!(status, 201, "{seated}");
    assert_eq!(
        (
            &seated["status"],
            &seated["source"],
            &seated["seated_minutes"]
        ),
        (&json!("seated"), &json!("walk_in"), &json!(0))
    );
    assert_eq!(seated["table_ids"], json!([t8]));
    assert_eq!(seated["name"], "");
    // They are here: nobody to e-mail.
    assert_eq!(app.count("SELECT COUNT(*) FROM outbox").await, mails);
    // The same table now: taken.
    let (status, body) = staff
        .post(
            "/api/admin/reservations",
            json!({"source": "walk_in", "party_size": 2, "tables": [t8], "name": "Alan"}),
        )
        .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (409, &json!("table_taken"))
    );
    // Without a table: the best free one, never T8.
    let (status, other) = staff
        .post(
            "/api/admin/reservations",
            json!({"source": "walk_in", "party_size": 2, "name": "Alan"}),
        )
        .await;
    assert_eq!(status, 201, "{other}");
    assert_ne!(other["table_ids"], json!([t8]));
    let seated_now = "SELECT COUNT(*) FROM reservations WHERE status = 'seated' \
                      AND seated_at IS NOT NULL AND source = 'walk_in'";
    assert_eq!(app.count(seated_now).await, 2);
    app.stop().await;
}

async fn two_staff_bookings_for_one_table_at_once_give_one(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let mut other = app.signed_in(Role::Staff).await;
    let friday = dates::next(&app, Weekday::Fri).await;
    let (_, d) = day(&mut staff, friday).await;
    let t5 = table(&d, "T5");
    let body = |name: &str| {
        json!({
            "source": "phone", "date": friday.to_string(), "time": "20:00",
            "party_size": 2, "name": name, "phone": "+33 6 10 20 30 40",
            "tables": [t5], "override": true
        })
    };
    let (a, b) = tokio::join!(
        staff.post("/api/admin/reservations", body("First")),
        other.post("/api/admin/reservations", body("Second")),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409], "{a:?} {b:?}");
    let holds = format!("SELECT COUNT(*) FROM reservation_tables WHERE table_id = {t5} AND active");
    assert_eq!(app.count(&holds).await, 1);
    app.stop().await;
}
