//! The hosted checkout page, `/pay/{session id}` (the session's `url`): a
//! plain HTML page with "Pay" (setup mode: "Save card"), "Decline" and "Back".

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::Value;

use crate::api::Ctx;
use crate::form::Form;
use crate::sessions;
use crate::state::{Session, Shared};
use crate::webhooks::flush;

/// The message shown after "Decline".
pub(crate) const DECLINED: &str = "Your card was declined.";

const ZERO_DECIMAL: [&str; 16] = [
    "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
    "xaf", "xof", "xpf",
];

/// `1234`, `eur` → `EUR 12.34`.
pub(crate) fn money(amount: i64, currency: &str) -> String {
    let code = currency.to_uppercase();
    if ZERO_DECIMAL.contains(&currency) {
        format!("{code} {amount}")
    } else {
        let sign = if amount < 0 { "-" } else { "" };
        let abs = amount.unsigned_abs();
        format!("{code} {sign}{}.{:02}", abs / 100, abs % 100)
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn text(object: &Value, key: &str) -> String {
    object
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// A form posting `outcome` to the page; the button's id is its name in
/// lower case (`pay`, `decline`, `back`).
fn button(id: &str, outcome: &str, label: &str) -> String {
    let element = if outcome == "abandon" {
        "back"
    } else {
        outcome
    };
    format!(
        r#"<form method="post" action="/pay/{}"><input type="hidden" name="outcome" value="{outcome}"><button type="submit" id="{element}">{label}</button></form>"#,
        escape(id)
    )
}

fn layout(body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test checkout</title>
<style>body{{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}}
.error{{color:#b00020;font-weight:bold}}form{{display:inline-block;margin-right:.5rem}}
button{{font-size:1rem;padding:.5rem 1rem}}</style></head>
<body><main>
<h1>Test checkout (fake Stripe)</h1>
<p>No real card is charged: this page stands in for Stripe Checkout in the tests.</p>
{body}
</main></body></html>
"#
    )
}

/// The page of `session`, with an error message if any.
fn render(session: &Session, error: Option<&str>) -> String {
    let object = &session.object;
    let id = text(object, "id");
    let mut body = String::new();
    if let Some(error) = error {
        body.push_str(&format!(
            r#"<p class="error" role="alert">{}</p>"#,
            escape(error)
        ));
    }
    let currency = text(object, "currency");
    let setup = text(object, "mode") == "setup";
    if setup {
        body.push_str("<p>Save a card for later payments (nothing is charged now).</p>");
    } else {
        let total = object
            .get("amount_total")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        body.push_str(&format!(
            r#"<p>Amount: <strong id="amount">{}</strong></p><ul>"#,
            escape(&money(total, &currency))
        ));
        for item in &session.line_items {
            body.push_str(&format!(
                "<li>{} × {} — {}</li>",
                escape(&item.name),
                item.quantity,
                escape(&money(item.unit_amount * item.quantity, &currency))
            ));
        }
        body.push_str("</ul>");
    }
    body.push_str(&format!(
        r#"<p>Session <code id="session">{}</code></p>"#,
        escape(&id)
    ));
    let cancel = !text(object, "cancel_url").is_empty();
    match text(object, "status").as_str() {
        "open" => {
            body.push_str(&button(&id, "pay", if setup { "Save card" } else { "Pay" }));
            body.push_str(&button(&id, "decline", "Decline"));
            if cancel {
                body.push_str(&button(&id, "abandon", "Back"));
            }
        }
        status => {
            body.push_str(&format!(
                r#"<p class="error" id="status">This checkout session is {}.</p>"#,
                escape(status)
            ));
            if cancel && status != "complete" {
                body.push_str(&button(&id, "abandon", "Back"));
            }
        }
    }
    layout(&body)
}

fn not_found(id: &str) -> Response {
    let body = format!(
        "<p class=\"error\">Unknown checkout session {}.</p>",
        escape(id)
    );
    (StatusCode::NOT_FOUND, Html(layout(&body))).into_response()
}

/// `GET /pay/{id}`.
pub(crate) async fn show(
    AxumState(shared): AxumState<Arc<Shared>>,
    Path(id): Path<String>,
) -> Response {
    let session = shared.lock().session(&id).cloned();
    match session {
        Some(session) => Html(render(&session, None)).into_response(),
        None => not_found(&id),
    }
}

/// Where a completed session sends the browser.
fn success(object: &Value) -> Response {
    let id = text(object, "id");
    let url = text(object, "success_url");
    if url.is_empty() {
        let body = "<p id=\"status\">Payment complete. You can close this page.</p>";
        return Html(layout(body)).into_response();
    }
    Redirect::to(&url.replace("{CHECKOUT_SESSION_ID}", &id)).into_response()
}

/// `POST /pay/{id}` with `outcome=pay|decline|abandon`.
pub(crate) async fn submit(
    AxumState(shared): AxumState<Arc<Shared>>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let outcome = Form::parse(&body)
        .ok()
        .and_then(|f| f.str("outcome").map(str::to_string))
        .unwrap_or_default();
    let result = {
        let mut state = shared.lock();
        let ctx = Ctx::automatic(&shared);
        match outcome.as_str() {
            "pay" => Some(sessions::pay(&ctx, &mut state, &id, false)),
            "decline" => Some(sessions::decline(&ctx, &mut state, &id)),
            _ => None,
        }
    };
    // The page answers once the webhooks were delivered.
    flush(&shared).await;
    let session = shared.lock().session(&id).cloned();
    let Some(session) = session else {
        return not_found(&id);
    };
    match (outcome.as_str(), result) {
        (_, Some(Err(error))) => {
            let message = error
                .body
                .pointer("/error/message")
                .and_then(Value::as_str)
                .unwrap_or("This checkout session cannot be paid.")
                .to_string();
            let page = render(&session, Some(&message));
            (StatusCode::BAD_REQUEST, Html(page)).into_response()
        }
        (_, Some(Ok(object))) if text(&object, "status") == "complete" => success(&object),
        ("decline", Some(Ok(_))) => Html(render(&session, Some(DECLINED))).into_response(),
        ("abandon", None) => {
            let url = text(&session.object, "cancel_url");
            if url.is_empty() {
                let page = render(&session, Some("This checkout session has no cancel_url."));
                (StatusCode::BAD_REQUEST, Html(page)).into_response()
            } else {
                Redirect::to(&url).into_response()
            }
        }
        _ => {
            let page = render(
                &session,
                Some("Unknown outcome: use pay, decline or abandon."),
            );
            (StatusCode::BAD_REQUEST, Html(page)).into_response()
        }
    }
}
