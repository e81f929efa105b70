//! The control endpoints for the tests, under `/_fake/` (not Stripe's; no
//! authentication).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State as AxumState};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::api::Ctx;
use crate::error::ApiError;
use crate::form::Form;
use crate::sessions;
use crate::state::Shared;
use crate::webhooks::{self, flush};

/// What the page (or Stripe's clock) can do to a session.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Action {
    Pay,
    Decline,
    Expire,
}

/// Runs `action` on a session as the page or a timeout would, waits for the
/// webhooks, and answers the session (or Stripe's error).
pub(crate) async fn act(shared: &Shared, id: &str, action: Action) -> (StatusCode, Value) {
    let result = {
        let mut state = shared.lock();
        let ctx = Ctx::automatic(shared);
        match action {
            Action::Pay => sessions::pay(&ctx, &mut state, id, false),
            Action::Decline => sessions::decline(&ctx, &mut state, id),
            Action::Expire => sessions::expire(&ctx, &mut state, id),
        }
    };
    flush(shared).await;
    match result {
        Ok(session) => (StatusCode::OK, session),
        Err(error) => (error.status, error.body),
    }
}

/// The `/_fake` routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/_fake/requests", get(requests))
        .route("/_fake/events", get(events))
        .route("/_fake/events/{id}/resend", post(resend))
        .route("/_fake/sessions/{id}", get(session))
        .route("/_fake/sessions/{id}/pay", post(pay))
        .route("/_fake/sessions/{id}/decline", post(decline))
        .route("/_fake/sessions/{id}/expire", post(expire))
        .route("/_fake/refunds", get(refunds))
        .route("/_fake/payment_intents", get(payment_intents))
        .route("/_fake/customers", get(customers))
        .route("/_fake/webhook", post(webhook))
        .route("/_fake/reset", post(reset))
}

type AppState = AxumState<Arc<Shared>>;

async fn requests(AxumState(shared): AppState) -> Response {
    Json(shared.lock().requests.clone()).into_response()
}

async fn events(AxumState(shared): AppState) -> Response {
    Json(shared.lock().events.clone()).into_response()
}

async fn resend(AxumState(shared): AppState, Path(id): Path<String>) -> Response {
    match webhooks::resend(&shared, &id).await {
        Some(status) => Json(json!({ "id": id, "status": status })).into_response(),
        None => ApiError::not_found("event", &id).into_response(),
    }
}

async fn session(AxumState(shared): AppState, Path(id): Path<String>) -> Response {
    let found = shared.lock().session(&id).map(|s| s.object.clone());
    match found {
        Some(object) => Json(object).into_response(),
        None => ApiError::not_found("checkout.session", &id).into_response(),
    }
}

async fn pay(AxumState(shared): AppState, Path(id): Path<String>) -> Response {
    let (status, body) = act(&shared, &id, Action::Pay).await;
    (status, Json(body)).into_response()
}

async fn decline(AxumState(shared): AppState, Path(id): Path<String>) -> Response {
    let (status, body) = act(&shared, &id, Action::Decline).await;
    (status, Json(body)).into_response()
}

async fn expire(AxumState(shared): AppState, Path(id): Path<String>) -> Response {
    let (status, body) = act(&shared, &id, Action::Expire).await;
    (status, Json(body)).into_response()
}

async fn refunds(AxumState(shared): AppState) -> Response {
    Json(shared.lock().refunds.clone()).into_response()
}

async fn payment_intents(AxumState(shared): AppState) -> Response {
    Json(shared.lock().payment_intents.clone()).into_response()
}

async fn customers(AxumState(shared): AppState) -> Response {
    Json(shared.lock().customers.clone()).into_response()
}

/// `POST /_fake/webhook` with `url=…` (form): where the events go from now on
/// (an empty `url` stops the deliveries).
async fn webhook(AxumState(shared): AppState, body: Bytes) -> Response {
    match Form::parse(&body) {
        Ok(form) => {
            let url = form.str("url").map(str::to_string);
            shared.lock().webhook_url = url.clone();
            Json(json!({ "webhook_url": url })).into_response()
        }
        Err(error) => error.into_response(),
    }
}

/// `POST /_fake/reset`: forgets every object, request and event (after the
/// pending deliveries).
async fn reset(AxumState(shared): AppState) -> Response {
    flush(&shared).await;
    shared.lock().reset();
    Json(json!({ "reset": true })).into_response()
}
