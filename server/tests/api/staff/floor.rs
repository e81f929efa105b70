//! `GET /api/admin/floor` and the live floor's server functions: what each
//! table is doing now, a walk-in seated at a free table, the guests due
//! seated, and the table freed when they leave.

use super::today::{imported, restaurant_tz, table_ids};
use crate::helpers::{Client, Db, Role, TestApp};
use chrono::{DateTime, TimeDelta, Utc};
use domain::ReservationStatus;
use serde_json::{json, Value};
use std::collections::HashMap;

on_both_backends!(
    the_live_floor_says_what_each_table_does_now,
    staff_seat_and_free_tables_from_the_floor,
);

/// The floor's tables by id.
async fn floor(staff: &mut Client) -> HashMap<i64, Value> {
    let (status, floor) = staff.get("/api/admin/floor").await;
    assert_eq!(status, 200, "{floor}");
    floor["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["tables"].as_array().unwrap().clone())
        .map(|t| (t["table"]["id"].as_i64().unwrap(), t))
        .collect()
}

fn state(floor: &HashMap<i64, Value>, table: i64) -> (&str, Option<&str>) {
    let t = &floor[&table];
    (
        t["now"].as_str().unwrap(),
        t["booking"]["reference"].as_str(),
    )
}

async fn local(app: &TestApp, at: DateTime<Utc>, format: &str) -> String {
    at.with_timezone(&restaurant_tz(app).await)
        .format(format)
        .to_string()
}

async fn the_live_floor_says_what_each_table_does_now(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let (_, today) = staff.get("/api/admin/day").await;
    let t = table_ids(&today);
    let now = backend::now();
    let at = |minutes: i64| now + TimeDelta::minutes(minutes);
    use ReservationStatus as S;
    let rows = [
        imported("LATE01", at(-20), t[0], 2, S::Confirmed, ""),
        imported("SOON01", at(20), t[1], 4, S::Confirmed, "Allergie aux noix"),
        imported("NEXT01", at(45), t[2], 2, S::Confirmed, ""),
        imported("SEAT01", at(-10), t[3], 3, S::Seated, ""),
        imported("GONE01", at(10), t[4], 2, S::Cancelled, ""),
        imported("DONE01", at(-60), t[6], 2, S::Completed, ""),
    ];
    let restaurant = app.restaurant_id().await;
    app.store
        .import_reservations(restaurant, &rows)
        .await
        .unwrap();
    let (status, block) = staff
        .post(
            "/api/admin/blocks",
            json!({"tables": [t[5]], "start": local(&app, at(-30), "%Y-%m-%dT%H:%M").await,
                "end": local(&app, at(90), "%Y-%m-%dT%H:%M").await, "reason": "Repair"}),
        )
        .await;
    assert_eq!(status, 201, "{block}");

    let floor = floor(&mut staff).await;
    // Every active table is on it, once.
    assert_eq!(floor.len(), t.len());
    assert_eq!(state(&floor, t[0]), ("late", Some("LATE01")));
    assert_eq!(state(&floor, t[1]), ("soon", Some("SOON01")));
    assert_eq!(
        floor[&t[1]]["booking"]["flags"],
        json!(["allergy", "notes"])
    );
    assert_eq!(state(&floor, t[3]), ("seated", Some("SEAT01")));
    assert_eq!(floor[&t[3]]["booking"]["duration_minutes"], 90);
    // A booking 45 minutes away leaves the table free, and says when.
    assert_eq!(state(&floor, t[2]), ("free", None));
    let next_today = local(&app, at(45), "%F").await == local(&app, now, "%F").await;
    if next_today {
        assert_eq!(floor[&t[2]]["next_at"], local(&app, at(45), "%H:%M").await);
    }
    // Cancelled and finished bookings hold nothing.
    assert_eq!(state(&floor, t[4]), ("free", None));
    assert_eq!(state(&floor, t[6]), ("free", None));
    assert_eq!(state(&floor, t[5]), ("blocked", None));
    assert_eq!(floor[&t[5]]["block"]["reason"], "Repair");
    // The plan's place and shape come with each table.
    assert!(floor[&t[0]]["table"]["width"].as_u64().unwrap() >= 1);
    app.stop().await;
}

async fn staff_seat_and_free_tables_from_the_floor(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let (_, today) = staff.get("/api/admin/day").await;
    let t = table_ids(&today);
    let table = t[7].to_string();
    let reservations = "SELECT COUNT(*) FROM reservations";
    let before = app.count(reservations).await;

    // A party size that is not one: named, and nothing written.
    let (status, body) = staff
        .server_fn(
            "admin_floor_walk_in",
            &[("table", &table), ("party_size", "two")],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["fields"][0]["field"], "party_size", "{body}");
    assert_eq!(body["fields"].as_array().map(Vec::len), Some(1));
    assert_eq!(app.count(reservations).await, before);

    // A walk-in sits down at a free table.
    let (status, seated) = staff
        .server_fn(
            "admin_floor_walk_in",
            &[("table", &table), ("party_size", "3"), ("name", "Ada")],
        )
        .await;
    assert_eq!(status, 200, "{seated}");
    assert_eq!(seated["status"], "seated");
    let floor_now = floor(&mut staff).await;
    assert_eq!(floor_now[&t[7]]["now"], "seated");
    assert_eq!(floor_now[&t[7]]["booking"]["name"], "Ada");
    assert_eq!(floor_now[&t[7]]["booking"]["party_size"], 3);
    // The same table again: taken, and nothing written.
    let (status, body) = staff
        .server_fn(
            "admin_floor_walk_in",
            &[("table", &table), ("party_size", "2")],
        )
        .await;
    assert_eq!(
        (status, &body["code"]),
        (409, &json!("table_taken")),
        "{body}"
    );
    assert_eq!(app.count(reservations).await, before + 1);

    // The floor moves a booking on only as far as seating and freeing.
    let id = seated["id"].as_i64().unwrap().to_string();
    let (status, body) = staff
        .server_fn(
            "admin_floor_status",
            &[("id", &id), ("status", "cancelled")],
        )
        .await;
    assert_eq!(
        (status, &body["code"]),
        (422, &json!("invalid_input")),
        "{body}"
    );
    assert_eq!(floor(&mut staff).await[&t[7]]["now"], "seated");
    // They leave: the table is free again.
    let (status, done) = staff
        .server_fn(
            "admin_floor_status",
            &[("id", &id), ("status", "completed"), ("table", &table)],
        )
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["status"], "completed");
    assert_eq!(floor(&mut staff).await[&t[7]]["now"], "free");

    // Guests due soon are seated from the floor.
    let now = backend::now();
    let restaurant = app.restaurant_id().await;
    let due = imported(
        "DUE001",
        now + TimeDelta::minutes(10),
        t[8],
        2,
        ReservationStatus::Confirmed,
        "",
    );
    app.store
        .import_reservations(restaurant, &[due])
        .await
        .unwrap();
    let floor_now = floor(&mut staff).await;
    assert_eq!(state(&floor_now, t[8]), ("soon", Some("DUE001")));
    let due_id = floor_now[&t[8]]["booking"]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let (status, body) = staff
        .server_fn(
            "admin_floor_status",
            &[("id", &due_id), ("status", "seated")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        state(&floor(&mut staff).await, t[8]),
        ("seated", Some("DUE001"))
    );
    app.stop().await;
}
