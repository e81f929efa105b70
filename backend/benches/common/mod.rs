//! What the database benchmarks share: a staff member to read as, the
//! command line, and one run on a scratch SQLite file then on a scratch
//! PostgreSQL database (when one answers on 127.0.0.1:5432 and
//! `--sqlite-only` is not given), dropped afterwards.

use backend::services::authz::Principal;
use domain::Role;
use std::future::Future;

pub fn staff() -> Principal {
    Principal {
        user_id: 1,
        role: Role::Staff,
        email: "bench@example.com".into(),
        verified: true,
        session_epoch: 0,
        recent_sign_in: true,
    }
}

/// The number after `flag` on the command line, or `default`.
pub fn number_arg(flag: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Runs `bench(label, database URL)` on SQLite, then on PostgreSQL.
pub async fn on_both_databases<F, Fut>(name: &str, bench: F)
where
    F: Fn(&'static str, String) -> Fut,
    Fut: Future<Output = ()>,
{
    let dir = std::env::temp_dir().join(format!("techplus-{name}-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    bench("SQLite", format!("sqlite://{}/bench.db", dir.display())).await;
    let _ = std::fs::remove_dir_all(&dir);
    let postgres_up = std::net::TcpStream::connect("127.0.0.1:5432").is_ok();
    if postgres_up && !std::env::args().any(|a| a == "--sqlite-only") {
        let db = format!("techplus_{name}_bench_{}", std::process::id());
        bench(
            "PostgreSQL",
            format!("postgres://postgres@127.0.0.1:5432/{db}"),
        )
        .await;
        if let Ok(admin) =
            sqlx::PgPool::connect("postgres://postgres@127.0.0.1:5432/postgres").await
        {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {db}"))
                .execute(&admin)
                .await;
        }
    }
}
