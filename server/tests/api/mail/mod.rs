//! Booking e-mails, end to end: a booking (change, cancellation) writes a
//! message into the outbox, the server's mail worker sends it to a real
//! SMTP listener (or writes an `.eml` file), exactly once, with a manage
//! link minted as it sends (the outbox never holds a token). On SQLite and
//! on PostgreSQL. Retries, parking and leases
//! are in `delivery.rs`.

mod delivery;

use crate::helpers::mail::read_mail;
use crate::helpers::smtp::{Received, SmtpSink};
use crate::helpers::{dates, manage_token, reference, unique_name, Booking, Db, TestApp, TIMEOUT};
use chrono::Weekday;
use serde_json::{json, Value};
use std::time::Duration;

on_both_backends!(
    confirmation_in_french,
    confirmation_in_english,
    modification_is_mailed_with_the_new_time,
    cancellation_is_mailed,
    without_smtp_mail_is_written_to_files,
);

/// Links in the e-mails point here.
const PUBLIC_URL: &str = "https://book.techplus.test";

/// How long the tests watch for a duplicate after a message arrived (the
/// worker looks at the outbox every second).
const QUIET: Duration = Duration::from_millis(2500);

async fn spawn_with_smtp(db: Db, sink: &SmtpSink) -> TestApp {
    TestApp::spawn_with(db, &[("SMTP_URL", &sink.url()), ("PUBLIC_URL", PUBLIC_URL)]).await
}

/// A Wednesday dinner for two with a note that needs escaping in HTML.
async fn book_dinner(app: &TestApp, locale: &str, email: &str) -> Value {
    let wednesday = dates::next(app, Weekday::Wed).await;
    let booking = Booking::at(wednesday, "19:30")
        .email(email)
        .locale(locale)
        .notes("Près de la fenêtre <s'il vous plaît>");
    app.book(&booking).await
}

/// The manage token of the link in an e-mail's text, after checking that
/// it opens the booking `created` (and is not the token its answer gave:
/// each e-mail mints its own).
async fn mailed_manage_token(app: &TestApp, text: &str, created: &Value) -> String {
    let prefix = format!("{PUBLIC_URL}/manage/");
    let start = text
        .find(&prefix)
        .unwrap_or_else(|| panic!("no manage link in {text}"))
        + prefix.len();
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    assert_ne!(
        token,
        manage_token(created),
        "the answer's token was mailed"
    );
    let (status, opened) = app
        .json(
            reqwest::Method::GET,
            &format!("/api/reservations/manage/{token}"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["reference"], created["reference"]);
    token
}

async fn next_mail(sink: &mut SmtpSink) -> Received {
    sink.next(TIMEOUT)
        .await
        .unwrap_or_else(|| panic!("no e-mail arrived within {TIMEOUT:?}"))
}

/// Waits until the worker has marked every message sent.
async fn wait_until_sent(app: &TestApp) {
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    loop {
        let pending = app.store.outbox_pending().await.unwrap();
        if pending == 0 {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{pending} e-mail(s) still pending after {TIMEOUT:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The stored outbox payloads, oldest first.
async fn payloads(app: &TestApp) -> Vec<String> {
    on_store!(&app.store, pool => sqlx::query_scalar::<_, String>(
        "SELECT payload FROM outbox ORDER BY id")
        .fetch_all(pool).await.unwrap())
}

async fn confirmation_in(db: Db, locale: &str) {
    let mut sink = SmtpSink::start().await;
    let app = spawn_with_smtp(db, &sink).await;
    let email = format!("{}@example.com", unique_name("guest"));
    let booked = book_dinner(&app, locale, &email).await;
    let token = manage_token(&booked);
    let reference = reference(&booked);

    let received = next_mail(&mut sink).await;
    assert_eq!(received.to, vec![email.clone()]);
    assert_eq!(received.from, "bonjour@chez-margot.example");
    let mail = read_mail(&received.data);
    assert!(mail.to.contains(&email), "{}", mail.to);
    assert_eq!(mail.language.as_deref(), Some(locale));
    let (subject_word, date_word, party) = match locale {
        "fr" => ("confirmée", "mercredi", "2 personnes"),
        _ => ("confirmed", "Wednesday", "2 guests"),
    };
    assert!(mail.subject.contains(subject_word), "{}", mail.subject);
    assert!(mail.subject.contains("Chez Margot"), "{}", mail.subject);
    let mailed = mailed_manage_token(&app, &mail.text, &booked).await;
    let link = format!("{PUBLIC_URL}/manage/{mailed}");
    for body in [&mail.text, &mail.html] {
        assert!(body.contains(&link), "no manage link in {body}");
        assert!(body.contains(&reference));
        assert!(body.contains(date_word), "{body}");
        assert!(body.contains(party), "{body}");
    }
    // Guest text is escaped in the HTML, kept as typed in the text.
    assert!(
        mail.html.contains("&lt;s&#39;il vous plaît&gt;"),
        "{}",
        mail.html
    );
    assert!(mail.text.contains("<s'il vous plaît>"));
    assert!(mail.html.contains("FoodEstablishmentReservation"));
    let (content_type, params, calendar) = mail.calendar.expect("a calendar attachment");
    assert_eq!(content_type, "text/calendar");
    assert_eq!(params.get("method").map(String::as_str), Some("PUBLISH"));
    assert!(calendar.contains("METHOD:PUBLISH"), "{calendar}");
    assert!(calendar.contains(&format!("UID:{reference}@techplus")));
    assert_eq!(mail.attachments, vec!["reservation.ics".to_owned()]);

    wait_until_sent(&app).await;
    assert_eq!(app.store.outbox_pending().await.unwrap(), 0);
    let stored = payloads(&app).await;
    assert_eq!(stored.len(), 1);
    assert!(!stored[0].contains(&token), "token kept: {}", stored[0]);
    assert!(!stored[0].contains(&mailed), "token kept: {}", stored[0]);
    assert!(stored[0].contains(&reference));
    assert!(sink.next(QUIET).await.is_none(), "an e-mail was sent twice");
    app.stop().await;
}

async fn confirmation_in_french(db: Db) {
    confirmation_in(db, "fr").await;
}

async fn confirmation_in_english(db: Db) {
    confirmation_in(db, "en").await;
}

async fn modification_is_mailed_with_the_new_time(db: Db) {
    let mut sink = SmtpSink::start().await;
    let app = spawn_with_smtp(db, &sink).await;
    let booked = book_dinner(&app, "en", "ada@example.com").await;
    let confirmation = read_mail(&next_mail(&mut sink).await.data);
    assert!(confirmation.text.contains("19:30"), "{}", confirmation.text);
    assert!(!confirmation.text.contains("20:15"));

    let path = format!("/api/reservations/manage/{}", manage_token(&booked));
    let (status, changed) = app
        .json(
            reqwest::Method::PUT,
            &path,
            Some(json!({"time": "20:15", "party_size": 3})),
        )
        .await;
    assert_eq!(status, 200, "{changed}");
    let received = next_mail(&mut sink).await;
    assert_eq!(received.to, vec!["ada@example.com".to_owned()]);
    let mail = read_mail(&received.data);
    assert!(
        mail.subject.contains("Reservation changed"),
        "{}",
        mail.subject
    );
    for body in [&mail.text, &mail.html] {
        assert!(body.contains("20:15"), "the new time: {body}");
        assert!(!body.contains("19:30"), "not the old time: {body}");
        assert!(body.contains("3 guests"), "{body}");
        assert!(body.contains(&reference(&booked)));
    }
    // It has a working link, and the guest's own link still works.
    mailed_manage_token(&app, &mail.text, &booked).await;
    assert_eq!(app.get(&path).await.status(), 200);
    let (_, _, calendar) = mail.calendar.expect("an updated calendar entry");
    let start: chrono::DateTime<chrono::Utc> = changed["start"].as_str().unwrap().parse().unwrap();
    let dtstart = format!("DTSTART:{}", start.format("%Y%m%dT%H%M%SZ"));
    assert!(calendar.contains(&dtstart), "{dtstart} in {calendar}");

    wait_until_sent(&app).await;
    assert_eq!(payloads(&app).await.len(), 2);
    assert!(sink.next(QUIET).await.is_none(), "an e-mail was sent twice");
    app.stop().await;
}

async fn cancellation_is_mailed(db: Db) {
    let mut sink = SmtpSink::start().await;
    let app = spawn_with_smtp(db, &sink).await;
    let booked = book_dinner(&app, "fr", "ada@example.com").await;
    let confirmation = read_mail(&next_mail(&mut sink).await.data);
    assert!(confirmation.subject.contains("confirmée"));

    let path = format!("/api/reservations/manage/{}", manage_token(&booked));
    let (status, _) = app.json(reqwest::Method::DELETE, &path, None).await;
    assert_eq!(status, 200, "the guest can still cancel");
    let received = next_mail(&mut sink).await;
    assert_eq!(received.to, vec!["ada@example.com".to_owned()]);
    let mail = read_mail(&received.data);
    assert_eq!(mail.language.as_deref(), Some("fr"));
    assert!(mail.subject.contains("annulée"), "{}", mail.subject);
    assert!(mail.text.contains(&reference(&booked)));
    assert!(mail.text.contains("annulée"));
    assert!(!mail.text.contains("/manage/"));
    assert!(mail
        .html
        .contains("https://schema.org/ReservationCancelled"));
    assert!(mail.calendar.is_none());

    wait_until_sent(&app).await;
    let stored = payloads(&app).await;
    assert_eq!(stored.len(), 2);
    let token = manage_token(&booked);
    assert!(stored.iter().all(|p| !p.contains(&token)));
    assert!(sink.next(QUIET).await.is_none(), "an e-mail was sent twice");
    app.stop().await;
}

async fn without_smtp_mail_is_written_to_files(db: Db) {
    let app = TestApp::spawn_with(db, &[("PUBLIC_URL", PUBLIC_URL)]).await;
    let booked = book_dinner(&app, "en", "ada@example.com").await;
    wait_until_sent(&app).await;

    let files: Vec<_> = std::fs::read_dir(&app.mail_dir)
        .expect("the mail directory was created")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let mail = read_mail(&std::fs::read(&files[0]).unwrap());
    let mailed = mailed_manage_token(&app, &mail.text, &booked).await;
    assert!(mail.html.contains(&format!("{PUBLIC_URL}/manage/{mailed}")));
    assert_eq!(mail.language.as_deref(), Some("en"));
    assert!(mail.calendar.is_some());
    app.stop().await;
}
