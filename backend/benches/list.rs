//! The staff's reservations list over two years of bookings (about 200,000,
//! as `server demo bookings` places them), on SQLite and on PostgreSQL:
//! `cargo bench -p backend --bench list` (PostgreSQL too when it answers
//! on 127.0.0.1:5432; `--sqlite-only` skips it; `--count N` sets the
//! number of bookings).
//!
//! Not a test: it prints figures (median and worst of 20 runs per query,
//! the plan of the page query, and the resident memory before and after
//! a CSV export of a whole year, which must stay flat). The goal
//! (issue 11): a page of the list in < 50 ms.

mod common;

use backend::services::booking;
use backend::store::ImportedReservation;
use backend::store::{DatabaseUrl, Store};
use domain::{ReservationFilter, ReservationFilterInput, ReservationStatus};
use std::time::{Duration, Instant};

const RUNS: usize = 20;

fn rss_mib() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1_048_576.0
}

fn filter(pairs: &[(&str, String)]) -> ReservationFilter {
    let mut input = ReservationFilterInput::default();
    for (k, v) in pairs {
        let v = Some(v.clone());
        match *k {
            "from" => input.from = v,
            "to" => input.to = v,
            "status" => input.status = v,
            "q" => input.q = v,
            "sort" => input.sort = v,
            "after" => input.after = v,
            "party_min" => input.party_min = v,
            other => panic!("no filter {other}"),
        }
    }
    ReservationFilter::parse(&input).expect("valid filters")
}

async fn time<F, Fut>(mut run: F) -> (Duration, Duration)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    run().await; // warm-up
    let mut all: Vec<Duration> = (0..RUNS).map(|_| Duration::ZERO).collect();
    for slot in all.iter_mut() {
        let start = Instant::now();
        std::hint::black_box(run().await);
        *slot = start.elapsed();
    }
    all.sort();
    (all[RUNS / 2], all[RUNS - 1])
}

async fn bench(label: &str, url: &str, count: usize) {
    let url = DatabaseUrl::parse(url).expect("database URL");
    let (store, _) = Store::open(&url).await.expect("open the database");
    backend::seed::seed_demo(&store)
        .await
        .expect("demo restaurant");
    let now = backend::now();
    let began = Instant::now();
    // The planner places what the tables hold (about 90,000 bookings at
    // most for the demo restaurant); the rest of the history is past
    // bookings that hold no table any more: completed, no-shows and
    // cancellations, two years back.
    let planned = count.min(20_000);
    let added = backend::demo_bookings::add_bookings(&store, now, planned, 7)
        .await
        .expect("demo bookings");
    let setup = store.setup().await.expect("setup");
    let restaurant = setup.restaurant.id;
    let tables: Vec<i64> = setup.booking.tables.iter().map(|t| t.id).collect();
    let past = count.saturating_sub(added.count);
    let names = [
        "Martin", "Bernard", "Dubois", "Lovelace", "Nguyen", "Moreau", "Laurent",
    ];
    let mut rows = Vec::with_capacity(1_000);
    for i in 0..past {
        let start = now
            - chrono::TimeDelta::days(1 + (i % 730) as i64)
            - chrono::TimeDelta::minutes(((i * 37) % 600) as i64);
        let status = match i % 20 {
            0 => ReservationStatus::NoShow,
            1 | 2 => ReservationStatus::Cancelled,
            _ => ReservationStatus::Completed,
        };
        rows.push(ImportedReservation {
            reference: format!("P{i:07}"),
            status,
            starts_at: start,
            ends_at: start + chrono::TimeDelta::minutes(90),
            party_size: 1 + (i % 7) as u32,
            guest_name: format!("Guest {} {i}", names[i % names.len()]),
            guest_email: format!("guest{i}@example.com"),
            guest_phone: format!("+336{:08}", i),
            notes: String::new(),
            locale: "fr".into(),
            created_at: start - chrono::TimeDelta::days((i % 30) as i64),
            table_ids: vec![tables[i % tables.len()]],
        });
        if rows.len() == 1_000 {
            store
                .import_reservations(restaurant, &rows)
                .await
                .expect("past bookings");
            rows.clear();
        }
    }
    if !rows.is_empty() {
        store
            .import_reservations(restaurant, &rows)
            .await
            .expect("past bookings");
    }
    // As the databases' own statistics jobs would after such a load.
    match store.pool() {
        backend::store::Pool::Sqlite(pool) => {
            sqlx::query("ANALYZE").execute(pool).await.expect("analyze");
        }
        backend::store::Pool::Postgres(pool) => {
            sqlx::query("VACUUM ANALYZE reservations")
                .execute(pool)
                .await
                .expect("analyze");
        }
    }
    println!(
        "\n{label}: {} bookings ({} placed from today by the booking rules, {past} past) written in {:.1} s",
        added.count + past,
        added.count,
        began.elapsed().as_secs_f64()
    );
    let last_day = added.last_day;
    let who = common::staff();
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    let month_from = day(now.date_naive());
    let month_to = day(now.date_naive() + chrono::TimeDelta::days(30));
    let year_from = day(last_day - chrono::TimeDelta::days(365));
    let last = day(last_day);
    // The 100th page of a year, by cursor: found once, then timed.
    let mut after = String::new();
    for _ in 0..100 {
        let f = filter(&[
            ("from", year_from.clone()),
            ("to", last.clone()),
            ("after", after.clone()),
        ]);
        let page = booking::list_reservations(&store, now, Some(&who), &f)
            .await
            .expect("page");
        match page.next {
            Some(next) => after = next,
            None => break,
        }
    }
    let cases: Vec<(&str, ReservationFilter)> = vec![
        (
            "a month, first page (50)",
            filter(&[("from", month_from.clone()), ("to", month_to.clone())]),
        ),
        (
            "a year, first page",
            filter(&[("from", year_from.clone()), ("to", last.clone())]),
        ),
        (
            "a year, page 100 (cursor)",
            filter(&[
                ("from", year_from.clone()),
                ("to", last.clone()),
                ("after", after.clone()),
            ]),
        ),
        (
            "a year, latest first",
            filter(&[
                ("from", year_from.clone()),
                ("to", last.clone()),
                ("sort", "-time".into()),
            ]),
        ),
        (
            "a year, search 'martin'",
            filter(&[
                ("from", year_from.clone()),
                ("to", last.clone()),
                ("q", "martin".into()),
            ]),
        ),
        (
            "a year, cancelled, 6 guests and more",
            filter(&[
                ("from", year_from.clone()),
                ("to", last.clone()),
                ("status", "cancelled,no_show".into()),
                ("party_min", "6".into()),
            ]),
        ),
        (
            "a year, newest bookings first",
            filter(&[
                ("from", year_from.clone()),
                ("to", last.clone()),
                ("sort", "created".into()),
            ]),
        ),
    ];
    println!(
        "{:<40} {:>10} {:>10} {:>10}",
        "query (totals included)", "median ms", "worst ms", "matched"
    );
    for (name, f) in &cases {
        let page = booking::list_reservations(&store, now, Some(&who), f)
            .await
            .expect("page");
        let (median, worst) = time(|| async {
            booking::list_reservations(&store, now, Some(&who), f)
                .await
                .map(|p| p.reservations.len())
                .unwrap_or(0)
        })
        .await;
        println!(
            "{name:<40} {:>10.2} {:>10.2} {:>10}",
            median.as_secs_f64() * 1e3,
            worst.as_secs_f64() * 1e3,
            page.matched
        );
    }
    for (name, case) in [&cases[0], &cases[4], &cases[6]] {
        let plan = booking::explain_list(&store, now, case)
            .await
            .unwrap_or_else(|e| vec![format!("(no plan: {e})")]);
        println!("plan of the page query ({name}):");
        for line in plan {
            println!("    {line}");
        }
    }

    // A year as CSV: read chunk by chunk, memory must not grow with it.
    let year = filter(&[("from", year_from), ("to", last)]);
    let before = rss_mib();
    let start = Instant::now();
    let mut export = booking::export_csv(&store, now, Some(&who), &year)
        .await
        .expect("export");
    let (mut bytes, mut peak) = (0usize, before);
    while let Some(chunk) = export.next_chunk().await.expect("chunk") {
        bytes += chunk.len();
        peak = peak.max(rss_mib());
    }
    println!(
        "CSV of a year: {:.1} MB in {:.2} s; resident memory {before:.1} MiB before, peak {peak:.1} MiB",
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    store.close().await;
}

#[tokio::main]
async fn main() {
    let count = common::number_arg("--count", 200_000);
    common::on_both_databases("list", |label, url| async move {
        bench(label, &url, count).await;
    })
    .await;
}
