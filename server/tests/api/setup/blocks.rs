//! `/api/admin/blocks`: staff keep tables (or an area) from bookings over
//! a span. Availability, staff moves and the database itself respect a
//! block at once; a block over a booking is refused and writes nothing;
//! removing it offers the tables again.

use crate::helpers::{dates, error_fields, Booking, Client, Db, Role, TestApp};
use chrono::Weekday;
use serde_json::{json, Value};

on_both_backends!(blocked_tables_are_offered_to_nobody,);

async fn free_at(app: &TestApp, date: &str, time: &str) -> bool {
    let (status, slots) = app
        .get_json(&format!("/api/availability?date={date}&party_size=2"))
        .await;
    assert_eq!(status, 200, "{slots}");
    slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["time"] == time && s["available"] == true)
}

async fn blocks_of(staff: &mut Client, date: &str) -> Vec<Value> {
    let (status, blocks) = staff
        .get(&format!("/api/admin/blocks?from={date}&to={date}"))
        .await;
    assert_eq!(status, 200, "{blocks}");
    blocks.as_array().unwrap().clone()
}

async fn blocked_tables_are_offered_to_nobody(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;

    // A room of two tables for two, in their own area.
    let (status, area) = admin
        .post("/api/admin/areas", json!({"name": "Salon"}))
        .await;
    assert_eq!(status, 201, "{area}");
    let area = area["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for (name, x) in [("Salon 1", 0), ("Salon 2", 4)] {
        let (status, t) = admin
            .post(
                "/api/admin/tables",
                json!({"name": name, "area_id": area, "min_seats": 1, "max_seats": 2,
                    "shape": "square", "x": x, "y": 0, "width": 2, "height": 2, "rotation": 0}),
            )
            .await;
        assert_eq!(status, 201, "{t}");
        ids.push(t["id"].as_i64().unwrap());
    }
    let (s1, s2) = (ids[0], ids[1]);
    let (_, demo) = admin.get("/api/admin/tables").await;
    for t in demo.as_array().unwrap() {
        if ids.contains(&t["id"].as_i64().unwrap()) {
            continue;
        }
        let mut body = t.clone();
        body.as_object_mut().unwrap().remove("id");
        body["active"] = json!(false);
        let (status, out) = admin
            .put(&format!("/api/admin/tables/{}", t["id"]), body)
            .await;
        assert_eq!(status, 200, "{out}");
    }
    let thursday = dates::next(&app, Weekday::Thu).await.to_string();
    assert!(free_at(&app, &thursday, "19:30").await);

    // Bad input is refused field by field and writes nothing.
    let (status, body) = staff
        .post(
            "/api/admin/blocks",
            json!({"tables": [], "start": format!("{thursday}T19:00"),
                "end": format!("{thursday}T18:00"), "reason": " "}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_fields(&body), ["tables", "end", "reason"]);
    let (status, body) = staff
        .post(
            "/api/admin/blocks",
            json!({"tables": [s1, 999_999_999], "start": format!("{thursday}T19:00"),
                "end": format!("{thursday}T23:00"), "reason": "Party"}),
        )
        .await;
    assert_eq!(
        (
            status,
            &body["error"]["fields"][0]["field"],
            &body["error"]["fields"][0]["reason"]
        ),
        (422, &json!("tables"), &json!("unknown"))
    );
    let (status, body) = staff
        .post(
            "/api/admin/blocks",
            json!({"tables": [s1], "start": "2020-01-01T19:00", "end": "2020-01-01T23:00",
                "reason": "Party"}),
        )
        .await;
    assert_eq!(
        (status, &body["error"]["fields"][0]["reason"]),
        (422, &json!("past"))
    );
    assert!(blocks_of(&mut staff, &thursday).await.is_empty());

    // S1 blocked for the evening: S2 is still offered, and given.
    let (status, block) = staff
        .post(
            "/api/admin/blocks",
            json!({"tables": [s1], "start": format!("{thursday}T19:00"),
                "end": format!("{thursday}T23:00"), "reason": " Private party "}),
        )
        .await;
    assert_eq!(status, 201, "{block}");
    assert_eq!(
        (
            &block["tables"],
            &block["reason"],
            &block["start"],
            &block["end"]
        ),
        (
            &json!([s1]),
            &json!("Private party"),
            &json!(format!("{thursday}T19:00")),
            &json!(format!("{thursday}T23:00"))
        )
    );
    assert!(block["created_by"].is_string(), "{block}");
    let listed = blocks_of(&mut staff, &thursday).await;
    assert_eq!(listed, std::slice::from_ref(&block));
    assert!(free_at(&app, &thursday, "19:30").await);
    let booked = app
        .book(&Booking::at(thursday.parse().unwrap(), "19:30"))
        .await;
    assert!(
        !free_at(&app, &thursday, "19:30").await,
        "S1 blocked, S2 taken"
    );
    // Before the block, S1 is offered as before.
    assert!(free_at(&app, &thursday, "12:00").await);
    let (_, day) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    let reservation = day["reservations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reference"] == booked["reference"])
        .cloned()
        .expect("the booking on the day");
    assert_eq!(reservation["table_ids"], json!([s2]), "{reservation}");
    let id = reservation["id"].as_i64().unwrap();
    // The host's day shows the block on S1's row.
    assert_eq!(
        day["blocks"],
        json!([{"id": block["id"], "tables": [s1], "start": "19:00", "end": "23:00",
            "reason": "Private party"}])
    );

    // Staff cannot move the booking onto the blocked table.
    let (status, body) = staff
        .put(
            &format!("/api/admin/reservations/{id}"),
            json!({"tables": [s1]}),
        )
        .await;
    assert_eq!(
        (status, &body["error"]["code"]),
        (409, &json!("table_taken")),
        "{body}"
    );

    // Blocking the whole area now would cover the booking: refused,
    // nothing written.
    let (status, body) = staff
        .post(
            "/api/admin/blocks",
            json!({"area_id": area, "start": format!("{thursday}T18:00"),
                "end": format!("{thursday}T20:00"), "reason": "Rain"}),
        )
        .await;
    assert_eq!(
        (status, &body["error"]["code"], &body["error"]["reason"]),
        (409, &json!("in_use"), &json!("tables_booked")),
        "{body}"
    );
    assert_eq!(blocks_of(&mut staff, &thursday).await.len(), 1);

    // The database refuses either overlap whoever writes it.
    let restaurant = app.restaurant_id().await;
    app.execute(&format!(
        "INSERT INTO table_blocks (restaurant_id, starts_at, ends_at, reason, created_at) \
         SELECT restaurant_id, starts_at, ends_at, 'raw', created_at FROM reservations WHERE id = {id}"
    ))
    .await;
    let raw_block = format!(
        "INSERT INTO block_tables (block_id, table_id) \
         SELECT MAX(id), {s2} FROM table_blocks WHERE restaurant_id = {restaurant}"
    );
    assert!(
        app.try_execute(&raw_block).await.is_err(),
        "block over a booking"
    );
    let raw_hold =
        format!("UPDATE reservation_tables SET table_id = {s1} WHERE reservation_id = {id}");
    assert!(
        app.try_execute(&raw_hold).await.is_err(),
        "booking over a block"
    );
    app.execute("DELETE FROM table_blocks WHERE reason = 'raw'")
        .await;

    // Diners cannot touch blocks.
    let mut diner = app.signed_in(Role::Diner).await;
    assert_eq!(
        diner
            .get(&format!("/api/admin/blocks?from={thursday}&to={thursday}"))
            .await
            .0,
        403
    );

    // Removed, S1 is offered again at once.
    let path = format!("/api/admin/blocks/{}", block["id"]);
    assert_eq!(staff.delete(&path).await.0, 204);
    assert!(free_at(&app, &thursday, "19:30").await);
    assert_eq!(staff.delete(&path).await.0, 404);
    let (status, body) = staff.get("/api/admin/blocks?from=2026-13-01&to=x").await;
    assert_eq!(
        (status, error_fields(&body)),
        (422, vec!["from".to_owned(), "to".to_owned()])
    );

    // A whole area blocked when it holds nothing: every table of it.
    let (status, all) = staff
        .post(
            "/api/admin/blocks",
            json!({"area_id": area, "start": format!("{thursday}T11:00"),
                "end": format!("{thursday}T15:00"), "reason": "Repair"}),
        )
        .await;
    assert_eq!(status, 201, "{all}");
    assert_eq!(all["tables"], json!([s1, s2]));
    assert!(!free_at(&app, &thursday, "12:00").await);

    // Over a night and a day: listed on each day it covers, clipped to the
    // host's day, and not on the day it ends at its first minute.
    let thu: chrono::NaiveDate = thursday.parse().unwrap();
    let (fri, sat) = (thu.succ_opt().unwrap(), thu + chrono::TimeDelta::days(2));
    let (status, long) = staff
        .post(
            "/api/admin/blocks",
            json!({"tables": [s1], "start": format!("{thu}T23:00"),
                "end": format!("{sat}T00:00"), "reason": "Works"}),
        )
        .await;
    assert_eq!(status, 201, "{long}");
    assert!(blocks_of(&mut staff, &fri.to_string())
        .await
        .iter()
        .any(|b| b["id"] == long["id"]));
    assert!(blocks_of(&mut staff, &sat.to_string())
        .await
        .iter()
        .all(|b| b["id"] != long["id"]));
    let span_on = |day: Value| {
        day["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["id"] == long["id"])
            .map(|b| (b["start"].clone(), b["end"].clone()))
    };
    let (_, day) = staff.get(&format!("/api/admin/day?date={thu}")).await;
    assert_eq!(span_on(day), Some((json!("23:00"), json!("24:00"))));
    let (_, day) = staff.get(&format!("/api/admin/day?date={fri}")).await;
    assert_eq!(span_on(day), Some((json!("00:00"), json!("24:00"))));
    app.stop().await;
}

/// PostgreSQL runs writers side by side: a hold written while a block of
/// the same table is uncommitted waits for it and is then refused, and the
/// other way round (each trigger takes the table's lock before it looks).
/// SQLite has one writer at a time, so it needs no such test.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_concurrent_raw_writers_cannot_overlap_a_block_and_a_hold() {
    use std::time::Duration;
    let app = TestApp::spawn(Db::Postgres).await;
    let backend::Pool::Postgres(pool) = app.store.pool() else {
        unreachable!("a PostgreSQL app");
    };
    let restaurant = app.restaurant_id().await;
    // A booking to hang the raw holds on.
    let thursday = dates::next(&app, Weekday::Thu).await;
    app.book(&Booking::at(thursday, "19:30")).await;
    let reservation: i64 = sqlx::query_scalar("SELECT MIN(id) FROM reservations")
        .fetch_one(pool)
        .await
        .unwrap();
    let tables: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM dining_tables WHERE id NOT IN \
         (SELECT table_id FROM reservation_tables WHERE reservation_id = $1) ORDER BY id LIMIT 2",
    )
    .bind(reservation)
    .fetch_all(pool)
    .await
    .unwrap();
    let block = |table: i64, span: (&'static str, &'static str)| {
        let pool = pool.clone();
        async move {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO table_blocks (restaurant_id, starts_at, ends_at, reason, created_at) \
                 VALUES ($1, $2::timestamptz, $3::timestamptz, 'raw', now()) RETURNING id",
            )
            .bind(restaurant)
            .bind(span.0)
            .bind(span.1)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("INSERT INTO block_tables (block_id, table_id) VALUES ($1, $2)")
                .bind(id)
                .bind(table)
                .execute(&mut *tx)
                .await?;
            Ok::<_, sqlx::Error>(tx)
        }
    };
    let hold = |table: i64, span: (&'static str, &'static str)| {
        let pool = pool.clone();
        async move {
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO reservation_tables (reservation_id, table_id, starts_at, ends_at, active) \
                 VALUES ($1, $2, $3::timestamptz, $4::timestamptz, TRUE)",
            )
            .bind(reservation)
            .bind(table)
            .bind(span.0)
            .bind(span.1)
            .execute(&mut *tx)
            .await?;
            Ok::<_, sqlx::Error>(tx)
        }
    };
    let refused =
        |result: Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error>| match result {
            Err(sqlx::Error::Database(e)) => e.code().as_deref() == Some("23P01"),
            _ => false,
        };
    let evening = ("2099-01-01 18:00+00", "2099-01-01 23:00+00");
    let dinner = ("2099-01-01 19:00+00", "2099-01-01 21:00+00");

    // A block first, uncommitted: the hold waits for it, then is refused.
    let first = block(tables[0], evening).await.expect("the block");
    let second = tokio::spawn(hold(tables[0], dinner));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !second.is_finished(),
        "the hold waits for the block's transaction"
    );
    first.commit().await.unwrap();
    assert!(refused(second.await.unwrap()), "the hold over the block");

    // A hold first, uncommitted: the block waits for it, then is refused.
    let first = hold(tables[1], dinner).await.expect("the hold");
    let second = tokio::spawn(block(tables[1], evening));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !second.is_finished(),
        "the block waits for the hold's transaction"
    );
    first.commit().await.unwrap();
    assert!(refused(second.await.unwrap()), "the block over the hold");
    app.stop().await;
}
