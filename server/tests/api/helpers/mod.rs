//! The test application: the real server started in this process on a
//! random port against a fresh database, and what every test module shares
//! (clients, the booking helper, dates, the SMTP sink, e-mail reading).

/// Runs the same statements on whichever pool the store holds (tests that
/// read or change data behind the app's back).
macro_rules! on_store {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store.pool() {
            backend::Pool::Sqlite($pool) => $body,
            backend::Pool::Postgres($pool) => $body,
        }
    };
}

/// Generates one test per backend from `async fn name(db: Db)`:
/// `sqlite::name` and `postgres::name`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::Db::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::Db::Postgres).await
                }
            )*
        }
    };
}

pub mod client;
pub mod dates;
pub mod mail;
pub mod redis;
pub mod smtp;

pub use client::{manage_token, reference, Booking, Client, Role, PASSWORD};

/// The fields a 422 answer names, in its order.
pub fn error_fields(body: &serde_json::Value) -> Vec<String> {
    body["error"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("no fields in {body}"))
        .iter()
        .map(|f| f["field"].as_str().unwrap().to_owned())
        .collect()
}

use backend::DatabaseUrl;
use serde_json::Value;
use server::config::Config;
use std::net::SocketAddr;
use std::path::PathBuf;
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

/// A fresh SQLite database for tests that run the server binary itself:
/// its files are removed when the guard is dropped, also when the test
/// fails.
pub struct ScratchSqlite {
    pub url: String,
}

impl ScratchSqlite {
    pub fn new() -> ScratchSqlite {
        ScratchSqlite {
            url: fresh_database_url(Db::Sqlite),
        }
    }

    pub fn path(&self) -> &str {
        self.url.trim_start_matches("sqlite://")
    }
}

impl Drop for ScratchSqlite {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path()));
        }
    }
}

/// The configuration of a test server: `extra` (`SMTP_URL`, `MAIL_DIR`,
/// `REDIS_URL`, `PUBLIC_URL`, rate limits, ...) over the test defaults.
pub fn config_with(database_url: &str, extra: &[(&str, &str)]) -> Config {
    let db = database_url.to_owned();
    let extra: Vec<(String, String)> = extra
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(move |key| {
        if let Some((_, v)) = extra.iter().find(|(k, _)| k == key) {
            return Some(v.clone());
        }
        match key {
            "DATABASE_URL" => Some(db.clone()),
            // Tests send many requests from one address: limits are off
            // unless a test sets them (security.rs).
            "RATE_LIMIT_API"
            | "RATE_LIMIT_BOOKING"
            | "RATE_LIMIT_LOOKUP"
            | "RATE_LIMIT_LOGIN"
            | "RATE_LIMIT_PASSWORD_RESET"
            | "RATE_LIMIT_ACCOUNT"
            | "RATE_LIMIT_BOOKING_GUEST"
            | "RATE_LIMIT_UPLOAD"
            | "RATE_LIMIT_CONTACT" => Some("off".into()),
            _ => None,
        }
    })
    .expect("test configuration is valid")
}

/// Every test server runs on one process-wide runtime: Leptos' global
/// executor spawns onto the runtime of the calling thread, so servers must
/// not live on per-test runtimes that end with their test.
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

/// A running server. [`TestApp::stop`] stops it gracefully (and fails the
/// test if that takes too long) and removes its database and mail
/// directory; dropping it without `stop` (a test that forgot, or panicked)
/// does the same cleanup, so no run leaves a database behind.
pub struct TestApp {
    pub addr: SocketAddr,
    pub base: String,
    pub database_url: String,
    /// Where the server writes e-mails when no `SMTP_URL` is set.
    pub mail_dir: PathBuf,
    /// Where the server keeps uploaded photos (`MEDIA_DIR`, this app's own).
    pub media_dir: PathBuf,
    pub http: reqwest::Client,
    /// The site's origin as a browser names it: `PUBLIC_URL` when the test
    /// sets it, else the address the server listens on.
    pub origin: String,
    pub store: backend::Store,
    /// The server's cache of shared pages (its hit and miss counters).
    pub page_cache: server::page_cache::PageCache,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    own_mail_dir: bool,
    cleaned: bool,
}

impl TestApp {
    /// The demo restaurant on a fresh database, default test configuration.
    pub async fn spawn(db: Db) -> TestApp {
        Self::spawn_with(db, &[]).await
    }

    /// A fresh database and more configuration variables.
    pub async fn spawn_with(db: Db, extra: &[(&str, &str)]) -> TestApp {
        Self::spawn_on(&fresh_database_url(db), extra).await
    }

    /// A server on `database_url` (created if missing). Unless `extra` sets
    /// `MAIL_DIR`, e-mails go to a directory of this app's own.
    pub async fn spawn_on(database_url: &str, extra: &[(&str, &str)]) -> TestApp {
        let given = extra
            .iter()
            .find(|(k, _)| *k == "MAIL_DIR")
            .map(|(_, v)| *v);
        let mail_dir = given
            .map(PathBuf::from)
            .unwrap_or_else(|| std::env::temp_dir().join(unique_name("techplus_test_mail")));
        let mail_dir_text = mail_dir.display().to_string();
        let media_dir = std::env::temp_dir().join(unique_name("techplus_test_media"));
        let media_dir_text = media_dir.display().to_string();
        let mut env: Vec<(&str, &str)> = extra.to_vec();
        if given.is_none() {
            env.push(("MAIL_DIR", &mail_dir_text));
        }
        env.push(("MEDIA_DIR", &media_dir_text));
        let config = config_with(database_url, &env);
        let (ready_tx, ready_rx) = oneshot::channel();
        let (tx, rx) = oneshot::channel::<()>();
        let task = server_runtime().spawn(async move {
            let started = server::start(&config).await.expect("server starts");
            let store = (started.state.store.clone(), started.page_cache.clone());
            let listener = server::bind("127.0.0.1:0".parse().unwrap()).await.unwrap();
            let addr = listener.local_addr().unwrap();
            let _ = ready_tx.send((addr, store));
            server::serve(started, listener, async {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
        });
        let (addr, (store, page_cache)) = ready_rx.await.expect("server started");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let origin = extra.iter().find(|(k, _)| *k == "PUBLIC_URL").map_or_else(
            || format!("http://{addr}"),
            |(_, v)| v.trim_end_matches('/').to_owned(),
        );
        TestApp {
            addr,
            origin,
            base: format!("http://{addr}"),
            database_url: database_url.to_owned(),
            mail_dir,
            media_dir,
            http,
            store,
            page_cache,
            shutdown: Some(tx),
            task: Some(task),
            own_mail_dir: given.is_none(),
            cleaned: false,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A raw GET (for status, headers and bodies that are not JSON).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        tokio::time::timeout(TIMEOUT, self.http.get(self.url(path)).send())
            .await
            .unwrap_or_else(|_| panic!("GET {path}: no response in {TIMEOUT:?}"))
            .expect("request succeeds")
    }

    /// A page: sends `accept_language` and `cookie`, returns (status, body).
    pub async fn page(
        &self,
        path: &str,
        accept_language: Option<&str>,
        cookie: Option<&str>,
    ) -> (u16, String) {
        let mut req = self.http.get(self.url(path));
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

    /// A browser-like client without a session (English, no cookie yet).
    pub fn client(&self) -> Client {
        let mut client = Client::new(self.http.clone(), &self.base);
        client.origin = self.origin.clone();
        client
    }

    /// An anonymous JSON call: (status, body as JSON; `Null` when empty, a
    /// string when not JSON).
    pub async fn json(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        self.client().json(method, path, body).await
    }

    pub async fn get_json(&self, path: &str) -> (u16, Value) {
        self.json(reqwest::Method::GET, path, None).await
    }

    pub async fn post_json(&self, path: &str, body: Value) -> (u16, Value) {
        self.json(reqwest::Method::POST, path, Some(body)).await
    }

    /// An anonymous server-function call (`POST /api/fn/<name>`, URL-encoded).
    pub async fn server_fn(&self, name: &str, form: &[(&str, &str)]) -> (u16, Value) {
        self.client().server_fn(name, form).await
    }

    /// An anonymous booking through `POST /api/reservations`; it must be
    /// accepted (201). Returns the created reservation.
    pub async fn book(&self, booking: &Booking) -> Value {
        self.client().book(booking).await
    }

    /// Like [`TestApp::book`], but returns whatever the server answered.
    pub async fn try_book(&self, booking: &Booking) -> (u16, Value) {
        self.client().try_book(booking).await
    }

    /// A client signed in as a new, verified account with `role`.
    pub async fn signed_in(&self, role: Role) -> Client {
        client::signed_in(self, role).await
    }

    /// The restaurant's id.
    pub async fn restaurant_id(&self) -> i64 {
        self.store.primary_restaurant().await.unwrap().id
    }

    /// `SELECT COUNT(*) ...` on the app's database.
    pub async fn count(&self, sql: &str) -> i64 {
        on_store!(&self.store, pool => sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(pool).await.unwrap_or_else(|e| panic!("{sql}: {e}")))
    }

    /// Runs one statement on the app's database (setting up what no route
    /// writes).
    pub async fn execute(&self, sql: &str) {
        on_store!(&self.store, pool => {
            sqlx::query(sql)
                .execute(pool)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        });
    }

    /// Runs one statement on the app's database; the database's refusal,
    /// if any (what its constraints and triggers guarantee).
    pub async fn try_execute(&self, sql: &str) -> Result<(), String> {
        on_store!(&self.store, pool => sqlx::query(sql)
            .execute(pool)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string()))
    }

    /// Asks the server to stop (as SIGTERM does) without waiting: requests
    /// in flight may still finish. [`TestApp::stop`] then waits for the end.
    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Stops the server gracefully (failing the test if that takes longer
    /// than [`TIMEOUT`]) and removes its database and mail directory.
    pub async fn stop(mut self) {
        self.begin_shutdown();
        if let Some(task) = self.task.take() {
            tokio::time::timeout(TIMEOUT, task)
                .await
                .expect("server shuts down gracefully in time")
                .expect("server task ends cleanly");
        }
        self.cleanup().await;
    }

    async fn cleanup(&mut self) {
        self.store.close().await;
        drop_database(&self.database_url).await;
        if self.own_mail_dir {
            let _ = std::fs::remove_dir_all(&self.mail_dir);
        }
        let _ = std::fs::remove_dir_all(&self.media_dir);
        self.cleaned = true;
    }
}

impl Drop for TestApp {
    /// A test that did not call `stop` (or panicked before it) still stops
    /// its server and drops its database. Drop cannot wait on the test's own
    /// runtime, so the cleanup runs on the servers' runtime from a helper
    /// thread, and this one waits for it.
    fn drop(&mut self) {
        if self.cleaned {
            return;
        }
        self.begin_shutdown();
        let task = self.task.take();
        let store = self.store.clone();
        let database_url = self.database_url.clone();
        let mail_dir = self.own_mail_dir.then(|| self.mail_dir.clone());
        let media_dir = self.media_dir.clone();
        let cleanup = async move {
            if let Some(task) = task {
                let _ = tokio::time::timeout(TIMEOUT, task).await;
            }
            store.close().await;
            drop_database(&database_url).await;
            if let Some(dir) = mail_dir {
                let _ = std::fs::remove_dir_all(dir);
            }
            let _ = std::fs::remove_dir_all(media_dir);
        };
        let _ = std::thread::spawn(move || server_runtime().block_on(cleanup)).join();
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
