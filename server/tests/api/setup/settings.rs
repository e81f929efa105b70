//! `/api/admin/settings` and `/api/admin/audit`: hours, exceptions, rules
//! and the restaurant's page. A change shows on the next availability
//! answer; bad input is refused field by field and changes nothing; a
//! change that leaves bookings outside the hours lists them and cancels
//! none; every change is in the audit log, before → after, with who.

use crate::helpers::{dates, error_fields, reference, Booking, Client, Db, Role, TestApp};
use chrono::Weekday;
use serde_json::{json, Value};

on_both_backends!(
    hours_and_exceptions_take_effect_at_once,
    rules_and_the_page_are_audited,
    a_service_is_named_beyond_lunch_and_dinner,
);

/// The times offered to a party of two on `date`.
async fn offered(app: &TestApp, date: &str) -> Vec<String> {
    let (status, body) = app
        .get_json(&format!("/api/availability?date={date}&party_size=2"))
        .await;
    assert_eq!(status, 200, "{body}");
    body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["available"] == true)
        .map(|s| s["time"].as_str().unwrap().to_owned())
        .collect()
}

async fn settings(client: &mut Client) -> Value {
    let (status, body) = client.get("/api/admin/settings").await;
    assert_eq!(status, 200, "{body}");
    body
}

async fn audit(admin: &mut Client) -> Vec<Value> {
    let (status, body) = admin.get("/api/admin/audit").await;
    assert_eq!(status, 200, "{body}");
    body["entries"].as_array().unwrap().clone()
}

fn references(outside: &Value) -> Vec<&str> {
    outside
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["reference"].as_str().unwrap())
        .collect()
}

async fn hours_and_exceptions_take_effect_at_once(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let thursday = dates::next_after(&app, Weekday::Thu, 8).await;
    let day = thursday.to_string();
    assert!(offered(&app, &day).await.contains(&"19:30".to_owned()));
    let booked = app.book(&Booking::at(thursday, "19:30")).await;
    let booked_ref = reference(&booked);

    // Staff read the settings but change nothing.
    let seen = settings(&mut staff).await;
    let thursday_dinner = seen["hours"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["weekday"] == "thursday" && p["kind"] == "dinner")
        .expect("a Thursday dinner")
        .clone();
    assert_eq!(thursday_dinner["opens"], "19:00");
    assert_eq!(seen["outside"], json!([]));
    let closed = json!({"kind": "closed", "from": day, "note": "Travaux"});
    let (status, _) = staff
        .post("/api/admin/settings/exceptions", closed.clone())
        .await;
    assert_eq!(status, 403);

    // Closing the day takes it off at once; the booking stays and is
    // listed for staff to call.
    let (status, out) = admin.post("/api/admin/settings/exceptions", closed).await;
    assert_eq!(status, 201, "{out}");
    assert_eq!(offered(&app, &day).await, Vec::<String>::new());
    assert_eq!(references(&out["outside"]), [booked_ref.as_str()]);
    let booked_id = out["outside"][0]["id"].clone();
    assert_eq!(out["outside"][0]["time"], "19:30");
    let exception = out["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == day.as_str())
        .expect("the closure")
        .clone();
    assert_eq!(exception["hours"], Value::Null);
    let (status, kept) = admin
        .get(&format!("/api/admin/reservations/{}", booked_id))
        .await;
    assert_eq!(status, 200, "{kept}");
    assert_eq!(kept["reservation"]["status"], "confirmed");
    assert_eq!(
        references(&settings(&mut staff).await["outside"]),
        [booked_ref.as_str()]
    );

    // Removing the closure opens the day again.
    let (status, out) = admin
        .delete(&format!(
            "/api/admin/settings/exceptions/{}",
            exception["id"]
        ))
        .await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["outside"], json!([]));
    assert!(offered(&app, &day).await.contains(&"19:30".to_owned()));

    // Special hours replace the day's services.
    let (status, out) = admin
        .post(
            "/api/admin/settings/exceptions",
            json!({"kind": "special_hours", "from": day, "to": day, "note": "Soirée jazz",
                "hours": {"kind": "dinner", "opens": "20:00", "last_seating": "20:30",
                    "closes": "23:00", "slot_interval_minutes": 30}}),
        )
        .await;
    assert_eq!(status, 201, "{out}");
    assert_eq!(offered(&app, &day).await, ["20:00", "20:30"]);
    assert_eq!(references(&out["outside"]), [booked_ref.as_str()]);
    let special = out["exceptions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["note"] == "Soirée jazz")
        .unwrap()
        .clone();
    assert_eq!(special["hours"]["closes"], "23:00");
    admin
        .delete(&format!("/api/admin/settings/exceptions/{}", special["id"]))
        .await;

    // Bad input: every field at fault, nothing written.
    let before = audit(&mut admin).await.len();
    let (status, body) = admin
        .post(
            "/api/admin/settings/exceptions",
            json!({"kind": "special_hours", "from": "2000-01-01", "to": "1999-12-31",
                "hours": {"kind": "supper", "opens": "21:00", "last_seating": "20:00",
                    "closes": "20:30"}}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        error_fields(&body),
        ["to", "hours.kind", "hours.last_seating", "hours.closes",]
    );
    let (status, body) = admin
        .post(
            "/api/admin/settings/exceptions",
            json!({"kind": "closed", "from": "2000-01-01"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_fields(&body), ["from"]);
    assert_eq!(body["error"]["fields"][0]["reason"], "past");
    let (status, body) = admin
        .post(
            "/api/admin/settings/hours",
            json!({"weekdays": ["thursday"], "kind": "lunch", "opens": "12:00",
                "last_seating": "18:00", "closes": "19:30"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(error_fields(&body), ["opens"]);
    assert_eq!(body["error"]["fields"][0]["reason"], "overlaps");
    let (status, body) = admin
        .post(
            "/api/admin/settings/hours",
            json!({"weekdays": [], "kind": "dinner", "opens": "25:00",
                "last_seating": "20:00", "closes": "19:00", "slot_interval_minutes": 0}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        error_fields(&body),
        ["weekdays", "opens", "closes", "slot_interval_minutes"]
    );
    assert_eq!(audit(&mut admin).await.len(), before);
    assert_eq!(settings(&mut admin).await["hours"], seen["hours"]);

    // Later dinners on Thursdays: the 19:30 booking is now outside the
    // hours, listed, and still confirmed.
    let (status, out) = admin
        .post(
            "/api/admin/settings/hours",
            json!({"weekdays": ["thursday"], "kind": "dinner", "opens": "20:00",
                "last_seating": "21:00", "closes": "23:00", "slot_interval_minutes": 30,
                "max_covers_per_slot": 12}),
        )
        .await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(references(&out["outside"]), [booked_ref.as_str()]);
    let offered_now = offered(&app, &day).await;
    assert!(offered_now.contains(&"20:30".to_owned()), "{offered_now:?}");
    assert!(!offered_now.contains(&"19:30".to_owned()));
    assert!(!offered_now.contains(&"20:15".to_owned()));
    let (_, kept) = admin
        .get(&format!("/api/admin/reservations/{}", booked_id))
        .await;
    assert_eq!(kept["reservation"]["status"], "confirmed");

    // Removing Thursday's dinner leaves lunch only.
    let dinner_id = out["hours"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["weekday"] == "thursday" && p["kind"] == "dinner")
        .unwrap()["id"]
        .clone();
    let (status, _) = admin
        .delete(&format!("/api/admin/settings/hours/{dinner_id}"))
        .await;
    assert_eq!(status, 200);
    assert!(offered(&app, &day)
        .await
        .iter()
        .all(|t| t.as_str() < "15:00"));
    let (status, _) = admin
        .delete(&format!("/api/admin/settings/hours/{dinner_id}"))
        .await;
    assert_eq!(status, 404);

    // The log: newest first, who, what, before → after.
    let log = audit(&mut admin).await;
    let actions: Vec<(String, String, String)> = log
        .iter()
        .map(|e| {
            (
                e["subject"].as_str().unwrap().to_owned(),
                e["action"].as_str().unwrap().to_owned(),
                e["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let range = day.clone();
    assert_eq!(
        actions[..6],
        [
            ("hours".into(), "delete".into(), "thursday dinner".into()),
            ("hours".into(), "update".into(), "thursday dinner".into()),
            ("exception".into(), "delete".into(), range.clone()),
            ("exception".into(), "create".into(), range.clone()),
            ("exception".into(), "delete".into(), range.clone()),
            ("exception".into(), "create".into(), range),
        ]
    );
    let update = &log[1];
    assert!(update["who"].is_string(), "{update}");
    let changes = update["changes"].as_array().unwrap();
    assert!(changes.contains(&json!({"field": "opens", "before": "19:00", "after": "20:00"})));
    assert!(
        changes.contains(&json!({"field": "max_covers_per_slot", "before": "20", "after": "12"}))
    );
    let (status, _) = staff.get("/api/admin/audit").await;
    assert_eq!(status, 403);
}

async fn rules_and_the_page_are_audited(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let far = dates::next_after(&app, Weekday::Fri, 10).await.to_string();
    assert!(!offered(&app, &far).await.is_empty());
    let rules = settings(&mut admin).await["rules"].clone();
    // What bookings pay is the payments settings' (not configured here).
    let (_, payments) = admin.get("/api/admin/settings/payments").await;
    assert_eq!(payments["configured"], false);

    let body = json!({"min_notice_minutes": 60, "max_advance_days": 7, "min_party": 1,
        "max_party_online": 6, "cancel_cutoff_minutes": 1440,
        "turn_times": [{"up_to": 2, "minutes": 90}, {"up_to": 6, "minutes": 120}],
        "turn_larger_minutes": 150});
    let (status, _) = staff.put("/api/admin/settings/rules", body.clone()).await;
    assert_eq!(status, 403);
    let (status, bad) = admin
        .put(
            "/api/admin/settings/rules",
            json!({"min_notice_minutes": 60, "max_advance_days": 7, "min_party": 8,
                "max_party_online": 6, "cancel_cutoff_minutes": -1,
                "turn_times": [{"up_to": 6, "minutes": 90}, {"up_to": 2, "minutes": 120}],
                "turn_larger_minutes": 150}),
        )
        .await;
    assert_eq!(status, 422, "{bad}");
    assert_eq!(
        error_fields(&bad),
        ["max_party_online", "cancel_cutoff_minutes", "turn_times"]
    );
    assert_eq!(settings(&mut admin).await["rules"], rules);

    // Seven days ahead at most: the far Friday is off at once.
    let (status, saved) = admin.put("/api/admin/settings/rules", body).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["max_advance_days"], 7);
    assert_eq!(saved["turn_times"][1], json!({"up_to": 6, "minutes": 120}));
    assert!(offered(&app, &far).await.is_empty());

    // The restaurant's page, shown on the public site.
    let page = json!({"name": "Chez Margot & Fils", "tagline_fr": "Cuisine de marché",
        "tagline_en": "Market cooking", "about_fr": "Depuis 1998.\nÀ Paris.",
        "about_en": "Since 1998.", "street": "12 rue des Martyrs", "postal_code": "75009",
        "city": "Paris", "country": "France", "phone": "+33 1 42 00 00 00",
        "email": "bonjour@chez-margot.fr"});
    let (status, bad) = admin
        .put(
            "/api/admin/settings/restaurant",
            json!({"name": "", "street": "x", "postal_code": "1", "city": "y",
                "country": "z", "phone": "call us", "email": "nope"}),
        )
        .await;
    assert_eq!(status, 422, "{bad}");
    assert_eq!(error_fields(&bad), ["name", "phone", "email"]);
    let (status, saved) = admin.put("/api/admin/settings/restaurant", page).await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["about"]["fr"], "Depuis 1998.\nÀ Paris.");
    let home = app.get("/").await.text().await.unwrap();
    assert!(home.contains("Chez Margot &amp; Fils"), "the home page");

    let log: Vec<Value> = {
        let (_, body) = admin.get("/api/admin/audit").await;
        body["entries"].as_array().unwrap().clone()
    };
    assert_eq!(log[0]["subject"], "restaurant");
    assert!(log[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["field"] == "name" && c["after"] == "Chez Margot & Fils"));
    assert_eq!(log[1]["subject"], "rules");
    let changed: Vec<&str> = log[1]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert!(changed.contains(&"max_advance_days"), "{changed:?}");
    assert!(!changed.contains(&"min_party"), "{changed:?}");
    let (status, bad) = admin.get("/api/admin/audit?before=x").await;
    assert_eq!(status, 422, "{bad}");
    let (status, older) = admin
        .get(&format!("/api/admin/audit?before={}", log[1]["id"]))
        .await;
    assert_eq!(status, 200);
    assert_eq!(older["entries"], json!([]));
}

/// A Sunday brunch: offered to diners under its name, listed, filtered on,
/// audited; a name outside the list is refused and changes nothing.
async fn a_service_is_named_beyond_lunch_and_dinner(db: Db) {
    let app = TestApp::spawn(db).await;
    let mut admin = app.signed_in(Role::Admin).await;
    let sunday = dates::next_after(&app, Weekday::Sun, 8).await.to_string();
    let periods = |body: &Value| -> Vec<(String, String)> {
        body["slots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["period"].as_str().unwrap().to_owned(),
                    s["time"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let availability = format!("/api/availability?date={sunday}&party_size=2");
    let (_, before) = app.get_json(&availability).await;
    assert!(!periods(&before).iter().any(|(p, _)| p == "brunch"));

    let (status, body) = admin
        .post(
            "/api/admin/settings/hours",
            json!({"weekdays": ["sunday"], "kind": "supper", "opens": "09:30",
                "last_seating": "10:30", "closes": "11:30"}),
        )
        .await;
    assert_eq!(
        (status, error_fields(&body)),
        (422, vec!["kind".to_owned()])
    );
    let (status, body) = admin
        .post(
            "/api/admin/settings/hours",
            json!({"weekdays": ["sunday"], "kind": "brunch", "opens": "09:30",
                "last_seating": "10:30", "closes": "11:30", "slot_interval_minutes": 30}),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    // Diners are offered it at once, under its name.
    let (status, after) = app.get_json(&availability).await;
    assert_eq!(status, 200, "{after}");
    let brunch: Vec<String> = periods(&after)
        .into_iter()
        .filter(|(p, _)| p == "brunch")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(brunch, ["09:30", "10:00", "10:30"]);
    let hours = settings(&mut admin).await["hours"].clone();
    assert!(hours
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["weekday"] == "sunday" && p["kind"] == "brunch" && p["opens"] == "09:30"));
    let log = audit(&mut admin).await;
    assert_eq!(
        (&log[0]["subject"], &log[0]["action"], &log[0]["label"]),
        (&json!("hours"), &json!("create"), &json!("sunday brunch"))
    );
    // Staff filter their list on it.
    let (status, body) = admin
        .get(&format!(
            "/api/admin/reservations?from={sunday}&to={sunday}&period=brunch"
        ))
        .await;
    assert_eq!(status, 200, "{body}");
}
