//! The staff's payments list: `GET /api/admin/payments` (the payments of
//! the bookings of a range of dates, and the money moved each day with the
//! totals) and the same payments as a CSV file, `GET
//! /api/admin/payments.csv`.

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiQuery, Fields, Lang};
use crate::api::formats::{self, query, text_param};
use app::ssr::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use backend::services::booking;
use domain::{
    FieldError, PaymentFilter, PaymentFilterInput, PaymentKind, PaymentList, PaymentStatus,
};
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::IntoParams;

/// The list's query: every filter is optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentsQuery {
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    kind: Option<String>,
}

impl IntoParams for PaymentsQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let string = || ObjectBuilder::new().schema_type(Type::String);
        vec![
            query::<formats::Date>(
                "from",
                false,
                "First date of the bookings (the restaurant's calendar); default 30 days \
                 before today, or 60 days before `to`.",
            ),
            query::<formats::Date>(
                "to",
                false,
                "Last date, not before `from` and at most 366 days after it; default 30 \
                 days after today, or 60 days after `from`.",
            ),
            text_param(
                "status",
                "Only the payments in this status; default all.",
                string().enum_values(Some(PaymentStatus::ALL.map(PaymentStatus::as_str))),
            ),
            text_param(
                "kind",
                "Only deposits or card guarantees; default both.",
                string().enum_values(Some(PaymentKind::ALL.map(PaymentKind::as_str))),
            ),
        ]
    }
}

impl Fields for PaymentsQuery {
    const FIELDS: &'static [&'static str] = &["from", "to", "status", "kind"];
}

impl PaymentsQuery {
    fn parse(self, lang: Lang) -> Result<PaymentFilter, ApiError> {
        // An API client leaves a filter out; an empty value is none of the
        // values the document lists. Each is named with the other faults.
        let blank: Vec<FieldError> = Self::FIELDS
            .iter()
            .zip([&self.from, &self.to, &self.status, &self.kind])
            .filter(|(_, v)| v.as_deref().is_some_and(|v| v.trim().is_empty()))
            .map(|(field, _)| FieldError::invalid(*field))
            .collect();
        let parsed = PaymentFilter::parse(&PaymentFilterInput {
            from: self.from,
            to: self.to,
            status: self.status,
            kind: self.kind,
        });
        match parsed {
            Ok(filter) if blank.is_empty() => Ok(filter),
            Ok(_) => Err(ApiError::fields(blank, lang)),
            Err(mut errors) => {
                for b in blank {
                    if !errors.iter().any(|e| e.field == b.field) {
                        errors.push(b);
                    }
                }
                let order = |f: &FieldError| Self::FIELDS.iter().position(|n| *n == f.field);
                errors.sort_by_key(order);
                Err(ApiError::fields(errors, lang))
            }
        }
    }
}

/// The payments of the bookings of the dates (by the booking's time, at
/// most 500: `more` tells there were more), by status and kind; and the
/// money moved on each of those dates, whatever the status and kind:
/// deposits collected, refunds and no-show fees (days with none left out),
/// with their totals. Staff and admins only.
#[utoipa::path(get, path = "/api/admin/payments", tag = "staff", params(PaymentsQuery),
    operation_id = "payments_list",
    security(("session" = [])),
    responses(
        (status = 200, description = "The payments and the day figures", body = PaymentList),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A filter that is not valid (each one named), or `to` before `from` or more than 366 days after it", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn payments_list(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<PaymentsQuery>,
) -> Result<Json<PaymentList>, ApiError> {
    let filter = q.parse(lang)?;
    let list = booking::payments_list(
        &state.store,
        &state.payments,
        caller.principal(),
        &filter,
        backend::now(),
    )
    .await;
    Ok(Json(service(list, lang)?))
}

/// Every payment the filters match as CSV (UTF-8 with a byte-order mark,
/// `,`-separated, a header line: `reference,date,time,guest,party,kind,
/// status,amount,refunded,fee,currency`; amounts as `12.50`), named
/// `payments-FROM-TO.csv`. At most 20,000 payments: more is refused (422,
/// `to`: `too_many`). Staff and admins only.
#[utoipa::path(get, path = "/api/admin/payments.csv", tag = "staff", params(PaymentsQuery),
    operation_id = "payments_csv",
    security(("session" = [])),
    responses(
        (status = 200, description = "The payments as CSV", content_type = "text/csv", body = String),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not staff", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "A filter that is not valid, or too many payments", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn payments_csv(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<PaymentsQuery>,
) -> Result<Response, ApiError> {
    let filter = q.parse(lang)?;
    let csv =
        booking::payments_csv(&state.store, caller.principal(), &filter, backend::now()).await;
    let csv = service(csv, lang)?;
    // The dates are `YYYY-MM-DD`: nothing to escape in the name.
    let disposition = format!(
        "attachment; filename=\"payments-{}-{}.csv\"",
        csv.from, csv.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        csv.text,
    )
        .into_response())
}
