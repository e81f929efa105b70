//! How the mail worker delivers: a refused message is retried with a
//! backoff, a message is given up on (parked) after its tenth failed
//! attempt, a message claimed by a worker that died is sent once its lease
//! ends, and an unusable `SMTP_URL` stops the start.

use super::{
    book_dinner, mailed_manage_token, next_mail, payloads, spawn_with_smtp, wait_until_sent, QUIET,
};
use crate::helpers::mail::read_mail;
use crate::helpers::manage_token;
use crate::helpers::smtp::SmtpSink;
use crate::helpers::{config_with, fresh_database_url, Db, TestApp, TIMEOUT};
use chrono::{DateTime, TimeDelta, Utc};
use std::time::Duration;

on_both_backends!(
    refused_message_is_retried_and_arrives_once,
    message_is_parked_after_its_tenth_failed_attempt,
    claimed_message_is_sent_once_its_lease_ends,
);

/// (attempts, next_attempt_at, last_error) of the only outbox row.
async fn outbox_row(app: &TestApp) -> (i64, DateTime<Utc>, Option<String>) {
    on_store!(&app.store, pool => sqlx::query_as::<_, (i64, DateTime<Utc>, Option<String>)>(
        "SELECT attempts, next_attempt_at, last_error FROM outbox")
        .fetch_one(pool).await.unwrap())
}

/// Waits until the only outbox row has had `attempts` attempts.
async fn after_attempts(app: &TestApp, attempts: i64) -> (i64, DateTime<Utc>, Option<String>) {
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    loop {
        let row = outbox_row(app).await;
        if row.0 >= attempts {
            return row;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "attempt {attempts} was not made: {row:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// How many manage tokens the database holds (all for the one booking).
async fn manage_tokens_held(app: &TestApp) -> i64 {
    on_store!(&app.store, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM reservation_tokens")
        .fetch_one(pool).await.unwrap())
}

/// `UPDATE outbox SET {set}` with `instants` bound as `$1`, `$2`, ...
async fn outbox_set(app: &TestApp, set: &str, instants: &[DateTime<Utc>]) {
    let sql = format!("UPDATE outbox SET {set}");
    on_store!(&app.store, pool => {
        let mut query = sqlx::query(&sql);
        for instant in instants {
            query = query.bind(backend::store::db_time(*instant));
        }
        query.execute(pool).await.map(drop).unwrap()
    });
}

async fn refused_message_is_retried_and_arrives_once(db: Db) {
    let mut sink = SmtpSink::start_refusing(1).await;
    let app = spawn_with_smtp(db, &sink).await;
    let booked = book_dinner(&app, "en", "ada@example.com").await;

    // The first attempt is refused; it is recorded with a backoff.
    let (attempts, next_attempt_at, last_error) = after_attempts(&app, 1).await;
    assert_eq!(attempts, 1);
    assert_eq!(sink.refused(), 1);
    assert!(
        next_attempt_at > Utc::now() + TimeDelta::seconds(20),
        "retry at {next_attempt_at}"
    );
    assert!(last_error.is_some_and(|e| e.contains("451")));
    assert_eq!(app.store.outbox_pending().await.unwrap(), 1);
    assert!(sink.next(Duration::from_millis(1500)).await.is_none());
    // The waiting message holds no token, and the token minted for the
    // refused attempt was forgotten: only the answer's token opens the
    // booking.
    let stored = payloads(&app).await.remove(0);
    assert!(!stored.contains(&manage_token(&booked)), "{stored}");
    assert!(!stored.contains("token"), "{stored}");
    assert_eq!(manage_tokens_held(&app).await, 1);

    // Bring the retry forward instead of waiting for the backoff.
    let now = backend::now();
    outbox_set(&app, "next_attempt_at = $1", &[now]).await;

    let mail = read_mail(&next_mail(&mut sink).await.data);
    mailed_manage_token(&app, &mail.text, &booked).await;
    assert_eq!(manage_tokens_held(&app).await, 2);
    wait_until_sent(&app).await;
    assert!(sink.next(QUIET).await.is_none(), "an e-mail was sent twice");
    assert_eq!(outbox_row(&app).await.0, 2);
    assert_eq!(sink.refused(), 1);
    app.stop().await;
}

async fn message_is_parked_after_its_tenth_failed_attempt(db: Db) {
    // Nothing listens on this port: every attempt fails at once.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let smtp = format!("smtp://127.0.0.1:{closed}");
    let app = TestApp::spawn_with(db, &[("SMTP_URL", &smtp)]).await;
    book_dinner(&app, "en", "ada@example.com").await;
    let (_, retry_at, _) = after_attempts(&app, 1).await;
    assert!(retry_at > Utc::now() + TimeDelta::seconds(20), "{retry_at}");

    // As if nine attempts had failed: the next one, due now, is the tenth.
    let now = backend::now();
    outbox_set(&app, "attempts = 9, next_attempt_at = $1", &[now]).await;
    let (attempts, next_attempt_at, last_error) = after_attempts(&app, 10).await;
    assert_eq!(attempts, 10);
    let last_error = last_error.unwrap_or_default();
    assert!(last_error.starts_with("gave up"), "{last_error}");
    assert!(
        next_attempt_at > Utc::now() + TimeDelta::days(365 * 1000),
        "parked, never due: {next_attempt_at}"
    );
    assert_eq!(app.store.outbox_pending().await.unwrap(), 1, "not sent");
    // And never tried again (the worker looks every second).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(outbox_row(&app).await.0, 10);
    app.stop().await;
}

/// A worker claimed the message and died before sending it: no other
/// worker takes it while the lease runs; once the lease has ended, it is
/// sent (with a manage link minted as it goes out).
async fn claimed_message_is_sent_once_its_lease_ends(db: Db) {
    let mut sink = SmtpSink::start_refusing(1).await;
    let app = spawn_with_smtp(db, &sink).await;
    let booked = book_dinner(&app, "en", "ada@example.com").await;
    after_attempts(&app, 1).await;

    // Due now, but claimed for another minute by the worker that died.
    let now = backend::now();
    let lease = now + backend::mail::worker::LEASE;
    outbox_set(
        &app,
        "next_attempt_at = $1, locked_until = $2",
        &[now, lease],
    )
    .await;
    // The worker looks every second: it has looked at least once.
    assert!(
        sink.next(Duration::from_millis(1500)).await.is_none(),
        "sent while another worker held it"
    );
    assert_eq!(outbox_row(&app).await.0, 1, "not even tried");

    // The lease ends.
    let ended = backend::now() - TimeDelta::seconds(1);
    outbox_set(&app, "next_attempt_at = $1, locked_until = $1", &[ended]).await;
    let mail = read_mail(&next_mail(&mut sink).await.data);
    mailed_manage_token(&app, &mail.text, &booked).await;
    wait_until_sent(&app).await;
    assert!(sink.next(QUIET).await.is_none(), "an e-mail was sent twice");
    app.stop().await;
}

#[tokio::test]
async fn bad_smtp_url_stops_the_start_in_one_line() {
    let db = fresh_database_url(Db::Sqlite);
    let config = config_with(
        &db,
        &[("SMTP_URL", "smtp://user:hunter2@127.0.0.1:25?tls=bogus")],
    );
    let err = match server::start(&config).await {
        Ok(_) => panic!("started with an unusable SMTP_URL"),
        Err(e) => e.to_string(),
    };
    assert!(err.starts_with("SMTP_URL"), "{err}");
    assert!(!err.contains('\n') && !err.contains("hunter2"), "{err}");
    // Nothing was touched: the database was not even created.
    let path = db.strip_prefix("sqlite://").unwrap();
    assert!(!std::path::Path::new(path).exists());
}
