//! `GET /api/admin/day` and `POST /api/admin/reservations/{id}/status`.

use crate::helpers::{dates, reference, Booking, Client, Db, Role, TestApp};
use backend::store::ImportedReservation;
use chrono::{DateTime, TimeDelta, Utc, Weekday};
use domain::ReservationStatus;
use serde_json::{json, Value};

on_both_backends!(
    the_day_lists_bookings_with_stage_flags_and_covers,
    the_service_moves_forward_and_refuses_the_rest,
    a_no_show_taken_back_needs_its_table_free,
    staff_write_the_days_shift_note,
);

/// A booking written as it is (no rules), on `table`, from `start`.
pub fn imported(
    reference: &str,
    start: DateTime<Utc>,
    table: i64,
    party: u32,
    status: ReservationStatus,
    notes: &str,
) -> ImportedReservation {
    ImportedReservation {
        reference: reference.to_owned(),
        status,
        starts_at: start,
        ends_at: start + TimeDelta::minutes(90),
        party_size: party,
        guest_name: format!("Guest {reference}"),
        guest_email: format!("{}@example.com", reference.to_lowercase()),
        guest_phone: "+33 6 00 00 00 00".into(),
        notes: notes.to_owned(),
        locale: "en".into(),
        created_at: start - TimeDelta::days(2),
        table_ids: vec![table],
    }
}

/// The ids of a day's tables, in its order.
pub fn table_ids(day: &Value) -> Vec<i64> {
    day["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

/// `GET /api/admin/day?date=...`.
pub async fn day(staff: &mut Client, date: chrono::NaiveDate) -> (u16, Value) {
    staff.get(&format!("/api/admin/day?date={date}")).await
}

/// The bookings of a day's answer, by reference.
pub fn by_reference<'a>(day: &'a Value, reference: &str) -> Option<&'a Value> {
    day["reservations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reference"] == reference)
}

async fn the_day_lists_bookings_with_stage_flags_and_covers(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let (status, today) = staff.get("/api/admin/day").await;
    assert_eq!(status, 200, "{today}");
    let tables = table_ids(&today);
    assert!(tables.len() >= 5);
    assert!(today["tables"][0]["name"]
        .as_str()
        .is_some_and(|n| !n.is_empty()));
    assert!(today["tables"][0]["area"]
        .as_str()
        .is_some_and(|a| !a.is_empty()));

    // Around now: late, arriving soon, later, seated and cancelled.
    let now = backend::now();
    let rows = [
        imported(
            "LATE01",
            now - TimeDelta::minutes(20),
            tables[0],
            2,
            ReservationStatus::Confirmed,
            "",
        ),
        imported(
            "SOON01",
            now + TimeDelta::minutes(30),
            tables[1],
            6,
            ReservationStatus::Confirmed,
            "Allergie aux noix, anniversaire",
        ),
        imported(
            "LATER1",
            now + TimeDelta::minutes(150),
            tables[2],
            2,
            ReservationStatus::Confirmed,
            "",
        ),
        imported(
            "SEAT01",
            now - TimeDelta::minutes(10),
            tables[3],
            3,
            ReservationStatus::Seated,
            "",
        ),
        imported(
            "GONE01",
            now + TimeDelta::minutes(40),
            tables[4],
            4,
            ReservationStatus::Cancelled,
            "",
        ),
    ];
    let restaurant = app.restaurant_id().await;
    app.store
        .import_reservations(restaurant, &rows)
        .await
        .unwrap();
    // Near midnight they may fall on two local days: look at both.
    let mut days = Vec::new();
    for r in &rows {
        let (_, view) = staff
            .get(&format!(
                "/api/admin/day?date={}",
                local_date(&app, r.starts_at).await
            ))
            .await;
        days.push(view);
    }
    let find = |reference: &str| {
        days.iter()
            .find_map(|d| by_reference(d, reference))
            .unwrap_or_else(|| panic!("{reference} missing"))
            .clone()
    };
    let late = find("LATE01");
    assert_eq!(late["stage"], "late");
    assert_eq!(late["status"], "confirmed");
    assert_eq!(late["source"], "online");
    assert_eq!(
        late["next"],
        json!(["arrived", "seated", "no_show", "cancelled"])
    );
    assert_eq!(late["duration_minutes"], 90);
    assert_eq!(find("SOON01")["stage"], "arriving_soon");
    assert_eq!(
        find("SOON01")["flags"],
        json!(["large_party", "allergy", "occasion", "notes"])
    );
    assert_eq!(find("LATER1")["stage"], "later");
    assert_eq!(find("LATER1")["flags"], json!([]));
    assert_eq!(find("SEAT01")["stage"], "seated");
    assert_eq!(find("GONE01")["stage"], "cancelled");
    assert_eq!(find("GONE01")["next"], json!([]));
    let names = find("LATE01")["table_names"].clone();
    assert_eq!(names, json!([today["tables"][0]["name"]]));

    // A future day: covers per period and per slot, cancelled ones left out.
    let thursday = dates::next(&app, Weekday::Thu).await;
    let mut diner = app.client();
    let a = reference(&diner.book(&Booking::at(thursday, "19:00")).await);
    diner
        .book(
            &Booking::at(thursday, "19:00")
                .party(4)
                .email("b@example.com"),
        )
        .await;
    diner
        .book(
            &Booking::at(thursday, "20:00")
                .party(3)
                .email("c@example.com"),
        )
        .await;
    let (_, before) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    let dinner = dinner(&before);
    assert_eq!(dinner["covers"], 9);
    assert_eq!(dinner["bookings"], 3);
    assert!(dinner["capacity"].as_u64().unwrap() >= 9);
    assert_eq!(slot(dinner, "19:00")["covers"], 6);
    assert_eq!(slot(dinner, "20:00")["covers"], 3);
    assert_eq!(before["is_today"], false);
    assert_eq!(before["closed"], false);
    let id = by_reference(&before, &a).unwrap()["id"].as_i64().unwrap();
    let (status, _) = staff
        .post(
            &format!("/api/admin/reservations/{id}/status"),
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, 200);
    let (_, after) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    assert_eq!(dinner_of(&after)["covers"], 7);
    assert_eq!(slot(dinner_of(&after), "19:00")["covers"], 4);
    // The day's list is ordered by start time.
    let times: Vec<&str> = after["reservations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["time"].as_str().unwrap())
        .collect();
    let mut sorted = times.clone();
    sorted.sort();
    assert_eq!(times, sorted);

    let (status, body) = staff.get("/api/admin/day?date=2026-02-30").await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (422, Some("date"))
    );
    app.stop().await;
}

async fn set(staff: &mut Client, path: &str, status: &str) -> (u16, Value) {
    staff.post(path, json!({ "status": status })).await
}

fn dinner(day: &Value) -> &Value {
    dinner_of(day)
}

fn dinner_of(day: &Value) -> &Value {
    day["periods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "dinner")
        .expect("a dinner service")
}

fn slot<'a>(period: &'a Value, time: &str) -> &'a Value {
    period["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["time"] == time)
        .unwrap_or_else(|| panic!("slot {time}"))
}

/// The restaurant's time zone.
pub async fn restaurant_tz(app: &TestApp) -> chrono_tz::Tz {
    app.store
        .primary_restaurant()
        .await
        .unwrap()
        .time_zone
        .parse()
        .unwrap()
}

/// The restaurant's calendar date of an instant.
pub async fn local_date(app: &TestApp, at: DateTime<Utc>) -> String {
    let tz = restaurant_tz(app).await;
    at.with_timezone(&tz).format("%Y-%m-%d").to_string()
}

async fn the_service_moves_forward_and_refuses_the_rest(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let created = app.client().book(&Booking::at(thursday, "19:30")).await;
    let (_, day) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    let id = by_reference(&day, &reference(&created)).unwrap()["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/admin/reservations/{id}/status");

    let (status, arrived) = set(&mut staff, &path, "arrived").await;
    assert_eq!(status, 200, "{arrived}");
    assert_eq!(arrived["status"], "arrived");
    assert_eq!(arrived["stage"], "waiting");
    let (_, seated) = set(&mut staff, &path, "seated").await;
    assert_eq!(seated["status"], "seated");
    assert_eq!(seated["seated_minutes"], 0);
    assert_eq!(seated["next"], json!(["arrived", "completed"]));
    let (_, done) = set(&mut staff, &path, "completed").await;
    assert_eq!(done["status"], "completed");
    assert_eq!(done["next"], json!([]));

    // Completed is final: a clear, translated refusal, nothing changed.
    let events = "SELECT COUNT(*) FROM reservation_events";
    let before = app.count(events).await;
    for to in ["seated", "cancelled", "no_show", "confirmed"] {
        let (status, body) = set(&mut staff, &path, to).await;
        assert_eq!(status, 409, "completed → {to}");
        assert_eq!(body["error"]["code"], "status_refused");
    }
    staff.lang = "fr";
    let (_, body) = set(&mut staff, &path, "seated").await;
    staff.lang = "en";
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("statut"));
    assert_eq!(app.count(events).await, before);
    let (_, day) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    assert_eq!(
        by_reference(&day, &reference(&created)).unwrap()["status"],
        "completed"
    );

    // Every change is in the history with the staff member.
    let by_staff = format!(
        "SELECT COUNT(*) FROM reservation_events WHERE reservation_id = {id} \
         AND actor = 'staff' AND user_id IS NOT NULL"
    );
    assert_eq!(app.count(&by_staff).await, 3);

    // Bad input.
    let (status, body) = set(&mut staff, &path, "eaten").await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (422, Some("status"))
    );
    let (status, _) = staff
        .post(
            "/api/admin/reservations/abc/status",
            json!({"status": "seated"}),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = staff
        .post(
            "/api/admin/reservations/999999999/status",
            json!({"status": "seated"}),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = staff.post(&path, json!({"status": "seated", "x": 1})).await;
    assert_eq!(status, 422);
    app.stop().await;
}

async fn a_no_show_taken_back_needs_its_table_free(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let created = app.client().book(&Booking::at(thursday, "19:00")).await;
    let (_, day) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    let booking = by_reference(&day, &reference(&created)).unwrap().clone();
    let id = booking["id"].as_i64().unwrap();
    let table = booking["table_ids"][0].as_i64().unwrap();
    let path = format!("/api/admin/reservations/{id}/status");

    // A mistaken no-show is taken back while the table is free.
    assert_eq!(staff.post(&path, json!({"status": "no_show"})).await.0, 200);
    let (status, back) = staff.post(&path, json!({"status": "confirmed"})).await;
    assert_eq!((status, &back["status"]), (200, &json!("confirmed")));

    // Once the table has been given to someone else, the database refuses.
    assert_eq!(staff.post(&path, json!({"status": "no_show"})).await.0, 200);
    let start: DateTime<Utc> = DateTime::parse_from_rfc3339(booking["start"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc);
    let restaurant = app.restaurant_id().await;
    app.store
        .import_reservations(
            restaurant,
            &[imported(
                "WALKIN",
                start,
                table,
                2,
                ReservationStatus::Seated,
                "",
            )],
        )
        .await
        .unwrap();
    let (status, body) = staff.post(&path, json!({"status": "confirmed"})).await;
    assert_eq!((status, &body["error"]["code"]), (409, &json!("conflict")));
    let (_, day) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    assert_eq!(
        by_reference(&day, &reference(&created)).unwrap()["status"],
        "no_show"
    );
    app.stop().await;
}

/// The day's shift note: written by staff, shown with the day (who, when),
/// replaced by the next writer, removed when emptied; bad input changes
/// nothing; diners cannot write it.
async fn staff_write_the_days_shift_note(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let date = dates::next(&app, Weekday::Wed).await;
    let (status, note) = staff
        .put(
            "/api/admin/day/note",
            json!({"date": date.to_string(), "text": "  Paul is off.\r\nNo turbot tonight.  "}),
        )
        .await;
    assert_eq!(status, 200, "{note}");
    assert_eq!(note["text"], "Paul is off.\nNo turbot tonight.");
    assert!(note["updated_by"].as_str().is_some_and(|n| !n.is_empty()));
    let (_, day_view) = day(&mut staff, date).await;
    assert_eq!(day_view["note"]["text"], note["text"]);
    // Another day has none.
    let (_, other) = day(&mut staff, date.succ_opt().unwrap()).await;
    assert!(other["note"].is_null());

    // The next writer wins; bad input changes nothing.
    let mut admin = app.signed_in(Role::Admin).await;
    let (status, _) = admin
        .put(
            "/api/admin/day/note",
            json!({"date": date.to_string(), "text": "Private party at nine."}),
        )
        .await;
    assert_eq!(status, 200);
    for (body, field) in [
        (
            json!({"date": date.to_string(), "text": "x".repeat(2001)}),
            "note",
        ),
        (
            json!({"date": date.to_string(), "text": "a\u{202e}b"}),
            "note",
        ),
        (json!({"date": "2026-02-30", "text": "hello"}), "date"),
        (json!({"date": date.to_string()}), "text"),
    ] {
        let (status, answer) = staff.put("/api/admin/day/note", body.clone()).await;
        assert_eq!(
            (status, &answer["error"]["field"]),
            (422, &json!(field)),
            "{body}"
        );
    }
    let (_, day_view) = day(&mut staff, date).await;
    assert_eq!(day_view["note"]["text"], "Private party at nine.");

    // Diners cannot write it; an empty text removes it.
    let mut diner = app.signed_in(Role::Diner).await;
    let (status, _) = diner
        .put(
            "/api/admin/day/note",
            json!({"date": date.to_string(), "text": "hi"}),
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = staff
        .put(
            "/api/admin/day/note",
            json!({"date": date.to_string(), "text": "  "}),
        )
        .await;
    assert_eq!(status, 204);
    let (_, day_view) = day(&mut staff, date).await;
    assert!(day_view["note"].is_null());
    app.stop().await;
}
