//! Server functions of the timeline: parse, call one service, answer.

use super::TimelineView;
use crate::error::AppError;
use domain::StaffReservation;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::booking as svc};

/// The day `date` (`YYYY-MM-DD`; empty: today at the restaurant).
#[server(prefix = "/api/fn", endpoint = "admin_timeline")]
pub async fn admin_timeline(date: Option<String>) -> Result<TimelineView, AppError> {
    call(|cx| async move {
        let date = match date.as_deref().map(str::trim) {
            Some(raw) if !raw.is_empty() => Some(svc::parse_date(raw)?),
            _ => None,
        };
        let who = cx.caller().await?;
        let day = svc::day_sheet(cx.store(), backend::now(), who.as_ref(), date).await?;
        let shown = svc::parse_date(&day.date)?;
        let fmt = |d: Option<chrono::NaiveDate>| d.unwrap_or(shown).format("%Y-%m-%d").to_string();
        // A closed day without bookings still shows an evening.
        let (from_minute, to_minute) = day.span_minutes().unwrap_or((18 * 60, 23 * 60));
        Ok(TimelineView {
            prev: fmt(shown.pred_opt()),
            next: fmt(shown.succ_opt()),
            from_minute,
            to_minute,
            day,
        })
    })
    .await
}

/// Staff move a booking: `time` (`HH:MM`) on the booking's date, `table`
/// (an id), `duration` (minutes); empty fields stay as they are. The
/// "Move to…" form names the timeline page to go `back` to once moved (a
/// drag stays where it is).
#[server(prefix = "/api/fn", endpoint = "admin_move")]
pub async fn admin_move(
    id: i64,
    time: Option<String>,
    table: Option<String>,
    duration: Option<String>,
    back: Option<String>,
) -> Result<StaffReservation, AppError> {
    call(|cx| async move {
        let blank = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let time = blank(&time).map(|t| svc::parse_time(&t)).transpose()?;
        let table_ids = blank(&table)
            .map(|t| {
                t.parse::<i64>()
                    .map(|id| vec![id])
                    .map_err(|_| AppError::InvalidInput {
                        field: Some("tables".into()),
                    })
            })
            .transpose()?;
        let duration_minutes = blank(&duration)
            .map(|d| {
                d.parse::<u32>().map_err(|_| AppError::InvalidInput {
                    field: Some("duration_minutes".into()),
                })
            })
            .transpose()?;
        let who = cx.caller().await?;
        let to = svc::Placement {
            date: None,
            time,
            duration_minutes,
            table_ids,
            party_size: None,
        };
        let moved = svc::move_booking(cx.store(), backend::now(), who.as_ref(), id, to).await?;
        // Only back to the timeline itself: never an open redirect.
        if let Some(back) =
            back.filter(|b| b.starts_with("/admin/timeline?date=") || b == "/admin/timeline")
        {
            leptos_axum::redirect(&back);
        }
        Ok(moved)
    })
    .await
}

/// Staff seat a walk-in now at `table` (an empty cell of today's
/// timeline): `party_size` guests, a name and a phone number if given. The
/// browser comes `back` to the timeline.
#[server(prefix = "/api/fn", endpoint = "admin_walk_in")]
pub async fn admin_walk_in(
    table: i64,
    party_size: String,
    name: Option<String>,
    phone: Option<String>,
    back: Option<String>,
) -> Result<StaffReservation, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let input = domain::StaffBookingInput {
            source: Some("walk_in".into()),
            party_size: Some(party_size),
            tables: vec![table],
            name,
            phone,
            ..domain::StaffBookingInput::default()
        };
        let booking = domain::StaffBooking::parse(&input)
            .map_err(|fields| AppError::InvalidFields { fields })?;
        let seated = svc::take_booking(cx.store(), backend::now(), who.as_ref(), booking).await?;
        if let Some(back) =
            back.filter(|b| b.starts_with("/admin/timeline?date=") || b == "/admin/timeline")
        {
            leptos_axum::redirect(&back);
        }
        Ok(seated)
    })
    .await
}
