//! Dates the tests book on: ordinary service days of the test app's
//! restaurant. The demo restaurant closes 24–26 December and has special
//! hours on 31 December (`booking_exceptions`); a "next Thursday" that
//! ignored them would fail every December.

use super::TestApp;
use chrono::{Datelike, Days, NaiveDate, Utc, Weekday};

/// Tests book at least this many days ahead (well past the notice period,
/// well before the guest cut-off).
pub const MIN_DAYS: u64 = 3;

/// The first `weekday` at least [`MIN_DAYS`] after today (in the
/// restaurant's time zone) that has no exception (closure or special hours).
pub async fn next(app: &TestApp, weekday: Weekday) -> NaiveDate {
    next_after(app, weekday, MIN_DAYS).await
}

/// [`next`], at least `min_days` ahead.
pub async fn next_after(app: &TestApp, weekday: Weekday, min_days: u64) -> NaiveDate {
    let restaurant = app.store.primary_restaurant().await.unwrap();
    let tz: chrono_tz::Tz = restaurant.time_zone.parse().unwrap();
    let today = Utc::now().with_timezone(&tz).date_naive();
    next_from(app, weekday, today + Days::new(min_days)).await
}

/// The first `weekday` on or after `from` without an exception.
pub async fn next_from(app: &TestApp, weekday: Weekday, from: NaiveDate) -> NaiveDate {
    let exceptions = exceptions(app).await;
    let mut day = from;
    loop {
        let special = exceptions
            .iter()
            .any(|(first, last)| (*first..=*last).contains(&day));
        if day.weekday() == weekday && !special {
            return day;
        }
        day = day.succ_opt().unwrap();
    }
}

/// (first day, last day) of every exception of the restaurant.
pub async fn exceptions(app: &TestApp) -> Vec<(NaiveDate, NaiveDate)> {
    let id = app.restaurant_id().await;
    let rows: Vec<(String, String)> = on_store!(&app.store, pool => sqlx::query_as(
        "SELECT starts_on, ends_on FROM booking_exceptions WHERE restaurant_id = $1 \
         ORDER BY starts_on")
        .bind(id).fetch_all(pool).await.unwrap());
    rows.iter()
        .map(|(first, last)| (first.parse().unwrap(), last.parse().unwrap()))
        .collect()
}
