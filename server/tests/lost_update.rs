//! Partial updates are merged inside the booking transaction: two
//! concurrent changes of different fields of one booking both survive.

mod common;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use common::{Db, TestApp};
use serde_json::{json, Value};

on_both_backends!(concurrent_partial_updates_both_survive);

fn next_thursday() -> NaiveDate {
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let mut d = today.checked_add_days(Days::new(3)).unwrap();
    while d.weekday() != Weekday::Thu {
        d = d.succ_opt().unwrap();
    }
    d
}

async fn json_req(app: &TestApp, method: reqwest::Method, path: &str, body: Value) -> (u16, Value) {
    let res = app
        .client
        .request(method, app.url(path))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn concurrent_partial_updates_both_survive(db: Db) {
    let app = TestApp::spawn(db).await;
    let date = next_thursday();
    // Several rounds: a lost update shows up in most of them when the merge
    // happens outside the transaction.
    for (round, time) in ["19:00", "19:30", "20:00", "20:30", "21:00"]
        .iter()
        .enumerate()
    {
        let (status, booked) = json_req(
            &app,
            reqwest::Method::POST,
            "/api/reservations",
            json!({
                "date": date.to_string(), "time": time, "party_size": 2,
                "name": "Ada Lovelace", "email": format!("ada{round}@example.com"),
                "phone": "+33612345678", "locale": "en",
            }),
        )
        .await;
        assert_eq!(status, 201, "{booked}");
        let path = format!(
            "/api/reservations/manage/{}",
            booked["manage_token"].as_str().unwrap()
        );
        let phone = format!("+3361234{:04}", 5000 + round);
        let (a, b) = tokio::join!(
            json_req(&app, reqwest::Method::PUT, &path, json!({"party_size": 4})),
            json_req(&app, reqwest::Method::PUT, &path, json!({"phone": phone})),
        );
        assert_eq!((a.0, b.0), (200, 200), "{a:?} {b:?}");
        let res = app.client.get(app.url(&path)).send().await.unwrap();
        let now: Value = res.json().await.unwrap();
        assert_eq!(
            now["party_size"], 4,
            "round {round}: the party size survives"
        );
        assert_eq!(
            now["phone"],
            phone.as_str(),
            "round {round}: the phone survives"
        );
        // Fields nobody patched keep their value.
        assert_eq!(now["name"], "Ada Lovelace");
        assert_eq!(now["time"], *time);
    }
    app.stop().await;
}
