//! Server functions of the guest's manage pages: parse, call one service,
//! answer (or redirect, so the forms also work without JavaScript).

// A form posts one argument per field; the generated client stub keeps
// them all, so the lint is silenced for the whole module.
#![allow(clippy::too_many_arguments)]

use super::ManageView;
#[cfg(feature = "ssr")]
use crate::booking::api::ssr::answer;
use crate::error::AppError;
use leptos::prelude::*;

/// Finds a booking by reference and e-mail, then opens its manage page
/// (with a new manage link).
#[server(prefix = "/api/fn", endpoint = "manage_find")]
pub async fn find_booking(reference: String, email: String) -> Result<(), AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        let fields: Vec<String> = [("reference", &reference), ("email", &email)]
            .into_iter()
            .filter(|(_, value)| value.trim().is_empty())
            .map(|(field, _)| field.to_owned())
            .collect();
        if !fields.is_empty() {
            return Err(AppError::InvalidFields { fields });
        }
        let found = backend::services::booking::find_by_reference(
            &state.store,
            backend::now(),
            &reference,
            &email,
        )
        .await?;
        leptos_axum::redirect(&format!("/manage/{}", found.manage_token));
        Ok(())
    })
    .await
}

/// The booking a manage link opens, with the limits of the change form.
#[server(prefix = "/api/fn", endpoint = "manage_booking")]
pub async fn manage_booking(token: String) -> Result<ManageView, AppError> {
    answer(async move {
        use backend::services::booking as svc;
        let state = crate::state::app_state()?;
        let reservation = svc::by_token(&state.store, backend::now(), &token).await?;
        let party = crate::booking::api::ssr::party(reservation.party_size.into())?;
        let policy = svc::policy(&state.store, party).await?;
        let today = crate::booking::api::ssr::today(&state.store).await?;
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
    answer(async move {
        use crate::booking::api::ssr;
        use backend::services::booking as svc;
        let state = crate::state::app_state()?;
        let party = ssr::party_str(&party)?;
        let date = svc::parse_date(&date)?;
        let time = time.filter(|t| !t.trim().is_empty());
        let mut fields = Vec::new();
        if time.is_none() {
            fields.push("time".to_owned());
        }
        fields.extend(ssr::detail_errors(&name, &email, &phone, &notes));
        if !fields.is_empty() {
            return Err(AppError::InvalidFields { fields });
        }
        let time = svc::parse_time(time.as_deref().unwrap_or_default())?;
        let guest = domain::GuestDetails::parse(&name, &email, &phone, &notes).map_err(|e| {
            AppError::InvalidInput {
                field: Some(e.field().to_owned()),
            }
        })?;
        svc::modify(
            &state.store,
            backend::now(),
            &token,
            svc::ModifyRequest {
                date,
                time,
                party,
                guest,
            },
        )
        .await?;
        leptos_axum::redirect(&format!("/manage/{token}?done=modified"));
        Ok(())
    })
    .await
}

/// Cancels the booking (the page asked for confirmation first).
#[server(prefix = "/api/fn", endpoint = "manage_cancel")]
pub async fn cancel_booking(token: String) -> Result<(), AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        backend::services::booking::cancel(&state.store, backend::now(), &token).await?;
        leptos_axum::redirect(&format!("/manage/{token}?done=cancelled"));
        Ok(())
    })
    .await
}
