//! The host stand's day ("Today" and the timeline read the same day sheet)
//! for a 60-table restaurant with 300 bookings that day, over a history of
//! past bookings, on SQLite and on PostgreSQL:
//! `cargo bench -p backend --bench day` (PostgreSQL too when it answers on
//! 127.0.0.1:5432; `--sqlite-only` skips it; `--history N` sets the number
//! of past bookings, 50,000 by default).
//!
//! Not a test: it prints the median and worst of 30 runs. The goal
//! (issue 11): < 30 ms server time (p50) on both databases.

mod common;

use backend::services::booking;
use backend::store::{DatabaseUrl, ImportedReservation, Store};
use chrono::{Datelike, NaiveTime, TimeDelta};
use domain::ReservationStatus;
use std::time::{Duration, Instant};

const RUNS: usize = 30;
/// Tables of the restaurant (the demo's and more).
const TABLES: usize = 60;
/// Bookings on the measured day, spread over every table.
const DAY_BOOKINGS: usize = 300;

fn booking(
    reference: String,
    start: chrono::DateTime<chrono::Utc>,
    table: i64,
    i: usize,
    status: ReservationStatus,
) -> ImportedReservation {
    ImportedReservation {
        reference,
        status,
        starts_at: start,
        ends_at: start + TimeDelta::minutes(90),
        party_size: 2 + (i % 3) as u32,
        guest_name: format!("Guest {i}"),
        guest_email: format!("guest{i}@example.com"),
        guest_phone: format!("+336{i:08}"),
        notes: if i.is_multiple_of(7) {
            "Allergie aux noix, anniversaire".into()
        } else {
            String::new()
        },
        locale: "fr".into(),
        created_at: start - TimeDelta::days(3),
        table_ids: vec![table],
    }
}

async fn bench(label: &str, url: &str, history: usize) {
    let url = DatabaseUrl::parse(url).expect("database URL");
    let (store, _) = Store::open(&url).await.expect("open the database");
    backend::seed::seed_demo(&store)
        .await
        .expect("demo restaurant");
    let setup = store.setup().await.expect("setup");
    let restaurant = setup.restaurant.id;
    // The other tables, ten to an area, through the store as the setup
    // screens write them.
    let mut area = 0;
    let by = backend::store::Author {
        user_id: None,
        at: backend::now(),
    };
    for i in 0..TABLES.saturating_sub(setup.booking.tables.len()) {
        if i % 10 == 0 {
            let form = domain::AreaForm {
                name: format!("Grande salle {}", 1 + i / 10),
            };
            area = store
                .create_area(restaurant, &form, by)
                .await
                .expect("area");
        }
        let form = domain::TableForm {
            name: format!("G{}", i + 1),
            area_id: area,
            min_seats: 2,
            max_seats: 4,
            bookable_online: true,
            active: true,
            shape: domain::TableShape::Square,
            x: u32::try_from(i % 10).unwrap_or(0) * 3,
            y: 0,
            width: 2,
            height: 2,
            rotation: 0,
        };
        store
            .create_table(restaurant, &form, by)
            .await
            .expect("table");
    }
    let setup = store.setup().await.expect("setup");
    let tables: Vec<i64> = setup.booking.tables.iter().map(|t| t.id).collect();
    let tz: chrono_tz::Tz = setup.restaurant.time_zone.parse().expect("time zone");
    let now = backend::now();
    // A Thursday four weeks ahead (past the demo's year-end exceptions),
    // in the restaurant's calendar.
    let mut date = now.with_timezone(&tz).date_naive() + TimeDelta::days(28);
    while date.weekday() != chrono::Weekday::Thu {
        date += TimeDelta::days(1);
    }
    let began = Instant::now();
    // The day: every table turns five times (12:00 to 23:30).
    let mut rows = Vec::new();
    let seatings = ["12:00", "13:45", "18:30", "20:15", "22:00"];
    for i in 0..DAY_BOOKINGS {
        let table = tables[i % tables.len()];
        let seating = seatings[(i / tables.len()) % seatings.len()];
        let local = date.and_time(NaiveTime::parse_from_str(seating, "%H:%M").expect("time"));
        let start = local
            .and_local_timezone(tz)
            .single()
            .expect("a plain local time")
            .to_utc();
        let status = match i % 10 {
            0 => ReservationStatus::Cancelled,
            1 => ReservationStatus::PendingConfirmation,
            _ => ReservationStatus::Confirmed,
        };
        rows.push(booking(format!("D{i:07}"), start, table, i, status));
    }
    store
        .import_reservations(restaurant, &rows)
        .await
        .expect("the day's bookings");
    // The history: past bookings that hold no table any more.
    rows.clear();
    for i in 0..history {
        let start = now
            - TimeDelta::days(1 + (i % 730) as i64)
            - TimeDelta::minutes(((i * 37) % 600) as i64);
        let status = if i.is_multiple_of(12) {
            ReservationStatus::NoShow
        } else {
            ReservationStatus::Completed
        };
        rows.push(booking(
            format!("H{i:07}"),
            start,
            tables[i % tables.len()],
            i,
            status,
        ));
        if rows.len() == 1_000 {
            store
                .import_reservations(restaurant, &rows)
                .await
                .expect("history");
            rows.clear();
        }
    }
    if !rows.is_empty() {
        store
            .import_reservations(restaurant, &rows)
            .await
            .expect("history");
    }
    match store.pool() {
        backend::store::Pool::Sqlite(pool) => {
            sqlx::query("ANALYZE").execute(pool).await.expect("analyze");
        }
        backend::store::Pool::Postgres(pool) => {
            sqlx::query("VACUUM ANALYZE")
                .execute(pool)
                .await
                .expect("analyze");
        }
    }
    println!(
        "\n{label}: {} tables, {DAY_BOOKINGS} bookings on {date} and {history} past, written in {:.1} s",
        tables.len(),
        began.elapsed().as_secs_f64()
    );
    let who = common::staff();
    let sheet = booking::day_sheet(&store, now, Some(&who), Some(date))
        .await
        .expect("day sheet");
    assert_eq!(
        sheet.reservations.len(),
        DAY_BOOKINGS,
        "every booking of the day is read"
    );
    let mut all: Vec<Duration> = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let start = Instant::now();
        let day = booking::day_sheet(&store, now, Some(&who), Some(date))
            .await
            .expect("day sheet");
        all.push(start.elapsed());
        std::hint::black_box(day);
    }
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{:<44} {:>10} {:>10}\n{:<44} {:>10.2} {:>10.2}",
        "query",
        "median ms",
        "worst ms",
        "day sheet (Today and the timeline)",
        ms(all[RUNS / 2]),
        ms(all[RUNS - 1])
    );
    store.close().await;
}

#[tokio::main]
async fn main() {
    let history = common::number_arg("--history", 50_000);
    common::on_both_databases("day", |label, url| async move {
        bench(label, &url, history).await;
    })
    .await;
}
