//! Server functions of the reservation's page: parse, call one service,
//! answer. Each form comes back to the page with what happened in the
//! query string (`done=`), with or without JavaScript alike.

use crate::error::AppError;
use domain::{InternalNote, StaffReservation, StaffReservationDetails};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::booking as svc};

/// The page of booking `id`.
#[cfg(feature = "ssr")]
fn page_of(id: i64, done: &str) -> String {
    format!("/admin/reservations/{id}?done={done}")
}

/// The booking `id` with its history, notes and the restaurant's tables.
#[server(prefix = "/api/fn", endpoint = "admin_reservation")]
pub async fn admin_reservation(id: i64) -> Result<StaffReservationDetails, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        Ok(svc::reservation_details(cx.store(), backend::now(), who.as_ref(), id).await?)
    })
    .await
}

/// Staff change a booking: `date`, `time`, `duration` (minutes), `party`
/// and `tables[]` (ids); what is left empty stays as it is.
#[server(prefix = "/api/fn", endpoint = "admin_reservation_edit")]
pub async fn admin_reservation_edit(
    id: i64,
    date: Option<String>,
    time: Option<String>,
    duration: Option<String>,
    party: Option<String>,
    tables: Option<Vec<i64>>,
) -> Result<StaffReservation, AppError> {
    call(|cx| async move {
        let given = |v: Option<String>| domain::given(v.as_deref()).map(str::to_owned);
        let number = |v: Option<String>, field: &str| {
            given(v)
                .map(|d| {
                    d.parse::<u32>().map_err(|_| AppError::InvalidInput {
                        field: Some(field.into()),
                    })
                })
                .transpose()
        };
        let to = svc::Placement {
            date: given(date).map(|d| svc::parse_date(&d)).transpose()?,
            time: given(time).map(|t| svc::parse_time(&t)).transpose()?,
            duration_minutes: number(duration, "duration_minutes")?,
            party_size: number(party, "party_size")?,
            table_ids: tables.filter(|t| !t.is_empty()),
        };
        let who = cx.caller().await?;
        let moved = svc::move_booking(cx.store(), backend::now(), who.as_ref(), id, to).await?;
        leptos_axum::redirect(&page_of(id, "changed"));
        Ok(moved)
    })
    .await
}

/// Staff cancel a booking with a `reason` (kept in its history) and an
/// optional `message` to the guest (in the cancellation e-mail).
#[server(prefix = "/api/fn", endpoint = "admin_reservation_cancel")]
pub async fn admin_reservation_cancel(
    id: i64,
    reason: String,
    message: Option<String>,
) -> Result<StaffReservation, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let cancelled = svc::cancel_with_reason(
            cx.store(),
            backend::now(),
            who.as_ref(),
            id,
            &reason,
            message.as_deref(),
        )
        .await?;
        leptos_axum::redirect(&page_of(id, "cancelled"));
        Ok(cancelled)
    })
    .await
}

/// Staff add an internal note to a booking.
#[server(prefix = "/api/fn", endpoint = "admin_reservation_note")]
pub async fn admin_reservation_note(id: i64, text: String) -> Result<InternalNote, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let note = svc::add_note(cx.store(), backend::now(), who.as_ref(), id, &text).await?;
        leptos_axum::redirect(&page_of(id, "noted"));
        Ok(note)
    })
    .await
}

/// Staff send the confirmation e-mail again, with a fresh manage link.
#[server(prefix = "/api/fn", endpoint = "admin_resend")]
pub async fn admin_resend(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::resend_confirmation(cx.store(), backend::now(), who.as_ref(), id).await?;
        leptos_axum::redirect(&page_of(id, "resent"));
        Ok(())
    })
    .await
}
