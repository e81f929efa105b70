//! The contact page's form: a message is kept and e-mailed to the
//! restaurant (the visitor as Reply-To); bad input changes nothing; a
//! robot is thanked and nothing is kept; the form is rate-limited; staff
//! read the messages and mark them as dealt with.

use crate::helpers::mail::files_in_text;
use crate::helpers::{Db, Role, TestApp};
use std::time::Duration;

on_both_backends!(
    a_message_is_kept_and_mailed_to_the_restaurant,
    bad_input_names_each_field_and_keeps_nothing,
    staff_read_the_messages_and_mark_them_dealt_with,
);

const RESTAURANT: &str = "bonjour@chez-margot.example";

async fn count(app: &TestApp) -> i64 {
    on_store!(&app.store, pool => sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM contact_messages")
        .fetch_one(pool).await.unwrap())
}

async fn send(app: &TestApp, form: &[(&str, &str)]) -> (u16, serde_json::Value) {
    app.client().server_fn("contact_send", form).await
}

async fn a_message_is_kept_and_mailed_to_the_restaurant(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, _) = send(
        &app,
        &[
            ("name", "Ana Lima"),
            ("email", "ana@example.com"),
            ("body", "Bonjour,\navez-vous une salle pour 14 personnes ?"),
            ("website", ""),
            ("locale", "en"),
        ],
    )
    .await;
    assert!((200..400).contains(&status), "{status}");
    assert_eq!(count(&app).await, 1);
    // The e-mail, through the outbox: to the restaurant, the message whole.
    let mut texts = Vec::new();
    for _ in 0..100 {
        texts = files_in_text(&app.mail_dir, RESTAURANT, "Ana Lima");
        if !texts.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(texts.len(), 1, "one e-mail to the restaurant");
    assert!(texts[0].contains("Message du site : Ana Lima"));
    assert!(texts[0].contains("avez-vous une salle pour 14 personnes ?"));
    assert!(texts[0].contains("(en anglais)"));
    // Answering is replying: the visitor is the Reply-To.
    let raw = std::fs::read_dir(&app.mail_dir)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .find(|m| m.contains("Ana Lima"))
        .unwrap();
    assert!(
        raw.contains("Reply-To: \"Ana Lima\" <ana@example.com>")
            || raw.contains("Reply-To: Ana Lima <ana@example.com>"),
        "{raw}"
    );
    app.stop().await;
}

async fn bad_input_names_each_field_and_keeps_nothing(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, body) = send(&app, &[("name", " "), ("email", "ana@"), ("body", "court")]).await;
    assert_eq!(status, 422);
    let fields: Vec<(String, String)> = body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_owned(),
                f["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            ("name".to_owned(), "required".to_owned()),
            ("email".to_owned(), "invalid".to_owned()),
            ("body".to_owned(), "too_short".to_owned())
        ]
    );
    // A robot (the hidden field filled in) is answered as a person would
    // be, and nothing is kept or sent.
    let (status, _) = send(
        &app,
        &[
            ("name", "Buy now"),
            ("email", "bot@example.com"),
            ("body", "Cheap watches, cheap watches!"),
            ("website", "http://spam.example"),
        ],
    )
    .await;
    assert!((200..400).contains(&status), "{status}");
    assert_eq!(count(&app).await, 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(files_in_text(&app.mail_dir, RESTAURANT, "Buy now").is_empty());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_contact_form_is_rate_limited_per_address() {
    let app = TestApp::spawn_with(Db::Sqlite, &[("RATE_LIMIT_CONTACT", "2/1h")]).await;
    let form = [
        ("name", "Ana"),
        ("email", "ana@example.com"),
        ("body", "Une question sur la terrasse."),
    ];
    assert!((200..400).contains(&send(&app, &form).await.0));
    assert!((200..400).contains(&send(&app, &form).await.0));
    let (status, body) = send(&app, &form).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(count(&app).await, 2);
    app.stop().await;
}

async fn staff_read_the_messages_and_mark_them_dealt_with(db: Db) {
    let app = TestApp::spawn(db).await;
    for name in ["Ana", "Bruno"] {
        let body = format!("Bonjour, c'est {name} : une question.");
        send(
            &app,
            &[
                ("name", name),
                ("email", "guest@example.com"),
                ("body", &body),
            ],
        )
        .await;
    }
    let mut staff = app.signed_in(Role::Staff).await;
    let (status, list) = staff.server_fn("admin_messages", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(list["open"], 2);
    let names: Vec<&str> = list["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Bruno", "Ana"], "newest first");
    let ana = list["messages"][1]["id"].as_i64().unwrap().to_string();
    let (status, _) = staff
        .server_fn(
            "admin_message_handled",
            &[("id", &ana), ("handled", "true")],
        )
        .await;
    assert!((200..400).contains(&status), "{status}");
    let (_, open) = staff.server_fn("admin_messages", &[]).await;
    assert_eq!(open["open"], 1);
    assert_eq!(open["messages"].as_array().unwrap().len(), 1);
    let (_, all) = staff.server_fn("admin_messages", &[("show", "all")]).await;
    let done = &all["messages"][1];
    assert_eq!(done["name"], "Ana");
    assert!(done["handled"]["by"]
        .as_str()
        .is_some_and(|by| !by.is_empty()));
    // And back to "to deal with".
    staff
        .server_fn(
            "admin_message_handled",
            &[("id", &ana), ("handled", "false")],
        )
        .await;
    let (_, open) = staff.server_fn("admin_messages", &[]).await;
    assert_eq!(open["open"], 2);
    // The page itself lists them (server-rendered).
    let cookie = staff.cookie.clone().unwrap();
    let (status, html) = app.page("/admin/messages", Some("en"), Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Bruno") && html.contains("Ana"));
    app.stop().await;
}
