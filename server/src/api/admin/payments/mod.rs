//! Payments for staff: the restaurant's payment policy (`settings`: `GET`/`PUT
//! /api/admin/settings/payments`), the payments list with its day figures
//! and CSV (`list`: `GET /api/admin/payments[.csv]`), a deposit's refund
//! and a guarantee's no-show fee (here: `POST
//! /api/admin/reservations/{id}/refunds`, `.../no-show-fee`). Every money
//! move is idempotent: a repeated request (same `Idempotency-Key`, or the
//! fee) is the same operation.

pub mod list;
pub mod settings;

use super::reservations::reservation_id;
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use backend::services::booking;
use domain::{price_input, RefundForm, RefundInput};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/settings/payments",
            get(settings::payment_settings).put(settings::update_payment_settings),
        )
        .route("/api/admin/payments", get(list::payments_list))
        .route("/api/admin/payments.csv", get(list::payments_csv))
        .route("/api/admin/reservations/{id}/refunds", post(refund))
        .route(
            "/api/admin/reservations/{id}/no-show-fee",
            post(no_show_fee),
        )
}

/// `POST /api/admin/reservations/{id}/refunds` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundIn {
    /// In cents; none: all that is left.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 10000000)]
    amount_cents: Option<i64>,
    /// Why (kept in the booking's history).
    #[schema(min_length = 1, max_length = 300)]
    reason: String,
}

impl Fields for RefundIn {
    const FIELDS: &'static [&'static str] = &["amount_cents", "reason"];
}

/// A money move's result.
#[derive(Debug, Serialize, ToSchema)]
pub struct MoneyOut {
    amount_cents: i64,
    /// False when this request was made before (nothing new happened).
    new: bool,
}

fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_owned())
}

/// Refunds a booking's deposit, in full or in part, with a reason. The
/// same `Idempotency-Key` again is the same refund; without one, a second
/// full refund finds nothing left (422, `amount`: `nothing_left`).
#[utoipa::path(post, path = "/api/admin/reservations/{id}/refunds", tag = "staff",
    params(
        ("id" = i64, Path, description = "The reservation's id"),
        ("Idempotency-Key" = Option<String>, Header, pattern = r"^[A-Za-z0-9_-]{1,64}$", description = "Letters, digits, - and _ (up to 64): the same key is the same refund"),
    ),
    request_body = RefundIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "Refunded", body = MoneyOut),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such reservation, or it has no payment", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "The same refund is being made", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not valid, or more than is left to refund", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "Stripe cannot be reached or is not configured", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn refund(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    headers: HeaderMap,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<RefundIn>,
) -> Result<Json<MoneyOut>, ApiError> {
    let id = reservation_id(&id, lang)?;
    let form = RefundForm::parse(&RefundInput {
        amount: match body.amount_cents {
            Some(c) if c > 0 => price_input(c),
            Some(_) => "0".to_owned(),
            None => String::new(),
        },
        reason: body.reason,
    })
    .map_err(|errors| {
        let errors = errors
            .into_iter()
            .map(|e| {
                let field = if e.field == "amount" {
                    "amount_cents".to_owned()
                } else {
                    e.field
                };
                domain::FieldError::new(field, e.reason)
            })
            .collect();
        ApiError::fields(errors, lang)
    })?;
    let key = idempotency_key(&headers);
    let done = booking::refund(
        &state.store,
        &state.payments,
        caller.principal(),
        id,
        &form,
        key.as_deref(),
        backend::now(),
    )
    .await;
    let done = service(done, lang)?;
    Ok(Json(MoneyOut {
        amount_cents: done.amount_cents,
        new: done.new,
    }))
}

/// Charges a card guarantee's no-show fee (a no-show or a cancelled
/// booking): once per booking; asking again answers the same charge.
#[utoipa::path(post, path = "/api/admin/reservations/{id}/no-show-fee", tag = "staff",
    params(("id" = i64, Path, description = "The reservation's id")),
    security(("session" = [])),
    responses(
        (status = 200, description = "Charged", body = MoneyOut),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such reservation, or it has no card guarantee", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "Not a no-show (nor cancelled)", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "The card was declined, or no fee can be charged", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "Stripe cannot be reached or is not configured", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn no_show_fee(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(id): Path<String>,
) -> Result<Json<MoneyOut>, ApiError> {
    let id = reservation_id(&id, lang)?;
    let done = booking::charge_no_show_fee(
        &state.store,
        &state.payments,
        caller.principal(),
        id,
        backend::now(),
    )
    .await;
    let done = service(done, lang)?;
    Ok(Json(MoneyOut {
        amount_cents: done.amount_cents,
        new: done.new,
    }))
}
