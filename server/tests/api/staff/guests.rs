//! `/api/admin/guests`: guest profiles built from bookings (one per e-mail
//! address, or per phone number for guests known by phone alone), the tags
//! and notes staff keep on them, and what they show on the guest's
//! bookings (tags, notes, allergy and repeated no-show flags; the list's
//! tag filter).

use super::today::{by_reference, day};
use crate::helpers::{dates, reference, Booking, Db, Role, TestApp};
use chrono::Weekday;
use serde_json::{json, Value};

on_both_backends!(
    profiles_follow_bookings_and_carry_what_staff_keep,
    a_guest_known_by_phone_keeps_one_profile_when_they_give_an_address,
    bad_profile_input_changes_nothing,
);

/// The one guest a search finds.
async fn only_guest(staff: &mut crate::helpers::Client, query: &str) -> Value {
    let (status, page) = staff.get(&format!("/api/admin/guests?{query}")).await;
    assert_eq!(status, 200, "{page}");
    let guests = page["guests"].as_array().unwrap();
    assert_eq!(guests.len(), 1, "{query}: {page}");
    guests[0].clone()
}

async fn profiles_follow_bookings_and_carry_what_staff_keep(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    let friday = thursday + chrono::TimeDelta::days(1);
    let grace = |date, time| {
        Booking::at(date, time)
            .name("Grace Hopper")
            .email("grace@example.com")
            .phone("+33 6 11 22 33 44")
            .notes("")
    };
    // The same guest three times (the address in any case), and another.
    let first = app.client().book(&grace(thursday, "12:00")).await;
    let second = app
        .client()
        .book(&grace(thursday, "19:00").email(" GRACE@Example.com"))
        .await;
    let third = app.client().book(&grace(friday, "19:30")).await;
    app.client()
        .book(
            &Booking::at(friday, "19:00")
                .name("Ada Lovelace")
                .email("ada@example.com"),
        )
        .await;

    // One profile for Grace, found by name, address or phone digits.
    let g = only_guest(&mut staff, "q=hopper").await;
    assert_eq!(g["name"], "Grace Hopper");
    assert_eq!(
        (g["visits"].as_i64(), g["no_shows"].as_i64()),
        (Some(0), Some(0))
    );
    assert_eq!(
        only_guest(&mut staff, "q=GRACE%40example").await["id"],
        g["id"]
    );
    assert_eq!(only_guest(&mut staff, "q=6%2011%2022").await["id"], g["id"]);
    let id = g["id"].as_i64().unwrap();
    let path = format!("/api/admin/guests/{id}");
    let (status, profile) = staff.get(&path).await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["bookings"], 3);
    assert_eq!(profile["history"].as_array().unwrap().len(), 3);
    assert_eq!(profile["history"][0]["reference"], reference(&third));

    // Two no-shows, then a visit: counted; her next booking is flagged.
    let (_, d) = day(&mut staff, thursday).await;
    for created in [&first, &second] {
        let r = by_reference(&d, &reference(created)).unwrap();
        assert_eq!(r["guest_id"], id);
        let status_path = format!("/api/admin/reservations/{}/status", r["id"]);
        let (status, body) = staff.post(&status_path, json!({"status": "no_show"})).await;
        assert_eq!(status, 200, "{body}");
    }
    let (_, d) = day(&mut staff, friday).await;
    let next = by_reference(&d, &reference(&third)).unwrap();
    assert!(
        next["flags"]
            .as_array()
            .unwrap()
            .contains(&json!("repeat_no_show")),
        "{next}"
    );
    let g = only_guest(&mut staff, "q=hopper").await;
    assert_eq!(
        (g["no_shows"].as_i64(), g["no_show_warning"].as_bool()),
        (Some(2), Some(true))
    );

    // Tags and notes staff keep: folded, shown on her bookings, an
    // allergy flags them; Ada's booking shows nothing of it.
    let (status, profile) = staff
        .put(
            &path,
            json!({"tags": " VIP, allergy ,vip", "notes": "Coeliac; table 5 if free"}),
        )
        .await;
    assert_eq!(status, 200, "{profile}");
    assert_eq!(profile["tags"], json!(["vip", "allergy"]));
    assert_eq!(profile["notes"], "Coeliac; table 5 if free");
    let (_, d) = day(&mut staff, friday).await;
    let next = by_reference(&d, &reference(&third)).unwrap();
    assert_eq!(next["guest_tags"], json!(["vip", "allergy"]));
    assert_eq!(next["guest_notes"], "Coeliac; table 5 if free");
    assert!(
        next["flags"]
            .as_array()
            .unwrap()
            .contains(&json!("allergy")),
        "{next}"
    );
    let ada = d["reservations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "Ada Lovelace")
        .unwrap();
    assert_eq!(
        (&ada["guest_tags"], &ada["guest_notes"]),
        (&json!([]), &json!(""))
    );
    let (_, details) = staff
        .get(&format!("/api/admin/reservations/{}", next["id"]))
        .await;
    assert_eq!(
        details["reservation"]["guest_tags"],
        json!(["vip", "allergy"])
    );

    // The list and the guests filtered by tag.
    let range = format!("from={thursday}&to={friday}");
    let (status, page) = staff
        .get(&format!("/api/admin/reservations?{range}&tag=VIP"))
        .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(page["matched"], 3, "{page}");
    let (_, page) = staff
        .get(&format!("/api/admin/reservations?{range}&tag=regular"))
        .await;
    assert_eq!(page["matched"], 0, "{page}");
    let (_, page) = staff.get(&format!("/api/admin/reservations?{range}")).await;
    assert_eq!(page["matched"], 4, "{page}");
    assert_eq!(only_guest(&mut staff, "tag=allergy").await["id"], id);

    // Pages by name: Ada, then Grace.
    let (_, one) = staff.get("/api/admin/guests?limit=1").await;
    assert_eq!(one["guests"][0]["name"], "Ada Lovelace");
    let after = one["next"].as_str().unwrap().to_owned();
    let (status, two) = staff
        .get(&format!(
            "/api/admin/guests?limit=1&after={}",
            urlencoding(&after)
        ))
        .await;
    assert_eq!(status, 200, "{two}");
    assert_eq!(two["guests"][0]["name"], "Grace Hopper");
    app.stop().await;
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn a_guest_known_by_phone_keeps_one_profile_when_they_give_an_address(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    // Taken on the phone: a name and a number.
    let (status, taken) = staff
        .post(
            "/api/admin/reservations",
            json!({"source": "phone", "date": thursday.to_string(), "time": "12:30",
                   "party_size": 2, "name": "Linus Pauling", "phone": "06 98 76 54 32"}),
        )
        .await;
    assert_eq!(status, 201, "{taken}");
    let by_phone = only_guest(&mut staff, "q=pauling").await;
    assert_eq!(
        (&by_phone["email"], &by_phone["phone"]),
        (&json!(""), &json!("+33698765432"))
    );
    // He books online later with an address and the same number: the
    // profile takes the address.
    app.client()
        .book(
            &Booking::at(thursday, "19:30")
                .name("Linus Pauling")
                .email("linus@example.com")
                .phone("+33 6 98 76 54 32"),
        )
        .await;
    let g = only_guest(&mut staff, "q=pauling").await;
    assert_eq!(g["id"], by_phone["id"]);
    assert_eq!(g["email"], "linus@example.com");
    let (_, profile) = staff.get(&format!("/api/admin/guests/{}", g["id"])).await;
    assert_eq!(profile["bookings"], 2);
    // A walk-in without a name or a number has no profile.
    let (status, walk_in) = staff
        .post(
            "/api/admin/reservations",
            json!({"source": "walk_in", "party_size": 2}),
        )
        .await;
    assert_eq!(status, 201, "{walk_in}");
    assert_eq!(walk_in["guest_id"], Value::Null);
    assert_eq!(app.count("SELECT COUNT(*) FROM guests").await, 1);
    app.stop().await;
}

async fn bad_profile_input_changes_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next(&app, Weekday::Thu).await;
    app.client()
        .book(
            &Booking::at(thursday, "19:00")
                .email("marie@example.com")
                .name("Marie Curie"),
        )
        .await;
    let id = only_guest(&mut staff, "q=curie").await["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/admin/guests/{id}");
    let (_, before) = staff.get(&path).await;

    let (status, body) = staff
        .put(&path, json!({"tags": "vip;regular", "notes": "a\u{202e}b"}))
        .await;
    assert_eq!(status, 422, "{body}");
    let fields = crate::helpers::error_fields(&body);
    assert_eq!(fields, ["tags", "notes"]);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        !message.is_empty() && !message.contains("invalid"),
        "{message}"
    );
    let too_many: Vec<String> = (0..13).map(|i| format!("t{i}")).collect();
    let (status, _) = staff
        .put(&path, json!({"tags": too_many.join(","), "notes": ""}))
        .await;
    assert_eq!(status, 422);
    assert_eq!(staff.get(&path).await.1, before);

    for missing in ["/api/admin/guests/999999999", "/api/admin/guests/abc"] {
        assert_eq!(staff.get(missing).await.0, 404, "{missing}");
    }
    for query in ["tag=a,b", "after=x", "limit=0", "limit=", "q=%07"] {
        let (status, body) = staff.get(&format!("/api/admin/guests?{query}")).await;
        assert_eq!(status, 422, "{query}: {body}");
    }
    let (status, _) = staff.get("/api/admin/reservations?tag=a%25").await;
    assert_eq!(status, 422);
    app.stop().await;
}
