//! The home page's next free times for two: the first bookable times from
//! now on, in order, as the booking wizard's days show them; a time taken
//! on the last table is no longer offered.

use super::only_table;
use crate::helpers::{Booking, Db, TestApp};
use chrono::{Days, NaiveDate};
use serde_json::Value;

on_both_backends!(next_free_times_are_the_first_bookable_ones_and_follow_bookings);

/// The first `count` available times for two, day by day from `today`,
/// read from the wizard's day view (`booking_day`).
async fn first_available(app: &TestApp, today: NaiveDate, count: usize) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for offset in 0..14 {
        let date = (today + Days::new(offset)).format("%Y-%m-%d").to_string();
        let (status, day) = app
            .server_fn("booking_day", &[("party", "2"), ("date", &date)])
            .await;
        assert_eq!(status, 200, "{day}");
        for period in day["periods"].as_array().unwrap() {
            for slot in period["slots"].as_array().unwrap() {
                if slot["available"] == true {
                    found.push((date.clone(), slot["time"].as_str().unwrap().to_owned()));
                }
            }
        }
        if found.len() >= count {
            break;
        }
    }
    found.truncate(count);
    found
}

fn slots(next: &Value) -> Vec<(String, String)> {
    next["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["date"].as_str().unwrap().to_owned(),
                s["time"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

async fn next_free_times_are_the_first_bookable_ones_and_follow_bookings(db: Db) {
    let app = TestApp::spawn(db).await;
    only_table(&app, "T1").await;
    let (status, next) = app.server_fn("next_free", &[]).await;
    assert_eq!(status, 200, "{next}");
    assert_eq!(next["party_size"], 2);
    let restaurant = app.store.primary_restaurant().await.unwrap();
    let tz: chrono_tz::Tz = restaurant.time_zone.parse().unwrap();
    let today = chrono::Utc::now().with_timezone(&tz).date_naive();
    assert_eq!(next["today"], today.format("%Y-%m-%d").to_string());
    let offered = slots(&next);
    assert_eq!(offered.len(), 4, "{next}");
    assert_eq!(offered, first_available(&app, today, 4).await);

    // The first time offered, taken on the only table, is offered no more.
    let (date, time) = offered[0].clone();
    let date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap();
    app.book(&Booking::at(date, &time)).await;
    let (_, after) = app.server_fn("next_free", &[]).await;
    let after = slots(&after);
    assert!(!after.contains(&offered[0]), "{after:?}");
    assert_eq!(after, first_available(&app, today, 4).await);
    app.stop().await;
}
