//! Server functions of the guest's manage pages: parse, call one service,
//! answer (or redirect, so the forms also work without JavaScript).

// A form posts one argument per field; the generated client stub keeps
// them all, so the lint is silenced for the whole module.
#![allow(clippy::too_many_arguments)]

use super::ManageView;
use crate::error::AppError;
use domain::DaySlots;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{call, input},
    backend::services::booking as svc,
};

/// Finds a booking by reference and e-mail, then opens its manage page
/// (with a new manage link).
#[server(prefix = "/api/fn", endpoint = "manage_find")]
pub async fn find_booking(reference: String, email: String) -> Result<(), AppError> {
    call(|cx| async move {
        input::check(
            [("reference", &reference), ("email", &email)]
                .into_iter()
                .filter(|(_, value)| value.trim().is_empty())
                .map(|(field, _)| domain::FieldError::new(field, "required"))
                .collect(),
        )?;
        let found = svc::find_by_reference(cx.store(), backend::now(), &reference, &email).await?;
        leptos_axum::redirect(&format!("/manage/{}", found.manage_token));
        Ok(())
    })
    .await
}

/// Uses an e-mailed confirmation link (a new address for the booking, or a
/// large party's booking), then opens the booking's manage page.
#[server(prefix = "/api/fn", endpoint = "manage_confirm")]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    call(|cx| async move {
        let done = svc::use_email_proof(cx.store(), backend::now(), &token).await?;
        leptos_axum::redirect(&format!("/manage/{}?done=confirmed", done.manage_token));
        Ok(())
    })
    .await
}

/// The booking a manage link opens, with the limits of the change form.
#[server(prefix = "/api/fn", endpoint = "manage_booking")]
pub async fn manage_booking(token: String) -> Result<ManageView, AppError> {
    call(|cx| async move {
        let reservation = svc::by_token(cx.store(), backend::now(), &token).await?;
        let party = input::party(reservation.party_size.into())?;
        let policy = svc::policy(cx.store(), cx.payments(), party, None, backend::now()).await?;
        let today = cx.today().await?;
        let last_day = today
            .checked_add_days(chrono::Days::new(policy.max_advance_days.into()))
            .unwrap_or(today);
        Ok(ManageView {
            reservation,
            today: today.format("%Y-%m-%d").to_string(),
            last_day: last_day.format("%Y-%m-%d").to_string(),
            min_party: policy.min_party,
            max_party_online: policy.max_party_online,
        })
    })
    .await
}

/// The slots of the date the change form asks about.
#[server(prefix = "/api/fn", endpoint = "manage_day")]
pub async fn manage_day(party: u32, date: String) -> Result<DaySlots, AppError> {
    call(|cx| async move {
        let party = input::party(party.into())?;
        let date = svc::parse_date(&date)?;
        Ok(svc::day_availability(cx.store(), backend::now(), date, party).await?)
    })
    .await
}

/// Changes date, time, party size and details; the new slot is checked
/// again.
#[server(prefix = "/api/fn", endpoint = "manage_modify")]
pub async fn modify_booking(
    token: String,
    date: String,
    party: String,
    time: Option<String>,
    name: String,
    email: String,
    phone: String,
    notes: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let party = input::party_str(&party)?;
        let date = domain::Date::parse(&date).map_err(|_| AppError::InvalidInput {
            field: Some("date".into()),
        })?;
        let time = time.filter(|t| !t.trim().is_empty());
        let mut fields = Vec::new();
        if time.is_none() {
            fields.push(domain::FieldError::new("time", "required"));
        }
        fields.extend(input::detail_errors(&name, &email, &phone, &notes));
        input::check(fields)?;
        let time = domain::TimeOfDay::parse(time.as_deref().unwrap_or_default())
            .ok()
            .filter(|t| *t < domain::TimeOfDay::END_OF_DAY)
            .ok_or(AppError::InvalidInput {
                field: Some("time".into()),
            })?;
        let guest = input::guest(&name, &email, &phone, &notes)?;
        let patch = domain::ReservationPatch::complete(date, time, party, guest);
        let changed = svc::modify(cx.store(), backend::now(), &token, patch).await?;
        let done = if changed.pending_email.is_some() {
            "email_pending"
        } else {
            "modified"
        };
        leptos_axum::redirect(&format!("/manage/{token}?done={done}"));
        Ok(())
    })
    .await
}

/// Cancels the booking (the page asked for confirmation first).
#[server(prefix = "/api/fn", endpoint = "manage_cancel")]
pub async fn cancel_booking(token: String) -> Result<(), AppError> {
    call(|cx| async move {
        svc::cancel(cx.store(), cx.payments(), backend::now(), &token).await?;
        leptos_axum::redirect(&format!("/manage/{token}?done=cancelled"));
        Ok(())
    })
    .await
}
