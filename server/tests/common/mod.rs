//! Starts the real server on a random port against a fresh database.

#![allow(dead_code)]

pub mod smtp;

use backend::DatabaseUrl;
use server::config::Config;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::sync::oneshot;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Base URL of the PostgreSQL server the tests use (each test makes its own
/// database there and drops it afterwards).
pub fn postgres_base() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

pub fn redis_url() -> String {
    std::env::var("TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into())
}

/// No request or shutdown in these tests may take longer.
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A unique name per test in this process and across concurrent runs.
pub fn unique_name(prefix: &str) -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{prefix}_{}_{n}_{nanos}", std::process::id())
}

/// A fresh, not yet created, database URL for `db`.
pub fn fresh_database_url(db: Db) -> String {
    match db {
        Db::Sqlite => {
            let path = std::env::temp_dir().join(format!("{}.db", unique_name("techplus_test")));
            format!("sqlite://{}", path.display())
        }
        Db::Postgres => format!("{}/{}", postgres_base(), unique_name("techplus_test")),
    }
}

pub fn config_for(database_url: &str, redis_url: Option<&str>) -> Config {
    config_with(database_url, redis_url, &[])
}

/// Where test servers write e-mails when a test sets neither `SMTP_URL`
/// nor `MAIL_DIR` (never into the source tree).
pub fn default_mail_dir() -> std::path::PathBuf {
    std::env::temp_dir().join("techplus_test_mail")
}

/// [`config_for`] plus more variables (`SMTP_URL`, `MAIL_DIR`, ...).
pub fn config_with(database_url: &str, redis_url: Option<&str>, extra: &[(&str, &str)]) -> Config {
    let (db, redis) = (database_url.to_owned(), redis_url.map(str::to_owned));
    let extra: Vec<(String, String)> = extra
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mail_dir = default_mail_dir().display().to_string();
    Config::from_lookup(move |key| {
        if let Some((_, v)) = extra.iter().find(|(k, _)| k == key) {
            return Some(v.clone());
        }
        match key {
            "DATABASE_URL" => Some(db.clone()),
            "REDIS_URL" => redis.clone(),
            "MAIL_DIR" => Some(mail_dir.clone()),
            // Tests send many requests from one address: limits are off
            // unless a test sets them (server/tests/security.rs).
            "RATE_LIMIT_API"
            | "RATE_LIMIT_BOOKING"
            | "RATE_LIMIT_LOOKUP"
            | "RATE_LIMIT_LOGIN"
            | "RATE_LIMIT_PASSWORD_RESET" => Some("off".into()),
            _ => None,
        }
    })
    .expect("test configuration is valid")
}

fn server_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("test server runtime")
    })
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub database_url: String,
    pub client: reqwest::Client,
    pub store: backend::Store,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl TestApp {
    pub async fn spawn(db: Db) -> TestApp {
        Self::spawn_with(&fresh_database_url(db), None).await
    }

    pub async fn spawn_with(database_url: &str, redis_url: Option<&str>) -> TestApp {
        Self::spawn_with_env(database_url, redis_url, &[]).await
    }

    /// A server with more configuration variables (`SMTP_URL`, `MAIL_DIR`,
    /// `PUBLIC_URL`, ...).
    pub async fn spawn_with_env(
        database_url: &str,
        redis_url: Option<&str>,
        extra: &[(&str, &str)],
    ) -> TestApp {
        let config = config_with(database_url, redis_url, extra);
        let (ready_tx, ready_rx) = oneshot::channel();
        let (tx, rx) = oneshot::channel::<()>();
        // Every test server runs on one process-wide runtime: Leptos' global
        // executor spawns onto the runtime of the calling thread, so servers
        // must not live on per-test runtimes that end with their test.
        let task = server_runtime().spawn(async move {
            let started = server::start(&config).await.expect("server starts");
            let store = started.state.store.clone();
            let listener = server::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
            let addr = listener.local_addr().unwrap();
            let _ = ready_tx.send((addr, store));
            server::serve(started, listener, async {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
        });
        let (addr, store) = ready_rx.await.expect("server started");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            addr,
            base: format!("http://{addr}"),
            database_url: database_url.to_owned(),
            client,
            store,
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        tokio::time::timeout(TIMEOUT, self.client.get(self.url(path)).send())
            .await
            .unwrap_or_else(|_| panic!("GET {path}: no response in {TIMEOUT:?}"))
            .expect("request succeeds")
    }

    /// Sends `accept_language` and returns (status, body).
    pub async fn page(
        &self,
        path: &str,
        accept_language: Option<&str>,
        cookie: Option<&str>,
    ) -> (u16, String) {
        let mut req = self.client.get(self.url(path));
        if let Some(lang) = accept_language {
            req = req.header("accept-language", lang);
        }
        if let Some(cookie) = cookie {
            req = req.header("cookie", cookie);
        }
        let res = tokio::time::timeout(TIMEOUT, req.send())
            .await
            .unwrap_or_else(|_| panic!("GET {path}: no response in {TIMEOUT:?}"))
            .expect("request succeeds");
        let status = res.status().as_u16();
        let body = tokio::time::timeout(TIMEOUT, res.text())
            .await
            .unwrap_or_else(|_| panic!("GET {path}: body not complete in {TIMEOUT:?}"))
            .unwrap();
        (status, body)
    }

    /// Stops the server gracefully and removes its database.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            tokio::time::timeout(TIMEOUT, task)
                .await
                .expect("server shuts down gracefully in time")
                .expect("server task ends cleanly");
        }
        self.store.close().await;
        drop_database(&self.database_url).await;
    }
}

pub async fn drop_database(url: &str) {
    use sqlx::migrate::MigrateDatabase;
    match DatabaseUrl::parse(url) {
        Ok(DatabaseUrl::Sqlite(path)) => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
        }
        Ok(DatabaseUrl::Postgres(url)) => {
            let _ = sqlx::Postgres::force_drop_database(&url).await;
        }
        Err(_) => {}
    }
}

/// Runs the same statements on whichever pool the store holds (tests that
/// change data behind the app's back).
#[macro_export]
macro_rules! on_store {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            backend::Store::Sqlite($pool) => $body,
            backend::Store::Postgres($pool) => $body,
        }
    };
}

/// Generates one test per backend from `async fn name(db: Db)`.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Db::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::common::Db::Postgres).await
                }
            )*
        }
    };
}
