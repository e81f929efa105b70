//! The server binary itself: one clear line and exit code 1 on bad
//! configuration, `seed-demo`, `admin create`, JSON logs and SIGTERM; and
//! (in process) start-up with Redis.

use crate::helpers::{config_with, redis_url, Db, ScratchSqlite, TestApp};
use std::process::Command;

fn run_server(envs: &[(&str, &str)]) -> (i32, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.env_remove("DATABASE_URL")
        .env_remove("REDIS_URL")
        .env("RUST_LOG", "off");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("server binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_one_clear_line(stderr: &str, needle: &str) {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "expected one line, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[0].contains(needle), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn malformed_database_url_is_one_line() {
    let (code, stderr) = run_server(&[("DATABASE_URL", "mysql://root@localhost/x")]);
    assert_eq!(code, 1);
    assert_one_clear_line(&stderr, "DATABASE_URL");
}

#[test]
fn unreachable_database_is_one_line() {
    // Nothing listens on port 1.
    let (code, stderr) = run_server(&[(
        "DATABASE_URL",
        "postgres://postgres:pw@127.0.0.1:1/techplus",
    )]);
    assert_eq!(code, 1);
    assert_one_clear_line(&stderr, "cannot reach the database");
    assert!(!stderr.contains("pw@"), "password leaked: {stderr}");
}

#[test]
fn port_in_use_is_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let db = ScratchSqlite::new();
    let (code, stderr) = run_server(&[("DATABASE_URL", &db.url), ("LEPTOS_SITE_ADDR", &addr)]);
    assert_eq!(code, 1);
    assert_one_clear_line(&stderr, "cannot listen on");
}

#[test]
fn bad_log_format_is_one_line() {
    let (code, stderr) = run_server(&[("LOG_FORMAT", "xml")]);
    assert_eq!(code, 1);
    assert_one_clear_line(&stderr, "LOG_FORMAT");
}

#[test]
fn seed_demo_command_creates_and_fills_a_database() {
    let db = ScratchSqlite::new();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    let out = cmd
        .arg("seed-demo")
        .env("DATABASE_URL", &db.url)
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::path::Path::new(db.path()).exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_and_readiness_use_redis_when_configured() {
    let app = TestApp::spawn_with(Db::Sqlite, &[("REDIS_URL", &redis_url())]).await;
    let body: serde_json::Value = app.get("/ready").await.json().await.unwrap();
    assert_eq!(body["redis"], "ok");
    assert_eq!(body["status"], "ready");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreachable_redis_stops_start_up_with_a_clear_error() {
    let db = ScratchSqlite::new();
    let config = config_with(&db.url, &[("REDIS_URL", "redis://127.0.0.1:1")]);
    let err = match server::start(&config).await {
        Ok(_) => panic!("start-up must fail"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("Redis"), "{err}");
    assert!(!err.contains('\n'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn binary_logs_json_and_shuts_down_gracefully_on_sigterm() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let db = ScratchSqlite::new();
    let child = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", &db.url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let mut healthy = false;
    for _ in 0..100 {
        if let Ok(res) = client
            .get(format!("http://127.0.0.1:{port}/health"))
            .send()
            .await
        {
            healthy = res.status() == 200;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(healthy, "server did not come up");
    let pid = child.id().unwrap().to_string();
    let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(killed.success());
    let out = tokio::time::timeout(std::time::Duration::from_secs(15), child.wait_with_output())
        .await
        .expect("server exits within 15 s of SIGTERM")
        .unwrap();
    assert!(out.status.success(), "exit status {:?}", out.status);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 3, "{stdout}");
    for line in &lines {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert!(
            v.get("level").is_some() && v.get("timestamp").is_some(),
            "{line}"
        );
    }
    assert!(stdout.contains("SIGTERM"), "{stdout}");
}

fn admin_create(db: &str, email: &str, stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["admin", "create", "--email", email, "--name", "Margot"])
        .env_remove("REDIS_URL")
        .env("DATABASE_URL", db)
        .env("RUST_LOG", "off")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("server binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn admin_create_command_reads_the_password_from_stdin() {
    let db = ScratchSqlite::new();
    // A weak password is refused, in one line, and nothing is created.
    let (code, _, stderr) = admin_create(&db.url, "owner@example.com", "short\n");
    assert_eq!(code, 1);
    assert_one_clear_line(&stderr, "12 characters");
    let (code, stdout, stderr) =
        admin_create(&db.url, "owner@example.com", "the owner's pass phrase\n");
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("owner@example.com"));
    assert!(!stdout.contains("pass phrase") && !stderr.contains("pass phrase"));
    let (store, _) = backend::Store::open(&backend::DatabaseUrl::parse(&db.url).unwrap())
        .await
        .unwrap();
    let user = store.user_by_email("owner@example.com").await.unwrap();
    assert_eq!(user.role, "admin");
    assert!(user.email_verified_at.is_some());
    assert!(user.password_hash.starts_with("$argon2id$"));
    store.close().await;
}
