//! Server functions of the live floor: parse, call one service, answer.

use crate::error::AppError;
use domain::{LiveFloor, StaffReservation};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::booking as svc};

/// The room now.
#[server(prefix = "/api/fn", endpoint = "admin_live_floor")]
pub async fn admin_live_floor() -> Result<LiveFloor, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        Ok(svc::live_floor(cx.store(), backend::now(), who.as_ref()).await?)
    })
    .await
}

/// Staff seat the guests due at a table, mark them a no-show or free the
/// table (`status`: seated, no_show, completed). Without JavaScript the
/// browser comes back to the table's card.
#[server(prefix = "/api/fn", endpoint = "admin_floor_status")]
pub async fn admin_floor_status(
    id: i64,
    status: String,
    table: Option<i64>,
) -> Result<StaffReservation, AppError> {
    call(|cx| async move {
        use domain::ReservationStatus as S;
        let status = S::parse(status.trim())
            .filter(|s| matches!(s, S::Seated | S::NoShow | S::Completed))
            .ok_or(AppError::InvalidInput {
                field: Some("status".into()),
            })?;
        let who = cx.caller().await?;
        let changed = svc::set_status(cx.store(), backend::now(), who.as_ref(), id, status).await?;
        back_to(table);
        Ok(changed)
    })
    .await
}

/// Staff seat a walk-in at `table` now.
#[server(prefix = "/api/fn", endpoint = "admin_floor_walk_in")]
pub async fn admin_floor_walk_in(
    table: i64,
    party_size: String,
    name: Option<String>,
) -> Result<StaffReservation, AppError> {
    call(|cx| async move {
        let input = domain::StaffBookingInput {
            source: Some("walk_in".into()),
            party_size: Some(party_size),
            tables: vec![table],
            name,
            ..domain::StaffBookingInput::default()
        };
        let booking = domain::StaffBooking::parse(&input)
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        let seated = svc::take_booking(cx.store(), backend::now(), who.as_ref(), booking).await?;
        back_to(Some(table));
        Ok(seated)
    })
    .await
}

/// A plain form's browser goes back to the table's card (a script's
/// request ignores it).
#[cfg(feature = "ssr")]
fn back_to(table: Option<i64>) {
    match table {
        Some(id) => leptos_axum::redirect(&format!("/admin/floor?table={id}")),
        None => leptos_axum::redirect("/admin/floor"),
    }
}
