//! The staff's payments list: its rows, its status and kind filters, the
//! filters at fault named together, the CSV file, and the money moved each
//! day (deposits collected, refunds, no-show fees) against the sums of what
//! the test paid, refunded and charged.

use super::{thursday, PaidApp};
use crate::helpers::{reference, Booking, Client, Db, Role};
use chrono::{TimeDelta, Utc};
use serde_json::{json, Value};

on_both_backends!(
    the_payments_list_filters_exports_and_adds_up,
    bad_filters_are_each_named,
);

/// A booking whose payment was made: its reference and id.
async fn paid_booking(paid: &PaidApp, booking: &Booking) -> (String, i64) {
    let created = paid.book_pending(booking).await;
    let session = paid.session_of(&created).await;
    paid.stripe.pay(&session).await;
    let reference = reference(&created);
    let id = paid
        .app
        .count(&format!(
            "SELECT id FROM reservations WHERE reference = '{reference}'"
        ))
        .await;
    (reference, id)
}

/// A GET answered with text: (status, headers' content type and
/// disposition, body).
async fn text(paid: &PaidApp, staff: &Client, path: &str) -> (u16, String, String, String) {
    let res = paid
        .app
        .http
        .get(paid.app.url(path))
        .header("cookie", staff.cookie.clone().unwrap())
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (kind, disposition) = (header("content-type"), header("content-disposition"));
    (
        res.status().as_u16(),
        kind,
        disposition,
        res.text().await.unwrap(),
    )
}

/// RFC 4180: fields split on commas outside quotes, `""` a quote.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(field.is_empty() && row.is_empty(), "a last line ends");
    rows
}

async fn the_payments_list_filters_exports_and_adds_up(db: Db) {
    let paid = PaidApp::spawn(db).await;
    paid.deposits().await;
    let date = thursday(&paid.app).await;
    let at = |time: &str, name: &str, email: &str| Booking::at(date, time).name(name).email(email);
    // Deposits of 15.00 a guest: two paid (one refunded in part), one
    // left to pay.
    let (ada, ada_id) = paid_booking(
        &paid,
        &at("19:30", "=Lovelace, Ada", "ada@example.com").party(4),
    )
    .await;
    let (grace, _) = paid_booking(&paid, &at("20:00", "Grace Hopper", "grace@example.com")).await;
    let alan = reference(
        &paid
            .book_pending(&at("20:30", "Alan Turing", "alan@example.com").party(3))
            .await,
    );
    let mut staff = paid.app.signed_in(Role::Staff).await;
    let (status, body) = staff
        .post(
            &format!("/api/admin/reservations/{ada_id}/refunds"),
            json!({"amount_cents": 1000, "reason": "Dessert was late"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    // A card guarantee of 25.00 a guest, its no-show fee charged.
    paid.policy(json!({
        "mode": "guarantee", "no_show_fee_per_guest_cents": 2500, "from_party": 1,
        "hold_minutes": 10, "refund_cutoff_hours": 24, "late_refund_percent": 0,
    }))
    .await;
    let (kate, kate_id) =
        paid_booking(&paid, &at("21:00", "Katherine Johnson", "kate@example.com")).await;
    let (status, body) = staff
        .post(
            &format!("/api/admin/reservations/{kate_id}/status"),
            json!({"status": "no_show"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = staff
        .post(
            &format!("/api/admin/reservations/{kate_id}/no-show-fee"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");

    // The default dates: 30 days either side of the restaurant's today.
    let (status, list) = staff.get("/api/admin/payments").await;
    assert_eq!(status, 200, "{list}");
    let restaurant = paid.app.store.primary_restaurant().await.unwrap();
    let tz: chrono_tz::Tz = restaurant.time_zone.parse().unwrap();
    let today = Utc::now().with_timezone(&tz).date_naive();
    assert_eq!(list["from"], (today - TimeDelta::days(30)).to_string());
    assert_eq!(list["to"], (today + TimeDelta::days(30)).to_string());
    assert_eq!(
        (&list["currency"], &list["more"]),
        (&json!("eur"), &json!(false))
    );
    let rows = list["payments"].as_array().unwrap();
    let refs: Vec<&str> = rows
        .iter()
        .map(|r| r["reference"].as_str().unwrap())
        .collect();
    assert_eq!(refs, [&ada, &grace, &alan, &kate], "by the booking's time");
    let row = |r: &str| rows.iter().find(|p| p["reference"] == r).unwrap().clone();
    let first = row(&ada);
    assert_eq!(first["reservation_id"], ada_id);
    assert_eq!(
        (
            &first["date"],
            &first["time"],
            &first["guest"],
            &first["party_size"]
        ),
        (
            &json!(date.to_string()),
            &json!("19:30"),
            &json!("=Lovelace, Ada"),
            &json!(4)
        )
    );
    let money = |p: &Value| {
        (
            p["kind"].as_str().unwrap().to_owned(),
            p["status"].as_str().unwrap().to_owned(),
            [
                &p["amount_cents"],
                &p["paid_cents"],
                &p["refunded_cents"],
                &p["fee_charged_cents"],
            ]
            .map(|v| v.as_i64().unwrap()),
        )
    };
    let expect =
        |kind: &str, status: &str, cents: [i64; 4]| (kind.to_owned(), status.to_owned(), cents);
    assert_eq!(
        money(&first),
        expect("deposit", "paid", [6000, 6000, 1000, 0])
    );
    assert_eq!(
        money(&row(&grace)),
        expect("deposit", "paid", [3000, 3000, 0, 0])
    );
    assert_eq!(
        money(&row(&alan)),
        expect("deposit", "pending", [4500, 0, 0, 0])
    );
    assert_eq!(
        money(&row(&kate)),
        expect("guarantee", "fee_charged", [5000, 0, 0, 5000])
    );

    // The money moved each day is what the test paid, refunded, charged.
    let (collected, refunded, fees) = (6000 + 3000, 1000, 5000);
    assert_eq!(
        list["totals"],
        json!({"collected_cents": collected, "refunded_cents": refunded, "fees_cents": fees})
    );
    let days = list["days"].as_array().unwrap();
    assert!(
        !days.is_empty() && days.len() <= 2,
        "today (and maybe a midnight): {days:?}"
    );
    let sum = |key: &str| days.iter().map(|d| d[key].as_i64().unwrap()).sum::<i64>();
    assert_eq!(
        (
            sum("collected_cents"),
            sum("refunded_cents"),
            sum("fees_cents")
        ),
        (collected, refunded, fees)
    );
    let around = [
        today - TimeDelta::days(1),
        today,
        today + TimeDelta::days(1),
    ]
    .map(|d| d.to_string());
    assert!(
        days.iter()
            .all(|d| around.contains(&d["date"].as_str().unwrap().to_owned())),
        "{days:?}"
    );
    // The host stand's day shows the money of each day it is asked for
    // (the one of its date, whatever the bookings' dates); none, none.
    for day in days {
        let (status, sheet) = staff
            .get(&format!(
                "/api/admin/day?date={}",
                day["date"].as_str().unwrap()
            ))
            .await;
        assert_eq!(status, 200, "{sheet}");
        assert_eq!(&sheet["money"], day, "the day sheet's money");
    }
    let (_, sheet) = staff.get(&format!("/api/admin/day?date={date}")).await;
    assert_eq!(sheet["money"], Value::Null, "no money moved on {date}");

    // Dates with no money moved: no day, nothing in the totals.
    let ahead = format!("/api/admin/payments?from={date}&to={date}");
    let (status, later) = staff.get(&ahead).await;
    assert_eq!(status, 200, "{later}");
    assert_eq!(later["payments"].as_array().unwrap().len(), 4);
    assert_eq!(
        (
            later["days"].clone(),
            later["totals"]["collected_cents"].clone()
        ),
        (json!([]), json!(0))
    );

    // The filters.
    let refs_of = |list: &Value| -> Vec<String> {
        list["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["reference"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, found) = staff.get("/api/admin/payments?status=paid").await;
    assert_eq!(refs_of(&found), [ada.as_str(), grace.as_str()]);
    let (_, found) = staff
        .get("/api/admin/payments?status=pending&kind=deposit")
        .await;
    assert_eq!(refs_of(&found), [alan.as_str()]);
    let (_, found) = staff.get("/api/admin/payments?kind=guarantee").await;
    assert_eq!(refs_of(&found), [kate.as_str()]);
    let (_, found) = staff
        .get("/api/admin/payments?kind=guarantee&status=paid")
        .await;
    assert!(refs_of(&found).is_empty());
    assert_eq!(
        found["totals"]["fees_cents"], fees,
        "the figures are the dates'"
    );
    let day_before = date - TimeDelta::days(1);
    let (_, found) = staff
        .get(&format!(
            "/api/admin/payments?from={day_before}&to={day_before}"
        ))
        .await;
    assert!(refs_of(&found).is_empty());

    // The CSV: the same payments, the same filters.
    let (status, kind, disposition, csv) = text(&paid, &staff, "/api/admin/payments.csv").await;
    assert_eq!(status, 200, "{csv}");
    assert_eq!(kind, "text/csv; charset=utf-8");
    let name = format!(
        "attachment; filename=\"payments-{}-{}.csv\"",
        list["from"].as_str().unwrap(),
        list["to"].as_str().unwrap()
    );
    assert_eq!(disposition, name);
    let lines = csv_rows(&csv);
    assert_eq!(
        lines[0],
        [
            "reference",
            "date",
            "time",
            "guest",
            "party",
            "kind",
            "status",
            "amount",
            "refunded",
            "fee",
            "currency"
        ]
    );
    assert_eq!(lines.len(), 1 + 4, "{csv}");
    let d = date.to_string();
    assert_eq!(
        lines[1],
        [
            ada.as_str(),
            &d,
            "19:30",
            "'=Lovelace, Ada",
            "4",
            "deposit",
            "paid",
            "60.00",
            "10.00",
            "0.00",
            "eur"
        ]
    );
    assert_eq!(
        lines[3],
        [
            alan.as_str(),
            &d,
            "20:30",
            "Alan Turing",
            "3",
            "deposit",
            "pending",
            "45.00",
            "0.00",
            "0.00",
            "eur"
        ]
    );
    assert_eq!(
        lines[4],
        [
            kate.as_str(),
            &d,
            "21:00",
            "Katherine Johnson",
            "2",
            "guarantee",
            "fee_charged",
            "50.00",
            "0.00",
            "50.00",
            "eur"
        ]
    );
    let (status, _, _, csv) = text(
        &paid,
        &staff,
        "/api/admin/payments.csv?kind=deposit&status=paid",
    )
    .await;
    assert_eq!(status, 200);
    let refs: Vec<String> = csv_rows(&csv)
        .into_iter()
        .skip(1)
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(refs, [ada.as_str(), grace.as_str()]);
    // A filter at fault: a JSON error, no file.
    let (status, body) = staff.get("/api/admin/payments.csv?kind=cash").await;
    assert_eq!((status, &body["error"]["field"]), (422, &json!("kind")));

    // The staff's screen, before any script: the filters as the query
    // string, the rows, the file of the same query, the day figures.
    let cookie = staff.cookie.clone();
    let (status, page) = paid
        .app
        .page(
            "/admin/payments?status=paid&kind=",
            Some("en"),
            cookie.as_deref(),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        page.contains(r#"<a href="/admin/payments""#),
        "in the navigation"
    );
    assert!(page.contains(&format!(r#"href="/admin/reservations/{ada_id}""#)));
    assert!(
        page.contains(&grace) && !page.contains(&alan),
        "paid ones only"
    );
    let file = format!(
        "/api/admin/payments.csv?from={}&amp;to={}&amp;status=paid",
        list["from"].as_str().unwrap(),
        list["to"].as_str().unwrap()
    );
    assert!(page.contains(&file), "the CSV of the same query");
    assert!(page.contains("Deposits received") && page.contains("€90.00"));
    assert!(page.contains("€10.00") && page.contains("€50.00"));
    let (status, page) = paid
        .app
        .page(
            "/admin/payments?from=2026-03-02&to=2026-03-01",
            Some("en"),
            cookie.as_deref(),
        )
        .await;
    assert_eq!(status, 422, "the filters' fault");
    assert!(page.contains("The last date must be a date, on or after the first one."));
    paid.stop().await;
}

async fn bad_filters_are_each_named(db: Db) {
    let paid = PaidApp::spawn(db).await;
    let mut staff = paid.app.signed_in(Role::Staff).await;
    let fields = |body: &Value| -> Vec<(String, String)> {
        body["error"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["field"].as_str().unwrap().to_owned(),
                    f["reason"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    let named = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(f, r)| (f.to_string(), r.to_string()))
            .collect()
    };
    let (status, body) = staff
        .get("/api/admin/payments?from=2026-13-01&to=soon&status=lost&kind=cash")
        .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(
        fields(&body),
        named(&[
            ("from", "invalid"),
            ("to", "invalid"),
            ("status", "invalid"),
            ("kind", "invalid")
        ])
    );
    let (status, body) = staff
        .get("/api/admin/payments?from=2026-03-02&to=2026-03-01")
        .await;
    assert_eq!((status, fields(&body)), (422, named(&[("to", "invalid")])));
    let (status, body) = staff
        .get("/api/admin/payments?from=2026-01-01&to=2027-01-03")
        .await;
    assert_eq!((status, fields(&body)), (422, named(&[("to", "too_long")])));
    // An empty value is no value the API lists, even with other faults.
    let (status, body) = staff
        .get("/api/admin/payments?from=&status=lost&kind=")
        .await;
    assert_eq!(
        (status, fields(&body)),
        (
            422,
            named(&[
                ("from", "invalid"),
                ("status", "invalid"),
                ("kind", "invalid")
            ])
        )
    );
    let (status, body) = staff.get("/api/admin/payments?sort=time").await;
    assert_eq!(status, 422, "an unknown filter: {body}");
    let (status, body) = staff
        .get("/api/admin/payments?from=2026-01-01&to=2027-01-01")
        .await;
    assert_eq!(status, 200, "366 days: {body}");
    assert_eq!(body["payments"], json!([]));
    paid.stop().await;
}
