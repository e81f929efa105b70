//! Booking throughput over HTTP against the real server, on SQLite and on
//! PostgreSQL: `cargo bench -p server --bench http_booking`.
//!
//! For each backend it starts the server on a fresh database, then for a
//! fixed time runs 16 concurrent clients doing (1) day-availability GETs and
//! (2) booking POSTs spread over every bookable slot of the coming weeks,
//! and prints requests per second and latency percentiles. Not a test: it
//! asserts nothing and only prints figures.

use chrono::Days;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: usize = 16;
const RUN_FOR: Duration = Duration::from_secs(4);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{nanos}", std::process::id())
}

struct Figures {
    ok: usize,
    refused: usize,
    latencies: Vec<Duration>,
    elapsed: Duration,
}

impl Figures {
    fn print(&self, what: &str) {
        let mut l = self.latencies.clone();
        l.sort();
        let pct = |p: f64| {
            l.get(((l.len() as f64 * p) as usize).min(l.len().saturating_sub(1)))
                .copied()
                .unwrap_or_default()
        };
        let total = self.ok + self.refused;
        println!(
            "  {what:<28} {:>8.0} req/s  ({} ok, {} refused in {:.1} s)  p50 {:>6.1} ms  p99 {:>6.1} ms",
            total as f64 / self.elapsed.as_secs_f64(),
            self.ok,
            self.refused,
            self.elapsed.as_secs_f64(),
            pct(0.50).as_secs_f64() * 1000.0,
            pct(0.99).as_secs_f64() * 1000.0,
        );
    }
}

/// Runs `CLIENTS` loops of `request(i)` for `RUN_FOR`; `request` returns
/// whether the answer was a success.
async fn load<F, Fut>(request: F) -> Figures
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let request = Arc::new(request);
    let counter = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..CLIENTS {
        let (request, counter) = (request.clone(), counter.clone());
        tasks.spawn(async move {
            let mut mine = (0, 0, Vec::new());
            while start.elapsed() < RUN_FOR {
                let i = counter.fetch_add(1, Ordering::Relaxed);
                let t = Instant::now();
                let ok = request(i).await;
                mine.2.push(t.elapsed());
                if ok {
                    mine.0 += 1;
                } else {
                    mine.1 += 1;
                }
            }
            mine
        });
    }
    let mut figures = Figures {
        ok: 0,
        refused: 0,
        latencies: Vec::new(),
        elapsed: Duration::ZERO,
    };
    while let Some(Ok((ok, refused, latencies))) = tasks.join_next().await {
        figures.ok += ok;
        figures.refused += refused;
        figures.latencies.extend(latencies);
    }
    figures.elapsed = start.elapsed();
    figures
}

async fn bench(name: &str, database_url: &str) {
    let config = server::config::Config::from_lookup({
        let db = database_url.to_owned();
        move |key| match key {
            "DATABASE_URL" => Some(db.clone()),
            "MAIL_DIR" => Some(
                std::env::temp_dir()
                    .join(unique("bench_mail"))
                    .display()
                    .to_string(),
            ),
            _ => None,
        }
    })
    .expect("configuration");
    let started = match server::start(&config).await {
        Ok(s) => s,
        Err(e) => {
            println!("{name}: skipped ({e})");
            return;
        }
    };
    let store = started.state.store.clone();
    let listener = server::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::serve(started, listener, async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CLIENTS)
        .build()
        .unwrap();

    // Every bookable 2-guest slot of the coming weeks, to spread bookings.
    let today = chrono::Utc::now().date_naive();
    let mut slots: Vec<(String, String)> = Vec::new();
    for d in 3..50 {
        let date = today.checked_add_days(Days::new(d)).unwrap();
        let day: Value = client
            .get(format!("{base}/api/availability?date={date}&party_size=2"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for s in day["slots"].as_array().into_iter().flatten() {
            if s["available"] == true {
                slots.push((date.to_string(), s["time"].as_str().unwrap().to_owned()));
            }
        }
    }
    let slots = Arc::new(slots);
    let probe = today.checked_add_days(Days::new(9)).unwrap();

    println!(
        "{name} ({} bookable 2-guest slots, {CLIENTS} clients):",
        slots.len()
    );
    let c = client.clone();
    let b = base.clone();
    load(move |_| {
        let (c, url) = (
            c.clone(),
            format!("{b}/api/availability?date={probe}&party_size=2"),
        );
        async move { c.get(url).send().await.is_ok_and(|r| r.status() == 200) }
    })
    .await
    .print("GET /api/availability");

    let c = client.clone();
    let b = base.clone();
    let s = slots.clone();
    load(move |i| {
        let (date, time) = s[i % s.len()].clone();
        let (c, url) = (c.clone(), format!("{b}/api/reservations"));
        async move {
            let body = json!({
                "date": date, "time": time, "party_size": 2, "name": "Bench Guest",
                "email": format!("bench{i}@example.com"), "phone": "+33612345678",
            });
            c.post(url)
                .json(&body)
                .send()
                .await
                .is_ok_and(|r| r.status() == 201)
        }
    })
    .await
    .print("POST /api/reservations");

    let restaurant = store.primary_restaurant().await.unwrap().id;
    println!(
        "  reservations stored: {}",
        store.reservation_count(restaurant).await.unwrap()
    );
    let _ = stop.send(());
    let _ = server.await;
    store.close().await;
}

fn main() {
    // `cargo bench` passes --bench; nothing else to parse.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let sqlite = std::env::temp_dir().join(format!("{}.db", unique("techplus_bench")));
        bench("SQLite", &format!("sqlite://{}", sqlite.display())).await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", sqlite.display()));
        }
        let pg_base = std::env::var("TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
        let pg = format!("{pg_base}/{}", unique("techplus_bench"));
        bench("PostgreSQL", &pg).await;
        use sqlx::migrate::MigrateDatabase;
        let _ = sqlx::Postgres::force_drop_database(&pg).await;
    });
}
