//! Booking e-mails, end to end: a booking (or cancellation) writes a message
//! into the outbox, the server's mail worker sends it to a real SMTP
//! listener (or writes an `.eml` file), exactly once, and scrubs the stored
//! copy. On SQLite and on PostgreSQL.

mod common;

use backend::services::booking::{book, cancel, parse_time, BookingRequest};
use chrono::{Datelike, Days, NaiveDate, Utc, Weekday};
use common::smtp::{Received, SmtpSink};
use common::{fresh_database_url, unique_name, Db, TestApp, TIMEOUT};
use domain::{BookedReservation, GuestDetails, Locale, PartySize};
use mailparse::{MailHeaderMap, ParsedMail};
use std::time::Duration;

on_both_backends!(
    confirmation_in_french,
    confirmation_in_english,
    refused_message_is_retried_and_arrives_once,
    cancellation_is_mailed,
    without_smtp_mail_is_written_to_files,
);

/// Links in the e-mails point here.
const PUBLIC_URL: &str = "https://book.techplus.test";

/// How long the tests watch for a duplicate after a message arrived (the
/// worker looks at the outbox every second).
const QUIET: Duration = Duration::from_millis(2500);

/// The first Wednesday or Thursday at least three days ahead in Paris,
/// away from the end-of-year closures of the demo restaurant.
fn dinner_date() -> NaiveDate {
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let mut d = today.checked_add_days(Days::new(3)).unwrap();
    loop {
        let holidays = (d.month() == 12 && d.day() >= 24) || (d.month() == 1 && d.day() == 1);
        if matches!(d.weekday(), Weekday::Wed | Weekday::Thu) && !holidays {
            return d;
        }
        d = d.succ_opt().unwrap();
    }
}

fn request(locale: Locale, email: &str) -> BookingRequest {
    BookingRequest {
        date: dinner_date(),
        time: parse_time("19:30").unwrap(),
        party: PartySize::parse(2).unwrap(),
        guest: GuestDetails::parse(
            "Ada Lovelace",
            email,
            "+33612345678",
            "Près de la fenêtre <s'il vous plaît>",
        )
        .unwrap(),
        locale,
    }
}

async fn spawn_with_smtp(db: Db, sink: &SmtpSink) -> TestApp {
    TestApp::spawn_with_env(
        &fresh_database_url(db),
        None,
        &[("SMTP_URL", &sink.url()), ("PUBLIC_URL", PUBLIC_URL)],
    )
    .await
}

async fn book_dinner(app: &TestApp, locale: Locale, email: &str) -> BookedReservation {
    book(&app.store, backend::now(), request(locale, email))
        .await
        .expect("the demo restaurant takes this booking")
}

/// An e-mail, decoded.
#[derive(Debug)]
struct Mail {
    to: String,
    subject: String,
    language: Option<String>,
    text: String,
    html: String,
    /// (content type, parameters, body) of the text/calendar part.
    calendar: Option<(String, std::collections::BTreeMap<String, String>, String)>,
    /// File names of the attachments.
    attachments: Vec<String>,
}

fn leaves<'a>(part: &'a ParsedMail<'a>, out: &mut Vec<&'a ParsedMail<'a>>) {
    if part.subparts.is_empty() {
        out.push(part);
    }
    for sub in &part.subparts {
        leaves(sub, out);
    }
}

fn read_mail(raw: &[u8]) -> Mail {
    let parsed = mailparse::parse_mail(raw).expect("a MIME message");
    let header = |name: &str| parsed.headers.get_first_value(name);
    let mut mail = Mail {
        to: header("To").unwrap_or_default(),
        subject: header("Subject").unwrap_or_default(),
        language: header("Content-Language"),
        text: String::new(),
        html: String::new(),
        calendar: None,
        attachments: Vec::new(),
    };
    let mut parts = Vec::new();
    leaves(&parsed, &mut parts);
    for part in parts {
        let body = part.get_body().expect("a decodable part");
        if let Some(name) = part.get_content_disposition().params.get("filename") {
            mail.attachments.push(name.clone());
        }
        match part.ctype.mimetype.as_str() {
            "text/plain" => mail.text = body,
            "text/html" => mail.html = body,
            "text/calendar" => {
                mail.calendar = Some((part.ctype.mimetype.clone(), part.ctype.params.clone(), body))
            }
            _ => {}
        }
    }
    mail
}

fn manage_link(booked: &BookedReservation) -> String {
    format!("{PUBLIC_URL}/manage/{}", booked.manage_token)
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

/// (attempts, next_attempt_at, last_error) of the only outbox row.
async fn outbox_row(app: &TestApp) -> (i64, chrono::DateTime<Utc>, Option<String>) {
    on_store!(&app.store, pool => sqlx::query_as::<_, (i64, chrono::DateTime<Utc>, Option<String>)>(
        "SELECT attempts, next_attempt_at, last_error FROM outbox")
        .fetch_one(pool).await.unwrap())
}

async fn confirmation_in(db: Db, locale: Locale) {
    let mut sink = SmtpSink::start().await;
    let app = spawn_with_smtp(db, &sink).await;
    let email = format!("{}@example.com", unique_name("guest"));
    let booked = book_dinner(&app, locale, &email).await;

    let received = next_mail(&mut sink).await;
    assert_eq!(received.to, vec![email.clone()]);
    assert_eq!(received.from, "bonjour@chez-margot.example");
    let mail = read_mail(&received.data);
    assert!(mail.to.contains(&email), "{}", mail.to);
    assert_eq!(mail.language.as_deref(), Some(locale.as_str()));
    let (subject_word, date_word, party) = match locale {
        Locale::Fr => ("confirmée", "mercredi", "2 personnes"),
        Locale::En => ("confirmed", "Wednesday", "2 guests"),
    };
    assert!(mail.subject.contains(subject_word), "{}", mail.subject);
    assert!(mail.subject.contains("Chez Margot"), "{}", mail.subject);
    let date_word = if dinner_date().weekday() == Weekday::Wed {
        date_word
    } else if locale == Locale::Fr {
        "jeudi"
    } else {
        "Thursday"
    };
    let link = manage_link(&booked);
    for body in [&mail.text, &mail.html] {
        assert!(body.contains(&link), "no manage link in {body}");
        assert!(body.contains(&booked.reservation.reference));
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
    assert!(calendar.contains(&format!("UID:{}@techplus", booked.reservation.reference)));
    assert_eq!(mail.attachments, vec!["reservation.ics".to_owned()]);

    wait_until_sent(&app).await;
    assert_eq!(app.store.outbox_pending().await.unwrap(), 0);
    let stored = payloads(&app).await;
    assert_eq!(stored.len(), 1);
    assert!(
        !stored[0].contains(&booked.manage_token),
        "token kept: {}",
        stored[0]
    );
    assert!(stored[0].contains(&booked.reservation.reference));
    assert!(sink.next(QUIET).await.is_none(), "an e-mail was sent twice");
    app.stop().await;
}

async fn confirmation_in_french(db: Db) {
    confirmation_in(db, Locale::Fr).await;
}

async fn confirmation_in_english(db: Db) {
    confirmation_in(db, Locale::En).await;
}

async fn refused_message_is_retried_and_arrives_once(db: Db) {
    let mut sink = SmtpSink::start_refusing(1).await;
    let app = spawn_with_smtp(db, &sink).await;
    let booked = book_dinner(&app, Locale::En, "ada@example.com").await;

    // The first attempt is refused; it is recorded with a backoff.
    let deadline = tokio::time::Instant::now() + TIMEOUT;
    let (attempts, next_attempt_at, last_error) = loop {
        let row = outbox_row(&app).await;
        if row.0 >= 1 {
            break row;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no attempt was made"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(attempts, 1);
    assert_eq!(sink.refused(), 1);
    assert!(
        next_attempt_at > Utc::now() + chrono::TimeDelta::seconds(20),
        "retry at {next_attempt_at}"
    );
    assert!(last_error.is_some_and(|e| e.contains("451")));
    assert_eq!(app.store.outbox_pending().await.unwrap(), 1);
    assert!(sink.next(Duration::from_millis(1500)).await.is_none());

    // Bring the retry forward instead of waiting for the backoff.
    let now = backend::store::db_time(backend::now());
    on_store!(&app.store, pool => sqlx::query("UPDATE outbox SET next_attempt_at = $1")
        .bind(now).execute(pool).await.map(drop).unwrap());

    let mail = read_mail(&next_mail(&mut sink).await.data);
    assert!(mail.text.contains(&manage_link(&booked)));
    wait_until_sent(&app).await;
    assert!(sink.next(QUIET).await.is_none(), "an e-mail was sent twice");
    assert_eq!(outbox_row(&app).await.0, 2);
    assert_eq!(sink.refused(), 1);
    app.stop().await;
}

async fn cancellation_is_mailed(db: Db) {
    let mut sink = SmtpSink::start().await;
    let app = spawn_with_smtp(db, &sink).await;
    let booked = book_dinner(&app, Locale::Fr, "ada@example.com").await;
    let confirmation = read_mail(&next_mail(&mut sink).await.data);
    assert!(confirmation.subject.contains("confirmée"));

    cancel(&app.store, backend::now(), &booked.manage_token)
        .await
        .expect("the guest can still cancel");
    let received = next_mail(&mut sink).await;
    assert_eq!(received.to, vec!["ada@example.com".to_owned()]);
    let mail = read_mail(&received.data);
    assert_eq!(mail.language.as_deref(), Some("fr"));
    assert!(mail.subject.contains("annulée"), "{}", mail.subject);
    assert!(mail.text.contains(&booked.reservation.reference));
    assert!(mail.text.contains("annulée"));
    assert!(!mail.text.contains("/manage/"));
    assert!(mail
        .html
        .contains("https://schema.org/ReservationCancelled"));
    assert!(mail.calendar.is_none());

    wait_until_sent(&app).await;
    let stored = payloads(&app).await;
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|p| !p.contains(&booked.manage_token)));
    assert!(sink.next(QUIET).await.is_none(), "an e-mail was sent twice");
    app.stop().await;
}

async fn without_smtp_mail_is_written_to_files(db: Db) {
    let dir = std::env::temp_dir().join(unique_name("techplus_mail"));
    let dir_text = dir.display().to_string();
    let app = TestApp::spawn_with_env(
        &fresh_database_url(db),
        None,
        &[("MAIL_DIR", &dir_text), ("PUBLIC_URL", PUBLIC_URL)],
    )
    .await;
    let booked = book_dinner(&app, Locale::En, "ada@example.com").await;
    wait_until_sent(&app).await;

    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the mail directory was created")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let mail = read_mail(&std::fs::read(&files[0]).unwrap());
    assert!(mail.text.contains(&manage_link(&booked)));
    assert!(mail.html.contains(&manage_link(&booked)));
    assert_eq!(mail.language.as_deref(), Some("en"));
    assert!(mail.calendar.is_some());
    app.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn bad_smtp_url_stops_the_start_in_one_line() {
    let db = fresh_database_url(Db::Sqlite);
    let config = common::config_with(
        &db,
        None,
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
