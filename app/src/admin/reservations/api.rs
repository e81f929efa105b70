//! Server functions of the reservations list: parse, call one service,
//! answer.

// The list's filters travel as as many arguments (a query string's keys).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use domain::{BulkOutcome, ReservationPage};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::booking as svc, domain::ReservationFilterInput};

/// One page of the list for the filters as typed in the query string
/// (each may be left out).
#[server(prefix = "/api/fn", endpoint = "admin_reservations")]
pub async fn admin_reservations(
    from: Option<String>,
    to: Option<String>,
    status: Option<String>,
    source: Option<String>,
    party_min: Option<String>,
    party_max: Option<String>,
    q: Option<String>,
    tag: Option<String>,
    period: Option<String>,
    sort: Option<String>,
    after: Option<String>,
    limit: Option<String>,
) -> Result<ReservationPage, AppError> {
    call(|cx| async move {
        let input = ReservationFilterInput {
            from,
            to,
            status,
            source,
            party_min,
            party_max,
            q,
            tag,
            period,
            sort,
            after,
            limit,
        };
        let filter = domain::ReservationFilter::parse(&input)
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        Ok(svc::list_reservations(cx.store(), backend::now(), who.as_ref(), &filter).await?)
    })
    .await
}

/// Cancels (each guest e-mailed, with `message`) or marks as no-show the
/// checked bookings (`action`: `cancel` or `no_show`; `ids[]`), then goes
/// `back` to the list it came from with what happened in the query string
/// (with or without JavaScript alike).
#[server(prefix = "/api/fn", endpoint = "admin_bulk")]
pub async fn admin_bulk(
    action: String,
    ids: Option<Vec<i64>>,
    message: Option<String>,
    back: Option<String>,
) -> Result<BulkOutcome, AppError> {
    call(|cx| async move {
        let ids = ids.unwrap_or_default();
        let action =
            domain::BulkAction::parse(&action, &ids, message.as_deref().unwrap_or_default())
                .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        let done = svc::bulk_status(cx.store(), backend::now(), who.as_ref(), &action).await?;
        // Only back to the list itself: never an open redirect.
        let back = back
            .filter(|b| b == "/admin/reservations" || b.starts_with("/admin/reservations?"))
            .unwrap_or_else(|| "/admin/reservations".to_owned());
        let sep = if back.contains('?') { '&' } else { '?' };
        leptos_axum::redirect(&format!(
            "{back}{sep}done={}&refused={}",
            done.changed.len(),
            done.refused.len()
        ));
        Ok(done)
    })
    .await
}
