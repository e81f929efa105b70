//! Server functions of the "Today" screen: parse, call one service,
//! answer.

use super::TodayView;
use crate::error::AppError;
use domain::StaffReservation;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::booking as svc};

/// The day `date` (`YYYY-MM-DD`; empty or absent: today at the
/// restaurant) for staff.
#[server(prefix = "/api/fn", endpoint = "admin_day")]
pub async fn admin_day(date: Option<String>) -> Result<TodayView, AppError> {
    call(|cx| async move {
        let date = match date.as_deref().map(str::trim) {
            Some(raw) if !raw.is_empty() => Some(svc::parse_date(raw)?),
            _ => None,
        };
        let who = cx.caller().await?;
        let day = svc::day_sheet(cx.store(), backend::now(), who.as_ref(), date).await?;
        let shown = svc::parse_date(&day.date)?;
        let fmt = |d: Option<chrono::NaiveDate>| d.unwrap_or(shown).format("%Y-%m-%d").to_string();
        Ok(TodayView {
            prev: fmt(shown.pred_opt()),
            next: fmt(shown.succ_opt()),
            day,
        })
    })
    .await
}

/// Staff move a booking along the service (`status`: arrived, seated,
/// completed, no_show, cancelled, confirmed). Without JavaScript the form
/// posts here and the browser comes back to the page it was on.
#[server(prefix = "/api/fn", endpoint = "admin_status")]
pub async fn admin_status(id: i64, status: String) -> Result<StaffReservation, AppError> {
    call(|cx| async move {
        let status =
            domain::ReservationStatus::parse(status.trim()).ok_or(AppError::InvalidInput {
                field: Some("status".into()),
            })?;
        let who = cx.caller().await?;
        Ok(svc::set_status(cx.store(), backend::now(), who.as_ref(), id, status).await?)
    })
    .await
}

/// Staff write the shift note of `date` (`YYYY-MM-DD`); an empty `text`
/// removes it. Without JavaScript the form posts here and the browser
/// comes back to the day.
#[server(prefix = "/api/fn", endpoint = "admin_note")]
pub async fn admin_note(date: String, text: String) -> Result<Option<domain::ShiftNote>, AppError> {
    call(|cx| async move {
        let day = svc::parse_date(&date)?;
        let who = cx.caller().await?;
        let note =
            svc::set_shift_note(cx.store(), backend::now(), who.as_ref(), day, &text).await?;
        leptos_axum::redirect(&format!(
            "/admin?date={}&note=saved",
            day.format("%Y-%m-%d")
        ));
        Ok(note)
    })
    .await
}
