//! Server functions of the reservation's page: parse, call one service,
//! answer. Each form comes back to the page with what happened in the
//! query string (`done=`), with or without JavaScript alike.

use super::ReservationScreen;
use crate::error::AppError;
use domain::{InternalNote, StaffReservation};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::booking as svc};

/// The page of booking `id`.
#[cfg(feature = "ssr")]
fn page_of(id: i64, done: &str) -> String {
    format!("/admin/reservations/{id}?done={done}")
}

/// The page of booking `id` after a money move: what moved, and whether
/// it had been asked before (`new` false).
#[cfg(feature = "ssr")]
fn moved(id: i64, done: &str, again: &str, outcome: &svc::MoneyOutcome) -> String {
    let code = if outcome.new { done } else { again };
    format!(
        "{}&amount={}#payment-title",
        page_of(id, code),
        outcome.amount_cents
    )
}

/// The booking `id` with its history, notes, payment and the restaurant's
/// tables, and a fresh key for a refund. A payment's hold is given in the
/// restaurant's time.
#[server(prefix = "/api/fn", endpoint = "admin_reservation")]
pub async fn admin_reservation(id: i64) -> Result<ReservationScreen, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let mut details =
            svc::reservation_details(cx.store(), backend::now(), who.as_ref(), id).await?;
        let hold = details.payment.as_mut().and_then(|p| p.hold_until.as_mut());
        if let Some(hold) = hold {
            let info = backend::services::site::restaurant_info(cx.store()).await?;
            let at = chrono::DateTime::parse_from_rfc3339(hold);
            if let (Ok(tz), Ok(at)) = (info.time_zone.parse::<chrono_tz::Tz>(), at) {
                *hold = at
                    .with_timezone(&tz)
                    .fixed_offset()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
            }
        }
        Ok(ReservationScreen {
            details,
            refund_key: svc::new_token().0,
        })
    })
    .await
}

/// Staff refund a deposit: `amount` ("12.50"; blank: all that is left)
/// with a `reason`. The same `key` (made with the page) is the same
/// refund. Answers the amount refunded.
#[server(prefix = "/api/fn", endpoint = "admin_refund")]
pub async fn admin_refund(
    id: i64,
    amount: Option<String>,
    reason: String,
    key: String,
) -> Result<i64, AppError> {
    call(|cx| async move {
        let input = domain::RefundInput {
            amount: amount.unwrap_or_default(),
            reason,
        };
        let form = domain::RefundForm::parse(&input)
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        let outcome = svc::refund(
            cx.store(),
            cx.payments(),
            who.as_ref(),
            id,
            &form,
            Some(&key),
            backend::now(),
        )
        .await?;
        leptos_axum::redirect(&moved(id, "refunded", "refund_again", &outcome));
        Ok(outcome.amount_cents)
    })
    .await
}

/// Staff charge a card guarantee's no-show fee (a no-show or a cancelled
/// booking): once; asking again answers the same charge.
#[server(prefix = "/api/fn", endpoint = "admin_no_show_fee")]
pub async fn admin_no_show_fee(id: i64) -> Result<i64, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let outcome =
            svc::charge_no_show_fee(cx.store(), cx.payments(), who.as_ref(), id, backend::now())
                .await?;
        leptos_axum::redirect(&moved(id, "fee_charged", "fee_again", &outcome));
        Ok(outcome.amount_cents)
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
