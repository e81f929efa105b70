//! Server functions of the guests screens: parse, call one service,
//! answer.

use crate::error::AppError;
use domain::{GuestPage, GuestProfile};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::booking as svc};

/// One page of the guests matching the search as typed (each part may be
/// left out). The phone form's lookup reads it too.
#[server(prefix = "/api/fn", endpoint = "admin_guests")]
pub async fn admin_guests(
    q: Option<String>,
    tag: Option<String>,
    after: Option<String>,
    limit: Option<String>,
) -> Result<GuestPage, AppError> {
    call(|cx| async move {
        let search = domain::GuestSearch::parse(&domain::GuestSearchInput {
            q,
            tag,
            after,
            limit,
        })
        .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        Ok(svc::search_guests(cx.store(), who.as_ref(), &search).await?)
    })
    .await
}

/// A guest's profile with the newest bookings.
#[server(prefix = "/api/fn", endpoint = "admin_guest")]
pub async fn admin_guest(id: i64) -> Result<GuestProfile, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        Ok(svc::guest_profile(cx.store(), who.as_ref(), id).await?)
    })
    .await
}

/// Staff write a guest's tags (comma-separated) and notes, then come back
/// to the profile (with or without JavaScript alike).
#[server(prefix = "/api/fn", endpoint = "admin_guest_notes")]
pub async fn admin_guest_notes(
    id: i64,
    tags: String,
    notes: String,
) -> Result<GuestProfile, AppError> {
    call(|cx| async move {
        let parsed = domain::GuestNotes::parse(&domain::GuestNotesInput { tags, notes })
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let who = cx.caller().await?;
        let profile =
            svc::set_guest_notes(cx.store(), backend::now(), who.as_ref(), id, &parsed).await?;
        leptos_axum::redirect(&format!("/admin/guests/{id}?done=saved"));
        Ok(profile)
    })
    .await
}
