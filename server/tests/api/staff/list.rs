//! `GET /api/admin/reservations` (filters, search, sort, pages by cursor),
//! its CSV export and `POST /api/admin/reservations/bulk`.

use super::today::{imported, local_date};
use crate::helpers::{Client, Db, Role, TestApp};
use chrono::{TimeDelta, Utc};
use domain::ReservationStatus;
use serde_json::{json, Value};

on_both_backends!(
    staff_filter_search_and_page_through_the_list,
    the_export_is_the_filtered_list_as_csv,
    bulk_actions_change_what_they_can_and_report_the_rest,
    the_list_keeps_one_service,
    a_common_search_counts_up_to_its_cap,
);

fn references(page: &Value) -> Vec<String> {
    page["reservations"]
        .as_array()
        .unwrap_or_else(|| panic!("no reservations in {page}"))
        .iter()
        .map(|r| r["reference"].as_str().unwrap().to_owned())
        .collect()
}

/// Twelve bookings a day apart from tomorrow, at the first table (ten
/// guests in all on the even days), and what tables there are.
async fn twelve_days(app: &TestApp) -> (String, String) {
    let mut staff = app.signed_in(Role::Staff).await;
    let (_, today) = staff.get("/api/admin/day").await;
    let table = today["tables"][0]["id"].as_i64().unwrap();
    let start = Utc::now() + TimeDelta::days(1);
    let rows: Vec<_> = (0..12)
        .map(|i| {
            let mut r = imported(
                &format!("LIST{i:02}"),
                start + TimeDelta::days(i),
                table,
                if i % 2 == 0 { 2 } else { 5 },
                if i == 3 {
                    ReservationStatus::Cancelled
                } else {
                    ReservationStatus::Confirmed
                },
                if i == 4 {
                    "Allergic to 100% of nuts"
                } else {
                    ""
                },
            );
            if i == 7 {
                r.guest_name = "Éloïse O'Brien".into();
                r.guest_phone = "+33 6 98 76 54 32".into();
            }
            r
        })
        .collect();
    let restaurant = app.restaurant_id().await;
    app.store
        .import_reservations(restaurant, &rows)
        .await
        .unwrap();
    app.execute("UPDATE reservations SET source = 'phone' WHERE reference IN ('LIST01', 'LIST02')")
        .await;
    let first = local_date(app, rows[0].starts_at).await;
    let last = local_date(app, rows[11].starts_at).await;
    (first, last)
}

async fn list(staff: &mut Client, query: &str) -> Value {
    let (status, page) = staff.get(&format!("/api/admin/reservations?{query}")).await;
    assert_eq!(status, 200, "{query}: {page}");
    page
}

async fn staff_filter_search_and_page_through_the_list(db: Db) {
    let app = TestApp::spawn(db).await;
    let (first, last) = twelve_days(&app).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let range = format!("from={first}&to={last}");

    let all = list(&mut staff, &range).await;
    let expected: Vec<String> = (0..12).map(|i| format!("LIST{i:02}")).collect();
    assert_eq!(references(&all), expected);
    assert_eq!(
        (all["matched"].as_u64(), all["covers"].as_u64()),
        (Some(12), Some(42))
    );
    assert_eq!(
        (all["from"].as_str(), all["to"].as_str()),
        (Some(first.as_str()), Some(last.as_str()))
    );
    assert!(all["next"].is_null());
    assert_eq!(
        all["reservations"][0]["table_names"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Pages of five by cursor, in both orders: every booking once.
    for (sort, order) in [
        ("time", expected.clone()),
        ("-time", expected.iter().rev().cloned().collect()),
    ] {
        let mut seen = Vec::new();
        let mut after = String::new();
        for _ in 0..5 {
            let page = list(&mut staff, &format!("{range}&sort={sort}&limit=5{after}")).await;
            assert_eq!(page["matched"], 12, "every page counts them all");
            seen.extend(references(&page));
            match page["next"].as_str() {
                Some(next) => after = format!("&after={next}"),
                None => break,
            }
        }
        assert_eq!(seen, order, "{sort}");
    }

    // Filters, alone and together.
    let cases: [(&str, &[&str]); 11] = [
        ("status=cancelled", &["LIST03"]),
        ("source=phone", &["LIST01", "LIST02"]),
        ("source=phone&party_min=3", &["LIST01"]),
        (
            "party_min=5&party_max=5&status=confirmed",
            &["LIST01", "LIST05", "LIST07", "LIST09", "LIST11"],
        ),
        // Search: name (any case), reference, phone digits, e-mail, and
        // a `%` that is only a character.
        ("q=LO%C3%8FSE%20o%27b", &["LIST07"]),
        ("q=list1", &["LIST10", "LIST11"]),
        ("q=98%2076", &["LIST07"]),
        ("q=100%25", &[]),
        // Any letter's case ("ÉLOÏ"), two characters only, and the
        // digits of a number typed with spaces.
        ("q=%C3%89LO%C3%8F", &["LIST07"]),
        ("q=O%27", &["LIST07"]),
        ("q=698%2076%2054", &["LIST07"]),
    ];
    for (query, want) in cases {
        let page = list(&mut staff, &format!("{range}&{query}")).await;
        assert_eq!(references(&page), want, "{query}");
        assert_eq!(page["matched"].as_u64(), Some(want.len() as u64), "{query}");
    }
    let page = list(&mut staff, &format!("{range}&q=list04%40example")).await;
    assert_eq!(references(&page), ["LIST04"]);
    // A guest's new name is found at once, the old one no more.
    app.execute("UPDATE reservations SET guest_name = 'Zoë Zimmer' WHERE reference = 'LIST05'")
        .await;
    let page = list(&mut staff, &format!("{range}&q=zimmer")).await;
    assert_eq!(references(&page), ["LIST05"]);
    let page = list(&mut staff, &format!("{range}&q=guest%20list05")).await;
    assert_eq!(references(&page), Vec::<String>::new());
    // The day before the first booking: nothing.
    let page = list(&mut staff, &format!("to={first}&from={first}&q=list01")).await;
    assert_eq!(references(&page), Vec::<String>::new());

    // Bad filters are named, all at once; nothing else happens.
    let (status, body) = staff
        .get("/api/admin/reservations?from=2026-02-30&status=lost&party_min=0&sort=name&after=x")
        .await;
    assert_eq!(status, 422, "{body}");
    let fields = crate::helpers::error_fields(&body);
    assert_eq!(fields, ["from", "status", "party_min", "sort", "after"]);
    let (status, body) = staff
        .get("/api/admin/reservations?from=2026-01-01&to=2027-06-01")
        .await;
    assert_eq!((status, &body["error"]["field"]), (422, &json!("to")));
    let (status, _) = staff.get("/api/admin/reservations?colour=red").await;
    assert_eq!(status, 422);
    // Over the API an empty value is not a filter left out (an empty
    // search is).
    let (status, body) = staff.get("/api/admin/reservations?to=&q=").await;
    assert_eq!((status, &body["error"]["field"]), (422, &json!("to")));

    // Staff only.
    let mut diner = app.signed_in(Role::Diner).await;
    assert_eq!(diner.get("/api/admin/reservations").await.0, 403);
    assert_eq!(app.client().get("/api/admin/reservations").await.0, 401);
    app.stop().await;
}

async fn the_export_is_the_filtered_list_as_csv(db: Db) {
    let app = TestApp::spawn(db).await;
    let (first, last) = twelve_days(&app).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let path =
        format!("/api/admin/reservations.csv?from={first}&to={last}&status=confirmed&limit=1");
    let res = app
        .http
        .get(app.url(&path))
        .header("cookie", staff.cookie.clone().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let csv = res.text().await.unwrap();
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "\u{feff}reference,date,time,end_time,party_size,name,email,phone,status,source,tables,notes");
    // Every confirmed booking (the page length does not apply), in order.
    assert_eq!(lines.len(), 1 + 11, "{csv}");
    assert!(lines[1].starts_with("LIST00,"), "{}", lines[1]);
    assert!(lines.iter().all(|l| !l.contains("LIST03")));
    let ada = lines.iter().find(|l| l.starts_with("LIST07,")).unwrap();
    assert!(
        ada.contains(",Éloïse O'Brien,list07@example.com,+33 6 98 76 54 32,confirmed,online,"),
        "{ada}"
    );
    // A filter at fault: a JSON error, no file.
    let (status, body) = staff.get("/api/admin/reservations.csv?status=lost").await;
    assert_eq!((status, &body["error"]["field"]), (422, &json!("status")));
    let mut diner = app.signed_in(Role::Diner).await;
    assert_eq!(diner.get("/api/admin/reservations.csv").await.0, 403);
    app.stop().await;
}

async fn bulk_actions_change_what_they_can_and_report_the_rest(db: Db) {
    let app = TestApp::spawn(db).await;
    let (first, last) = twelve_days(&app).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let page = list(&mut staff, &format!("from={first}&to={last}")).await;
    let id = |r: &str| {
        page["reservations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["reference"] == r)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    };
    let outbox = "SELECT COUNT(*) FROM outbox";
    let mails = app.count(outbox).await;

    // Bad input changes nothing.
    for (body, field) in [
        (json!({"action": "delete", "ids": [id("LIST00")]}), "action"),
        (json!({"action": "cancel", "ids": []}), "ids"),
        (
            json!({"action": "no_show", "ids": [id("LIST00")], "message": "hi"}),
            "message",
        ),
    ] {
        let (status, answer) = staff
            .post("/api/admin/reservations/bulk", body.clone())
            .await;
        assert_eq!(
            (status, &answer["error"]["field"]),
            (422, &json!(field)),
            "{body} → {answer}"
        );
    }
    assert_eq!(
        app.count("SELECT COUNT(*) FROM reservations WHERE status = 'cancelled'")
            .await,
        1
    );

    // Cancelled with a message: each guest e-mailed with it; the booking
    // already cancelled and an unknown id are reported, not fatal.
    let (status, done) = staff
        .post(
            "/api/admin/reservations/bulk",
            json!({
                "action": "cancel",
                "ids": [id("LIST00"), id("LIST01"), id("LIST03"), 999_999],
                "message": "Our kitchen is closed for repairs that evening."
            }),
        )
        .await;
    assert_eq!(status, 200, "{done}");
    assert_eq!(done["changed"], json!([id("LIST00"), id("LIST01")]));
    assert_eq!(
        done["refused"],
        json!([
            {"id": id("LIST03"), "reason": "status_refused"},
            {"id": 999_999, "reason": "not_found"}
        ])
    );
    assert_eq!(app.count(outbox).await, mails + 2);
    let with_message = "SELECT COUNT(*) FROM outbox WHERE payload LIKE '%closed for repairs%'";
    assert_eq!(app.count(with_message).await, 2);
    let history = format!(
        "SELECT COUNT(*) FROM reservation_events WHERE reservation_id = {} AND user_id IS NOT NULL",
        id("LIST00")
    );
    assert_eq!(app.count(&history).await, 1);

    // Diners cannot.
    let mut diner = app.signed_in(Role::Diner).await;
    let (status, _) = diner
        .post(
            "/api/admin/reservations/bulk",
            json!({"action": "no_show", "ids": [id("LIST02")]}),
        )
        .await;
    assert_eq!(status, 403);
    let still = format!(
        "SELECT COUNT(*) FROM reservations WHERE id = {} AND status = 'confirmed'",
        id("LIST02")
    );
    assert_eq!(app.count(&still).await, 1);
    app.stop().await;
}

/// Lunch and dinner of one Thursday (lunch closes at 14:30, dinner starts
/// at 19:00: the day is shared at 16:45), and a closed Monday.
async fn the_list_keeps_one_service(db: Db) {
    use chrono::{NaiveTime, TimeZone, Weekday};
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    let (_, today) = staff.get("/api/admin/day").await;
    let tables = super::today::table_ids(&today);
    let thursday = crate::helpers::dates::next(&app, Weekday::Thu).await;
    let tz = super::today::restaurant_tz(&app).await;
    let at = |hm: &str| {
        let t = NaiveTime::parse_from_str(hm, "%H:%M").unwrap();
        tz.from_local_datetime(&thursday.and_time(t))
            .unwrap()
            .with_timezone(&Utc)
    };
    let times = ["11:00", "13:00", "16:30", "17:00", "20:00", "22:30"];
    let rows: Vec<_> = times
        .iter()
        .enumerate()
        .map(|(i, hm)| {
            imported(
                &format!("SERV{i:02}"),
                at(hm),
                tables[i],
                2,
                ReservationStatus::Confirmed,
                "",
            )
        })
        .collect();
    let restaurant = app.restaurant_id().await;
    app.store
        .import_reservations(restaurant, &rows)
        .await
        .unwrap();
    let day = format!("from={thursday}&to={thursday}");
    let lunch = list(&mut staff, &format!("{day}&period=lunch")).await;
    assert_eq!(references(&lunch), ["SERV00", "SERV01", "SERV02"]);
    assert_eq!(lunch["matched"], 3);
    let dinner = list(&mut staff, &format!("{day}&period=dinner&sort=-time")).await;
    assert_eq!(references(&dinner), ["SERV05", "SERV04", "SERV03"]);
    assert_eq!(
        (dinner["matched"].as_i64(), dinner["covers"].as_i64()),
        (Some(3), Some(6))
    );
    // Over a week: the same six (the other days have none); a closed
    // Monday alone has no service at all.
    let week = format!(
        "from={}&to={}",
        thursday - TimeDelta::days(3),
        thursday + TimeDelta::days(3)
    );
    assert_eq!(
        list(&mut staff, &format!("{week}&period=dinner")).await["matched"],
        3
    );
    let monday = crate::helpers::dates::next(&app, Weekday::Mon).await;
    let closed = list(
        &mut staff,
        &format!("from={monday}&to={monday}&period=dinner"),
    )
    .await;
    assert_eq!(closed["matched"], 0);
    // Not a service: refused, with the field.
    let (status, body) = staff
        .get(&format!("/api/admin/reservations?{day}&period=supper"))
        .await;
    assert_eq!(
        (status, &body["error"]["fields"][0]["field"]),
        (422, &json!("period"))
    );
    // The CSV export keeps the same service.
    let res = app
        .http
        .get(app.url(&format!("/api/admin/reservations.csv?{day}&period=lunch")))
        .header("cookie", staff.cookie.clone().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csv = res.text().await.unwrap();
    let lunch: Vec<&str> = csv
        .lines()
        .filter_map(|l| l.split(',').next())
        .filter(|r| r.starts_with("SERV"))
        .collect();
    assert_eq!(lunch, ["SERV00", "SERV01", "SERV02"], "{csv}");
    app.stop().await;
}

/// A search matching more bookings than the cap says "more than" (the
/// figures count the cap); narrowed below it, the count is exact again.
async fn a_common_search_counts_up_to_its_cap(db: Db) {
    use domain::ReservationFilter;
    let app = TestApp::spawn(db).await;
    let mut staff = app.signed_in(Role::Staff).await;
    // A table of its own, which no demo booking holds.
    let mut admin = app.signed_in(Role::Admin).await;
    let (_, area) = admin.post("/api/admin/areas", json!({"name": "Cap"})).await;
    let (status, table) = admin
        .post(
            "/api/admin/tables",
            json!({"name": "CAP1", "area_id": area["id"], "min_seats": 1, "max_seats": 4,
                "shape": "square", "x": 0, "y": 0, "width": 2, "height": 2, "rotation": 0}),
        )
        .await;
    assert_eq!(status, 201, "{table}");
    let table = table["id"].as_i64().unwrap();
    let cap = ReservationFilter::SEARCH_COUNT_CAP as i64;
    let start = Utc::now() + TimeDelta::days(1);
    // Two hours apart on one table: one more than the cap, and ten that
    // are cancelled among them.
    let rows: Vec<_> = (0..=cap)
        .map(|i| {
            let mut r = imported(
                &format!("CAP{i:05}"),
                start + TimeDelta::hours(2 * i),
                table,
                2,
                if i % 100 == 0 {
                    ReservationStatus::Cancelled
                } else {
                    ReservationStatus::Confirmed
                },
                "",
            );
            r.guest_name = format!("Capucine {i}");
            r
        })
        .collect();
    let restaurant = app.restaurant_id().await;
    app.store
        .import_reservations(restaurant, &rows)
        .await
        .unwrap();
    let from = local_date(&app, rows[0].starts_at).await;
    let to = local_date(&app, rows[cap as usize].starts_at).await;
    let range = format!("from={from}&to={to}");
    let all = list(&mut staff, &format!("{range}&q=capucine")).await;
    assert_eq!(
        (&all["matched"], &all["covers"], &all["more"]),
        (&json!(cap), &json!(2 * cap), &json!(true)),
        "{}",
        all["matched"]
    );
    assert_eq!(references(&all).len(), 50);
    let cancelled = list(&mut staff, &format!("{range}&q=capucine&status=cancelled")).await;
    assert_eq!(
        (
            &cancelled["matched"],
            &cancelled["covers"],
            &cancelled["more"]
        ),
        (&json!(11), &json!(22), &json!(false))
    );
    // Without a search the count is exact whatever its size.
    let every = list(&mut staff, &range).await;
    assert!(
        every["matched"].as_i64().unwrap() > cap,
        "{}",
        every["matched"]
    );
    assert_eq!(every["more"], false);
    app.stop().await;
}
