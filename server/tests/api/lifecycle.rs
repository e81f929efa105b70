//! A request's life on the server: one in flight when shutdown begins
//! still completes (and no new connection is accepted), and one that takes
//! longer than the server's request timeout is answered 408. Both are
//! driven over a raw TCP connection, sending the body slowly.

use crate::helpers::{dates, Booking, Db, TestApp, TIMEOUT};
use chrono::Weekday;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

on_both_backends!(a_request_in_flight_completes_during_graceful_shutdown);

/// Opens a connection and sends the head of `POST path` with `body`'s
/// length, and the first `sent` bytes of `body`.
async fn start_post(app: &TestApp, path: &str, body: &str, sent: usize) -> TcpStream {
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Accept-Language: en\r\nContent-Length: {}\r\n\r\n",
        app.addr,
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body.as_bytes()[..sent]).await.unwrap();
    stream.flush().await.unwrap();
    stream
}

/// Reads the answer until the server closes the connection.
async fn read_answer(stream: &mut TcpStream, within: Duration) -> String {
    let mut answer = Vec::new();
    tokio::time::timeout(within, stream.read_to_end(&mut answer))
        .await
        .unwrap_or_else(|_| panic!("no complete answer within {within:?}"))
        .unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

async fn a_request_in_flight_completes_during_graceful_shutdown(db: Db) {
    let mut app = TestApp::spawn(db).await;
    let date = dates::next(&app, Weekday::Thu).await;
    let body = Booking::at(date, "19:30").json().to_string();
    let half = body.len() / 2;
    let mut stream = start_post(&app, "/api/reservations", &body, half).await;
    // The handler is now waiting for the rest of the body.
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.begin_shutdown();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        TcpStream::connect(app.addr).await.is_err(),
        "a new connection was accepted after shutdown began"
    );
    stream.write_all(&body.as_bytes()[half..]).await.unwrap();
    let answer = read_answer(&mut stream, TIMEOUT).await;
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert!(answer.contains("\"reference\""), "{answer}");
    // ...and then the server is gone.
    app.stop().await;
}

/// The timeout is not configurable (`server::REQUEST_TIMEOUT`, 30 s), so
/// this test waits for it, once, on SQLite only (no database is involved).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_slower_than_the_timeout_is_answered_408() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let date = dates::next(&app, Weekday::Thu).await;
    let body = Booking::at(date, "19:30").json().to_string();
    let started = tokio::time::Instant::now();
    // The body never arrives in full.
    let mut stream = start_post(&app, "/api/reservations", &body, 10).await;
    let answer = read_answer(&mut stream, server::REQUEST_TIMEOUT + TIMEOUT).await;
    let waited = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        waited >= server::REQUEST_TIMEOUT - Duration::from_secs(1),
        "answered after {waited:?}"
    );
    // Nothing was booked.
    let id = app.restaurant_id().await;
    assert_eq!(app.store.reservation_count(id).await.unwrap(), 0);
    app.stop().await;
}
