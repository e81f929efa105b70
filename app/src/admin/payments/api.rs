//! The payments list's server function: parse, call one service, answer.

use crate::error::AppError;
use domain::PaymentList;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::booking as svc, domain::PaymentFilterInput};

/// The payments and the day figures for the filters as typed in the query
/// string (each may be left out or blank).
#[server(prefix = "/api/fn", endpoint = "admin_payments_list")]
pub async fn admin_payments_list(
    from: Option<String>,
    to: Option<String>,
    status: Option<String>,
    kind: Option<String>,
) -> Result<PaymentList, AppError> {
    call(|cx| async move {
        let input = PaymentFilterInput {
            from,
            to,
            status,
            kind,
        };
        let filter = domain::PaymentFilter::parse(&input)
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        Ok(svc::payments_list(
            cx.store(),
            cx.payments(),
            who.as_ref(),
            &filter,
            backend::now(),
        )
        .await?)
    })
    .await
}
