//! Stripe's side of a payment: its webhooks (`POST /webhooks/stripe`) and
//! the way back from its Checkout page (`GET /book/payment/return`).
//!
//! The webhook reads the raw body (the signature covers its exact bytes),
//! answers 400 to a forged or stale signature and 200 to an event applied
//! now or before; a failure to apply answers 500 so that Stripe sends the
//! event again.

use super::error::{ApiError, Lang};
use app::booking::api::{Paying, PAYING_KEY};
use app::ssr::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use backend::services::booking::{self, Returned, WebhookOutcome};
use serde::Deserialize;
use tower_sessions::Session;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/webhooks/stripe", post(stripe_webhook))
        .route("/book/payment/return", get(payment_return))
}

/// Stripe's events about payments (Checkout Sessions, PaymentIntents).
pub async fn stripe_webhook(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !state.payments.available() {
        return ApiError::new(StatusCode::NOT_FOUND, "not_found", lang).into_response();
    }
    let refused = || ApiError::new(StatusCode::BAD_REQUEST, "invalid_input", lang).into_response();
    let Some(signature) = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
    else {
        return refused();
    };
    let Ok(payload) = std::str::from_utf8(&body) else {
        return refused();
    };
    match booking::webhook(
        &state.store,
        &state.payments,
        payload,
        signature,
        backend::now(),
    )
    .await
    {
        Ok(WebhookOutcome::Applied | WebhookOutcome::Duplicate) => {
            Json(serde_json::json!({ "received": true })).into_response()
        }
        Ok(WebhookOutcome::Refused(_)) => refused(),
        Ok(WebhookOutcome::NotConfigured) => {
            ApiError::new(StatusCode::NOT_FOUND, "not_found", lang).into_response()
        }
        Err(e) => ApiError::from_service(e, lang).into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub struct ReturnQuery {
    #[serde(default)]
    session_id: String,
}

/// The guest is back from Stripe's page: the session is read from Stripe
/// and settled, then the guest goes on to the confirmation (paid) or back
/// to the payment page (not paid, or the hold was released).
pub async fn payment_return(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<ReturnQuery>,
) -> Response {
    let paying: Option<Paying> = session.get(PAYING_KEY).await.ok().flatten();
    let outcome = booking::returned(
        &state.store,
        &state.payments,
        &query.session_id,
        backend::now(),
    )
    .await;
    let page = |reference: &str| Redirect::to(&format!("/book/payment?reference={reference}"));
    match outcome {
        Ok(Returned::Confirmed { reference }) => match paying {
            Some(p) if p.reference == reference => {
                let _ = session.remove::<Paying>(PAYING_KEY).await;
                Redirect::to(&format!("/book/confirmation/{}", p.manage_token)).into_response()
            }
            _ => page(&reference).into_response(),
        },
        Ok(Returned::Pending { reference } | Returned::Released { reference }) => {
            page(&reference).into_response()
        }
        Err(e) => {
            tracing::info!(error = %e, "payment return without a known session");
            Redirect::to("/book/payment").into_response()
        }
    }
}
