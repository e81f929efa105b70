//! The restaurant's payment policy: `GET`/`PUT
//! /api/admin/settings/payments` (staff read it, admins change it while
//! Stripe is configured).

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use app::ssr::AppState;
use axum::extract::State;
use axum::Json;
use backend::services::booking;
use domain::{price_input, PaymentPolicy, PaymentPolicyInput, PaymentSettings};
use serde::Deserialize;
use utoipa::ToSchema;

/// The payment policy and whether it can be changed (Stripe configured;
/// otherwise what is missing). Staff and admins.
#[utoipa::path(get, path = "/api/admin/settings/payments", tag = "setup",
    security(("session" = [])),
    responses(
        (status = 200, description = "The policy", body = PaymentSettings),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn payment_settings(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<PaymentSettings>, ApiError> {
    let found = booking::payment_settings(&state.store, &state.payments, caller.principal()).await;
    Ok(Json(service(found, lang)?))
}

/// `PUT /api/admin/settings/payments` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentPolicyIn {
    /// `off`, `deposit` or `guarantee`.
    #[schema(value_type = domain::PaymentMode)]
    mode: String,
    /// Per guest, in cents (deposit mode).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100000)]
    deposit_per_guest_cents: i64,
    /// Per guest, in cents (guarantee mode).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100000)]
    no_show_fee_per_guest_cents: i64,
    #[schema(minimum = 1, maximum = 99)]
    from_party: i64,
    /// None: every day.
    #[serde(default)]
    #[schema(value_type = Vec<domain::time::Weekday>)]
    weekdays: Vec<String>,
    /// None: every service.
    #[serde(default)]
    #[schema(value_type = Vec<domain::ServiceKind>)]
    services: Vec<String>,
    #[schema(minimum = 1, maximum = 60)]
    hold_minutes: i64,
    #[schema(minimum = 0, maximum = 336)]
    refund_cutoff_hours: i64,
    #[schema(minimum = 0, maximum = 100)]
    late_refund_percent: i64,
}

impl Fields for PaymentPolicyIn {
    const FIELDS: &'static [&'static str] = &[
        "mode",
        "deposit_per_guest_cents",
        "no_show_fee_per_guest_cents",
        "from_party",
        "weekdays",
        "services",
        "hold_minutes",
        "refund_cutoff_hours",
        "late_refund_percent",
    ];
}

/// The API's names of the form's fields.
fn api_field(field: String) -> String {
    match field.as_str() {
        "deposit_per_guest" => "deposit_per_guest_cents".to_owned(),
        "no_show_fee_per_guest" => "no_show_fee_per_guest_cents".to_owned(),
        _ => field,
    }
}

/// Changes the payment policy. Admins only; refused (503
/// `payment_unavailable`) while Stripe is not configured.
#[utoipa::path(put, path = "/api/admin/settings/payments", tag = "setup",
    request_body = PaymentPolicyIn,
    security(("session" = [])),
    responses(
        (status = 200, description = "The policy as it is now", body = PaymentSettings),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Fields that are not valid, each named", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "Stripe is not configured: `payment_unavailable`", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn update_payment_settings(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<PaymentPolicyIn>,
) -> Result<Json<PaymentSettings>, ApiError> {
    let money = |cents: i64| {
        if cents < 0 {
            "-".to_owned()
        } else if cents == 0 {
            String::new()
        } else {
            price_input(cents)
        }
    };
    let policy = PaymentPolicy::parse(&PaymentPolicyInput {
        mode: body.mode,
        deposit_per_guest: money(body.deposit_per_guest_cents),
        no_show_fee_per_guest: money(body.no_show_fee_per_guest_cents),
        from_party: body.from_party.to_string(),
        weekdays: body.weekdays,
        services: body.services,
        hold_minutes: body.hold_minutes.to_string(),
        refund_cutoff_hours: body.refund_cutoff_hours.to_string(),
        late_refund_percent: body.late_refund_percent.to_string(),
    })
    .map_err(|errors| {
        let errors = errors
            .into_iter()
            .map(|e| domain::FieldError::new(api_field(e.field), e.reason))
            .collect();
        ApiError::fields(errors, lang)
    })?;
    let now = backend::now();
    let saved = booking::save_payment_settings(
        &state.store,
        &state.payments,
        caller.principal(),
        &policy,
        now,
    )
    .await;
    match saved {
        // Not the server's failure: the policy cannot be changed until
        // Stripe is configured.
        Err(backend::services::ServiceError::PaymentUnavailable) => {
            return Err(ApiError::new(
                axum::http::StatusCode::CONFLICT,
                "payment_unavailable",
                lang,
            ));
        }
        other => service(other, lang)?,
    }
    payment_settings(State(state), caller, lang).await
}
