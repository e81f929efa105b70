//! A restaurant set up from nothing: `server init` instead of the demo,
//! then hours, an area and a table through the API (what the dashboard's
//! screens call); diners see the hours at once and a booking sits on that
//! table. The browser version of this is `end2end/tests/`.

use crate::helpers::{dates, Booking, Db, Role, ScratchSqlite, TestApp};
use chrono::Weekday;
use serde_json::json;
use std::process::Command;

on_both_backends!(a_restaurant_set_up_from_nothing_takes_bookings,);

fn init(db: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("init")
        .args(args)
        .env_remove("REDIS_URL")
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "off")
        .output()
        .expect("server binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn init_refuses_bad_input_and_a_second_restaurant() {
    let db = ScratchSqlite::new();
    let (code, _, stderr) = init(
        &db.url,
        &["--name", "Le Bistrot", "--time-zone", "Mars/Olympus"],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("--time-zone"), "{stderr}");
    let (code, _, stderr) = init(&db.url, &["--name", "  ", "--time-zone", "Europe/Paris"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("--name"), "{stderr}");
    let (code, stdout, stderr) = init(
        &db.url,
        &[
            "--name",
            "Le Bistrot d'Émile",
            "--time-zone",
            "Europe/Paris",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Le Bistrot d'Émile"), "{stdout}");
    let (code, _, stderr) = init(
        &db.url,
        &["--name", "Another", "--time-zone", "Europe/Paris"],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("has a restaurant already"), "{stderr}");
    let (store, opened) = backend::Store::open(&backend::DatabaseUrl::parse(&db.url).unwrap())
        .await
        .unwrap();
    assert!(!opened.is_empty);
    let row = store.primary_restaurant().await.unwrap();
    assert_eq!(
        (row.slug.as_str(), row.time_zone.as_str()),
        ("le-bistrot-d-emile", "Europe/Paris")
    );
    assert_eq!(store.table_count(row.id).await.unwrap(), 0);
    store.close().await;
}

async fn a_restaurant_set_up_from_nothing_takes_bookings(db: Db) {
    let url = crate::helpers::fresh_database_url(db);
    let (store, _) = backend::Store::open(&backend::DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap();
    let created = backend::seed::create_restaurant(
        &store,
        &backend::seed::NewRestaurant {
            name: "Le Bistrot".into(),
            time_zone: chrono_tz::Europe::Paris,
        },
    )
    .await
    .unwrap();
    assert!(created);
    store.close().await;

    // Not the demo: nothing to book, but every page answers.
    let app = TestApp::spawn_on(&url, &[]).await;
    for page in ["/", "/menu", "/book", "/contact"] {
        assert_eq!(app.get(page).await.status(), 200, "{page}");
    }
    let friday = dates::next_after(&app, Weekday::Fri, 3).await;
    let (status, body) = app
        .get_json(&format!("/api/availability?date={friday}&party_size=2"))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body["slots"].as_array().unwrap().is_empty(), "{body}");

    // The admin opens Fridays for dinner and puts one table in one area.
    let mut admin = app.signed_in(Role::Admin).await;
    let (status, body) = admin
        .post(
            "/api/admin/settings/hours",
            json!({"weekdays": ["friday"], "kind": "dinner", "opens": "19:00",
                "last_seating": "21:00", "closes": "23:00"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, area) = admin
        .post("/api/admin/areas", json!({"name": "Salle"}))
        .await;
    assert_eq!(status, 201, "{area}");
    let (status, table) = admin
        .post(
            "/api/admin/tables",
            json!({"name": "T1", "area_id": area["id"], "min_seats": 1, "max_seats": 4,
                "shape": "square", "x": 0, "y": 0, "width": 2, "height": 2, "rotation": 0}),
        )
        .await;
    assert_eq!(status, 201, "{table}");

    // Diners see it at once, and the booking sits on that table.
    let booked = app.book(&Booking::at(friday, "19:30").party(2)).await;
    let reference = crate::helpers::reference(&booked);
    let (status, list) = admin
        .get(&format!(
            "/api/admin/reservations?from={friday}&to={friday}"
        ))
        .await;
    assert_eq!(status, 200, "{list}");
    let row = list["reservations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reference"] == reference.as_str())
        .unwrap_or_else(|| panic!("{list}"))
        .clone();
    assert_eq!(row["table_names"], json!(["T1"]), "{row}");
    app.stop().await;
}
