//! The calendar's server function: parse, call one service, answer.

use crate::error::AppError;
use domain::CalendarView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::booking as svc};

/// The week or month (`span`: `week`, `month`; default the month) around
/// `date` (`YYYY-MM-DD`; default today at the restaurant).
#[server(prefix = "/api/fn", endpoint = "admin_calendar")]
pub async fn admin_calendar(
    span: Option<String>,
    date: Option<String>,
) -> Result<CalendarView, AppError> {
    call(|cx| async move {
        let given = |v: Option<String>| domain::given(v.as_deref()).map(str::to_owned);
        let span = match given(span) {
            Some(s) => domain::CalendarSpan::parse(&s).ok_or(AppError::InvalidInput {
                field: Some("span".into()),
            })?,
            None => domain::CalendarSpan::Month,
        };
        let date = given(date).map(|d| svc::parse_date(&d)).transpose()?;
        let who = cx.caller().await?;
        Ok(svc::calendar(cx.store(), backend::now(), who.as_ref(), span, date).await?)
    })
    .await
}
