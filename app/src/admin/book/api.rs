//! The server function of the staff's booking form: parse, call one
//! service, answer.

// The form's fields travel as arguments (a form post's keys).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use domain::StaffReservation;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::call,
    backend::services::booking as svc,
    domain::{StaffBooking, StaffBookingInput},
};

/// Staff take a booking (`source`: `phone` or `walk_in`); `tables[]`
/// chosen or none (the best free ones); `override_rules` (a ticked box)
/// goes beyond the online rules. Once booked, the browser goes to the
/// booking's page.
#[server(prefix = "/api/fn", endpoint = "admin_book")]
pub async fn admin_book(
    source: Option<String>,
    date: Option<String>,
    time: Option<String>,
    party_size: Option<String>,
    duration_minutes: Option<String>,
    table: Option<String>,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    notes: Option<String>,
    locale: Option<String>,
    override_rules: Option<String>,
) -> Result<StaffReservation, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let tables = match table.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => vec![t.parse::<i64>().map_err(|_| AppError::InvalidInput {
                field: Some("tables".into()),
            })?],
            None => Vec::new(),
        };
        let input = StaffBookingInput {
            source,
            date,
            time,
            party_size,
            duration_minutes,
            tables,
            name,
            email,
            phone,
            notes,
            locale,
            override_rules: override_rules.is_some_and(|v| !v.is_empty()),
        };
        let booking = StaffBooking::parse(&input).map_err(|fields| AppError::InvalidFields {
            fields: fields
                .into_iter()
                .map(|mut f| {
                    // The form chooses one table.
                    if f.field == "tables" {
                        f.field = "table".into();
                    }
                    f
                })
                .collect(),
        })?;
        let taken = svc::take_booking(cx.store(), backend::now(), who.as_ref(), booking).await?;
        leptos_axum::redirect(&format!("/admin/reservations/{}?done=booked", taken.id));
        Ok(taken)
    })
    .await
}

/// The restaurant's active tables, for the form's table choice.
#[server(prefix = "/api/fn", endpoint = "admin_tables")]
pub async fn admin_tables() -> Result<Vec<domain::StaffTable>, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        Ok(svc::house_tables(cx.store(), who.as_ref()).await?)
    })
    .await
}

/// The first guests whose name, e-mail or phone contains `q`, for the
/// form's "find the guest" as staff type.
#[server(prefix = "/api/fn", endpoint = "admin_guest_lookup")]
pub async fn admin_guest_lookup(q: String) -> Result<Vec<domain::GuestSummary>, AppError> {
    call(|cx| async move {
        let search = domain::GuestSearch::parse(&domain::GuestSearchInput {
            q: Some(q),
            limit: Some(LOOKUP_SHOWN.to_string()),
            ..Default::default()
        })
        .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        Ok(svc::search_guests(cx.store(), who.as_ref(), &search)
            .await?
            .guests)
    })
    .await
}

/// Guests the lookup offers at most.
#[cfg(feature = "ssr")]
const LOOKUP_SHOWN: u32 = 5;
