//! `/api/admin/areas`, `/api/admin/tables`, `/api/admin/combinations`:
//! admins set the room up; each change shows on `GET /api/availability`
//! at once; bad input is refused field by field and changes nothing; a
//! table bookings hold is neither deactivated nor removed, and one that
//! past bookings held is kept for the history.

use crate::helpers::{dates, error_fields, reference, Booking, Client, Db, Role, TestApp};
use crate::staff::today::{by_reference, day};
use chrono::Weekday;
use serde_json::{json, Value};

on_both_backends!(
    admins_set_the_room_up_and_diners_see_it_at_once,
    a_table_in_use_lists_its_bookings_and_moves_them_on_request,
);

/// A table's JSON as the API reads it back (without its id).
fn body_of(table: &Value) -> Value {
    let mut body = table.clone();
    body.as_object_mut().unwrap().remove("id");
    body
}

async fn tables(admin: &mut Client) -> Vec<Value> {
    let (status, tables) = admin.get("/api/admin/tables").await;
    assert_eq!(status, 200, "{tables}");
    tables.as_array().unwrap().clone()
}

async fn admins_set_the_room_up_and_diners_see_it_at_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;

    // The demo room, as staff read it: every table in an area, placed.
    let (status, areas) = staff.get("/api/admin/areas").await;
    assert_eq!(status, 200, "{areas}");
    let areas = areas.as_array().unwrap().clone();
    let demo = tables(&mut staff).await;
    assert!(!demo.is_empty());
    let counted: u64 = areas.iter().map(|a| a["tables"].as_u64().unwrap()).sum();
    assert_eq!(counted, demo.len() as u64);
    assert!(demo
        .iter()
        .all(|t| areas.iter().any(|a| a["id"] == t["area_id"])));
    assert!(demo.iter().any(|t| t["shape"] == "round"));

    // A new area; its name once only, and never blank.
    let (status, mezzanine) = admin
        .post("/api/admin/areas", json!({"name": " Mezzanine "}))
        .await;
    assert_eq!(status, 201, "{mezzanine}");
    assert_eq!(mezzanine["name"], "Mezzanine");
    assert_eq!(mezzanine["tables"], 0);
    let area = mezzanine["id"].as_i64().unwrap();
    let (status, body) = admin
        .post("/api/admin/areas", json!({"name": "Mezzanine"}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["fields"][0]["reason"], "taken");
    let (status, body) = admin.post("/api/admin/areas", json!({"name": "  "})).await;
    assert_eq!(
        (status, error_fields(&body)),
        (422, vec!["name".to_owned()])
    );

    // A table in it. Bad fields are all named, in the form's order, and
    // nothing is made.
    let m1 = json!({"name": "M1", "area_id": area, "min_seats": 1, "max_seats": 2,
        "shape": "round", "x": 5, "y": 6, "width": 2, "height": 2, "rotation": 45});
    let bad = json!({"name": "", "area_id": area, "min_seats": 4, "max_seats": 2,
        "shape": "oval", "x": 100, "y": 0, "width": 2, "height": 2, "rotation": 30});
    let (status, body) = admin.post("/api/admin/tables", bad).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        error_fields(&body),
        ["name", "max_seats", "shape", "x", "rotation"]
    );
    let mut taken = m1.clone();
    taken["name"] = demo[0]["name"].clone();
    let (status, body) = admin.post("/api/admin/tables", taken).await;
    assert_eq!(
        (status, error_fields(&body)),
        (422, vec!["name".to_owned()])
    );
    let mut elsewhere = m1.clone();
    elsewhere["area_id"] = json!(999_999_999);
    let (status, body) = admin.post("/api/admin/tables", elsewhere).await;
    assert_eq!(
        (status, &body["error"]["fields"][0]["reason"]),
        (422, &json!("unknown"))
    );
    assert_eq!(
        tables(&mut admin).await.len(),
        demo.len(),
        "nothing was made"
    );
    let (status, table) = admin.post("/api/admin/tables", m1.clone()).await;
    assert_eq!(status, 201, "{table}");
    assert_eq!(body_of(&table), {
        let mut want = m1.clone();
        want["bookable_online"] = json!(true);
        want["active"] = json!(true);
        want
    });
    let m1_id = table["id"].as_i64().unwrap();

    // Staff read the room but do not change it.
    assert_eq!(
        staff
            .post("/api/admin/areas", json!({"name": "Cave"}))
            .await
            .0,
        403
    );

    // Only M1 in use: diners are offered it at once, and get it.
    for t in &demo {
        let mut body = body_of(t);
        body["active"] = json!(false);
        let path = format!("/api/admin/tables/{}", t["id"]);
        let (status, out) = admin.put(&path, body).await;
        assert_eq!(status, 200, "{path}: {out}");
        assert_eq!(out["active"], false);
    }
    let thursday = dates::next(&app, Weekday::Thu).await;
    let day = format!("/api/availability?date={thursday}&party_size=2");
    let (status, slots) = app.get_json(&day).await;
    assert_eq!(status, 200, "{slots}");
    let free = |slots: &Value, time: &str| {
        slots["slots"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["time"] == time && s["available"] == true)
    };
    assert!(free(&slots, "19:30"), "{slots}");
    let booked = app.book(&Booking::at(thursday, "19:30")).await;
    let (_, slots) = app.get_json(&day).await;
    assert!(
        !free(&slots, "19:30"),
        "M1 is the only table and it is taken"
    );
    // Three guests do not fit at M1: nothing to offer them.
    let (_, three) = app
        .get_json(&format!("/api/availability?date={thursday}&party_size=3"))
        .await;
    assert!(!free(&three, "12:00") && !free(&three, "20:30"), "{three}");

    // M1 holds a booking: it is neither deactivated, made smaller than
    // the party, nor removed; it may move and grow.
    let path = format!("/api/admin/tables/{m1_id}");
    let mut off = m1.clone();
    off["active"] = json!(false);
    let (status, body) = admin.put(&path, off).await;
    assert_eq!((status, &body["error"]["code"]), (409, &json!("in_use")));
    assert_eq!(body["error"]["reason"], "table_in_use");
    let mut smaller = m1.clone();
    smaller["max_seats"] = json!(1);
    assert_eq!(admin.put(&path, smaller).await.0, 409);
    let mut moved = m1.clone();
    moved["x"] = json!(20);
    moved["max_seats"] = json!(4);
    let (status, body) = admin.put(&path, moved).await;
    assert_eq!(
        (status, &body["x"], &body["max_seats"]),
        (200, &json!(20), &json!(4))
    );
    let (status, body) = admin.delete(&path).await;
    assert_eq!(
        (status, &body["error"]["reason"]),
        (409, &json!("table_in_use"))
    );

    // A combination of M1 and a new M2; tables that are not the
    // restaurant's are refused.
    let mut m2 = m1.clone();
    m2["name"] = json!("M2");
    m2["x"] = json!(30);
    let (status, table) = admin.post("/api/admin/tables", m2).await;
    assert_eq!(status, 201, "{table}");
    let m2_id = table["id"].as_i64().unwrap();
    let (status, combo) = admin
        .post(
            "/api/admin/combinations",
            json!({"name": "M1+M2", "tables": [m2_id, m1_id]}),
        )
        .await;
    assert_eq!(status, 201, "{combo}");
    assert_eq!(combo["tables"], json!([m1_id, m2_id]));
    assert_eq!(combo["max_seats"], 6);
    let (status, body) = admin
        .post(
            "/api/admin/combinations",
            json!({"name": "Ghost", "tables": [m1_id, 999_999_999]}),
        )
        .await;
    assert_eq!(
        (status, error_fields(&body)),
        (422, vec!["tables".to_owned()])
    );

    // M2 was never booked: removed, with its combination.
    assert_eq!(
        admin.delete(&format!("/api/admin/tables/{m2_id}")).await.0,
        204
    );
    let (_, combos) = staff.get("/api/admin/combinations").await;
    assert!(combos
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["name"] != "M1+M2"));

    // The booking cancelled, M1 keeps its history: deactivated, not
    // removed; the area keeps its table.
    let (_, day) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    let id = day["reservations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reference"] == booked["reference"])
        .map(|r| r["id"].clone())
        .expect("the booking on the day");
    let (status, body) = staff
        .post(
            &format!("/api/admin/reservations/{id}/status"),
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = admin.delete(&path).await;
    assert_eq!(
        (status, &body["error"]["reason"]),
        (409, &json!("table_has_history"))
    );
    let (status, body) = admin.delete(&format!("/api/admin/areas/{area}")).await;
    assert_eq!(
        (status, &body["error"]["reason"]),
        (409, &json!("area_not_empty"))
    );
    // Renamed, the area shows its new name on its table's timeline row.
    let (status, body) = admin
        .put(
            &format!("/api/admin/areas/{area}"),
            json!({"name": "Étage"}),
        )
        .await;
    assert_eq!((status, &body["name"]), (200, &json!("Étage")));
    let (_, day) = staff.get(&format!("/api/admin/day?date={thursday}")).await;
    let row = day["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == m1_id)
        .cloned()
        .unwrap_or_default();
    assert_eq!(row["area"], "Étage", "{row}");
    // An empty area goes.
    let (status, empty) = admin
        .post("/api/admin/areas", json!({"name": "Cave"}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(
        admin
            .delete(&format!("/api/admin/areas/{}", empty["id"]))
            .await
            .0,
        204
    );
    assert_eq!(
        admin
            .delete(&format!("/api/admin/areas/{}", empty["id"]))
            .await
            .0,
        404
    );
    app.stop().await;
}

/// A table with bookings to come is kept until they move: the admin sees
/// them with the free tables proposed for each, and confirms the moves;
/// then the table can be deactivated.
async fn a_table_in_use_lists_its_bookings_and_moves_them_on_request(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next_after(&app, Weekday::Thu, 8).await;
    let booked = app.book(&Booking::at(thursday, "19:30")).await;
    let ours = reference(&booked);
    let (_, sheet) = day(&mut staff, thursday).await;
    let row = by_reference(&sheet, &ours).unwrap().clone();
    let table_id = row["table_ids"][0].as_i64().unwrap();
    let path = format!("/api/admin/tables/{table_id}");

    let (status, listed) = admin.get(&format!("{path}/bookings")).await;
    assert_eq!(status, 200, "{listed}");
    let listed = listed.as_array().unwrap().clone();
    let mine = listed
        .iter()
        .find(|b| b["reference"] == ours.as_str())
        .expect("our booking is listed")
        .clone();
    assert_eq!(
        (&mine["date"], &mine["time"]),
        (&json!(thursday.to_string()), &json!("19:30"))
    );
    let proposal: Vec<i64> = mine["proposal"]
        .as_array()
        .expect("a free table is proposed")
        .iter()
        .map(|t| t.as_i64().unwrap())
        .collect();
    assert!(!proposal.contains(&table_id), "{mine}");
    assert_eq!(
        mine["proposal_names"].as_array().unwrap().len(),
        proposal.len()
    );
    // Deleting it is refused while they are there; nothing moved yet.
    let (status, body) = admin.delete(&path).await;
    assert_eq!(
        (status, &body["error"]["reason"]),
        (409, &json!("table_in_use"))
    );
    let (_, sheet) = day(&mut staff, thursday).await;
    assert_eq!(
        by_reference(&sheet, &ours).unwrap()["table_ids"],
        json!([table_id])
    );
    assert_eq!(staff.get(&format!("{path}/bookings")).await.0, 403);
    assert_eq!(
        admin.get("/api/admin/tables/999999999/bookings").await.0,
        404
    );
    assert_eq!(
        staff.post(&format!("{path}/reassign"), json!({})).await.0,
        403
    );

    // Confirmed: each booking with a proposal moves there, the rest stay.
    let (status, left) = admin.post(&format!("{path}/reassign"), json!({})).await;
    assert_eq!(status, 200, "{left}");
    let stayed: Vec<&Value> = listed.iter().filter(|b| b["proposal"].is_null()).collect();
    let left_refs: Vec<&Value> = left
        .as_array()
        .unwrap()
        .iter()
        .map(|b| &b["reference"])
        .collect();
    let stayed_refs: Vec<&Value> = stayed.iter().map(|b| &b["reference"]).collect();
    assert_eq!(left_refs, stayed_refs);
    let (_, sheet) = day(&mut staff, thursday).await;
    let mut now_at: Vec<i64> = by_reference(&sheet, &ours).unwrap()["table_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_i64().unwrap())
        .collect();
    now_at.sort_unstable();
    let mut expected = proposal.clone();
    expected.sort_unstable();
    assert_eq!(now_at, expected);
    if stayed.is_empty() {
        let (_, tables) = admin.get("/api/admin/tables").await;
        let mut off = body_of(
            tables
                .as_array()
                .unwrap()
                .iter()
                .find(|t| t["id"] == table_id)
                .unwrap(),
        );
        off["active"] = json!(false);
        let (status, body) = admin.put(&path, off).await;
        assert_eq!(status, 200, "{body}");
    }
}
