//! The audit log beyond the settings: the room (areas, tables, their
//! places, combinations), blocks, the gallery and the menu each add a line
//! per change, with who, in the change's transaction; a refused change adds
//! none.

use super::photos::files;
use crate::helpers::{dates, Client, Db, Role, TestApp};
use backend::media::fixtures::png;
use chrono::Weekday;
use serde_json::{json, Value};

on_both_backends!(the_room_the_gallery_and_the_menu_are_audited,);

async fn audit(admin: &mut Client) -> Vec<Value> {
    let (status, body) = admin.get("/api/admin/audit").await;
    assert_eq!(status, 200, "{body}");
    body["entries"].as_array().unwrap().clone()
}

/// The newest line: its subject, action and label.
fn head(line: &Value) -> (&str, &str, &str) {
    (
        line["subject"].as_str().unwrap(),
        line["action"].as_str().unwrap(),
        line["label"].as_str().unwrap(),
    )
}

fn change(line: &Value, field: &str) -> Option<(String, String)> {
    line["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == field)
        .map(|c| {
            (
                c["before"].as_str().unwrap().to_owned(),
                c["after"].as_str().unwrap().to_owned(),
            )
        })
}

fn pair(before: &str, after: &str) -> Option<(String, String)> {
    Some((before.to_owned(), after.to_owned()))
}

async fn the_room_the_gallery_and_the_menu_are_audited(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let lines = |log: &Vec<Value>| log.len();
    let start = lines(&audit(&mut admin).await);

    // An area, then a table in it: created with every field.
    let (status, area) = admin
        .post("/api/admin/areas", json!({"name": "Salon"}))
        .await;
    assert_eq!(status, 201, "{area}");
    let area = area["id"].as_i64().unwrap();
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[0]), ("area", "create", "Salon"));
    assert!(log[0]["who"].is_string(), "{}", log[0]);
    let z1 = json!({"name": "Z1", "area_id": area, "min_seats": 1, "max_seats": 4,
        "shape": "square", "x": 2, "y": 3, "width": 2, "height": 2, "rotation": 0});
    let (status, table) = admin.post("/api/admin/tables", z1.clone()).await;
    assert_eq!(status, 201, "{table}");
    let t1 = table["id"].as_i64().unwrap();
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[0]), ("table", "create", "Z1"));
    assert_eq!(change(&log[0], "area"), pair("", "Salon"));
    assert_eq!(change(&log[0], "max_seats"), pair("", "4"));

    // A name taken is refused and adds no line.
    let (status, _) = admin.post("/api/admin/tables", z1.clone()).await;
    assert_eq!(status, 422);
    assert_eq!(lines(&audit(&mut admin).await), start + 2);

    // A change lists only what changed, before → after.
    let mut bigger = z1.clone();
    bigger["max_seats"] = json!(6);
    bigger["bookable_online"] = json!(false);
    let (status, body) = admin.put(&format!("/api/admin/tables/{t1}"), bigger).await;
    assert_eq!(status, 200, "{body}");
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[0]), ("table", "update", "Z1"));
    assert_eq!(log[0]["changes"].as_array().unwrap().len(), 2, "{}", log[0]);
    assert_eq!(change(&log[0], "max_seats"), pair("4", "6"));
    assert_eq!(change(&log[0], "bookable_online"), pair("yes", "no"));

    // Moved on the plan (the editor's drag).
    let (status, body) = admin
        .server_fn(
            "admin_table_place",
            &[("id", &t1.to_string()), ("x", "7"), ("y", "8")],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[0]), ("table", "update", "Z1"));
    assert_eq!(change(&log[0], "place"), pair("2, 3", "7, 8"));

    // A combination names its tables.
    let mut z2 = z1.clone();
    z2["name"] = json!("Z2");
    z2["x"] = json!(12);
    let (status, table) = admin.post("/api/admin/tables", z2).await;
    assert_eq!(status, 201, "{table}");
    let t2 = table["id"].as_i64().unwrap();
    let (status, combination) = admin
        .post(
            "/api/admin/combinations",
            json!({"name": "Z1+Z2", "tables": [t1, t2]}),
        )
        .await;
    assert_eq!(status, 201, "{combination}");
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[0]), ("combination", "create", "Z1+Z2"));
    assert_eq!(change(&log[0], "tables"), pair("", "Z1 + Z2"));

    // Staff block a table: their name, the span in the restaurant's time.
    let thursday = dates::next_after(&app, Weekday::Thu, 3).await;
    let (status, block) = staff
        .post(
            "/api/admin/blocks",
            json!({"tables": [t2], "start": format!("{thursday}T19:00"),
                "end": format!("{thursday}T23:00"), "reason": "Repair"}),
        )
        .await;
    assert_eq!(status, 201, "{block}");
    let span = format!("{thursday} 19:00 – {thursday} 23:00");
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[0]), ("block", "create", span.as_str()));
    assert_eq!(change(&log[0], "tables"), pair("", "Z2"));
    assert_eq!(change(&log[0], "reason"), pair("", "Repair"));
    let (status, _) = staff
        .delete(&format!("/api/admin/blocks/{}", block["id"]))
        .await;
    assert_eq!(status, 204);
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[0]), ("block", "delete", span.as_str()));
    // The staff member's account, not the admin's (both are named alike).
    let by_role = |id: &Value, role: &str| {
        format!(
            "SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.user_id \
             WHERE a.id = {id} AND u.role = '{role}'"
        )
    };
    assert_eq!(app.count(&by_role(&log[0]["id"], "staff")).await, 1);
    assert_eq!(app.count(&by_role(&log[2]["id"], "admin")).await, 1);

    // The menu: a category, a dish, its price, sold out by staff.
    let (status, category) = admin
        .post(
            "/api/admin/menu/categories",
            json!({"name_fr": "Fromages", "name_en": "Cheeses"}),
        )
        .await;
    assert_eq!(status, 201, "{category}");
    let dish = json!({"category_id": category["id"], "name_fr": "Comté", "name_en": "Comté",
        "price": "12", "allergens": ["milk"], "diets": []});
    let (status, item) = admin.post("/api/admin/menu/items", dish.clone()).await;
    assert_eq!(status, 201, "{item}");
    let id = item["id"].as_i64().unwrap();
    let mut dearer = dish.clone();
    dearer["price"] = json!("13,50");
    let (status, _) = admin
        .put(&format!("/api/admin/menu/items/{id}"), dearer)
        .await;
    assert_eq!(status, 200);
    let (status, _) = staff
        .put(
            &format!("/api/admin/menu/items/{id}/availability"),
            json!({"available": false}),
        )
        .await;
    assert_eq!(status, 200);
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[3]), ("menu_category", "create", "Fromages"));
    assert_eq!(head(&log[2]), ("menu_item", "create", "Comté"));
    assert_eq!(change(&log[2], "category"), pair("", "Fromages"));
    assert_eq!(change(&log[2], "allergens"), pair("", "milk"));
    assert_eq!(head(&log[1]), ("menu_item", "update", "Comté"));
    assert_eq!(change(&log[1], "price"), pair("12.00", "13.50"));
    assert_eq!(head(&log[0]), ("menu_item", "update", "Comté"));
    assert_eq!(change(&log[0], "sold_out_on").unwrap().0, "");
    // Moved up: its place before and after (the new category is last).
    let (status, body) = admin
        .post(
            &format!("/api/admin/menu/categories/{}/move", category["id"]),
            json!({"direction": "up"}),
        )
        .await;
    assert!(status < 300, "{status} {body}");
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[0]), ("menu_category", "update", "Fromages"));
    let (before, after) = change(&log[0], "position").unwrap();
    let (before, after): (u32, u32) = (before.parse().unwrap(), after.parse().unwrap());
    assert_eq!(after + 1, before);

    // The gallery: a photo, its words, then gone (its files too).
    let (status, photo) = admin
        .upload_with(
            "/api/admin/gallery",
            &[("alt_fr", "La salle"), ("alt_en", "The room")],
            ("photo", "room.png", "image/png", &png(900, 600)),
        )
        .await;
    assert_eq!(status, 201, "{photo}");
    let photo = photo["photo"]["id"].as_i64().unwrap();
    let (status, _) = admin
        .put(
            &format!("/api/admin/gallery/{photo}"),
            json!({"alt_fr": "La grande salle", "alt_en": "The room"}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = admin.delete(&format!("/api/admin/gallery/{photo}")).await;
    assert_eq!(status, 204);
    assert!(files(&app.media_dir).is_empty());
    let log = audit(&mut admin).await;
    assert_eq!(head(&log[2]), ("gallery", "create", "La salle"));
    assert_eq!(head(&log[1]), ("gallery", "update", "La grande salle"));
    assert_eq!(log[1]["changes"].as_array().unwrap().len(), 1, "{}", log[1]);
    assert_eq!(
        change(&log[1], "alt_fr"),
        pair("La salle", "La grande salle")
    );
    assert_eq!(head(&log[0]), ("gallery", "delete", "La grande salle"));

    // Staff do not read the log.
    assert_eq!(staff.get("/api/admin/audit").await.0, 403);
}
