//! The staff's calendar: covers and bookings per day and service period
//! over a week or a month, against capacity.

use super::{local_day, period_capacity};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::booking::context::context;
use crate::services::ServiceError;
use crate::store::Store;
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use domain::{CalendarDay, CalendarPeriod, CalendarSpan, CalendarView};

/// The week (Monday to Sunday) or the month around `date` (default today
/// at the restaurant). One narrow read of the span's bookings, summed per
/// local day and service period in the restaurant's time zone.
#[tracing::instrument(skip_all)]
pub async fn calendar(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    span: CalendarSpan,
    date: Option<NaiveDate>,
) -> Result<CalendarView, ServiceError> {
    authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let today = now.with_timezone(&ctx.tz).date_naive();
    let date = date.unwrap_or(today);
    let invalid = || ServiceError::Invalid("date");
    let (first, last, prev, next) = match span {
        CalendarSpan::Week => {
            let first = date
                .checked_sub_days(Days::new(u64::from(date.weekday().num_days_from_monday())))
                .ok_or_else(invalid)?;
            let last = first.checked_add_days(Days::new(6)).ok_or_else(invalid)?;
            let prev = first.checked_sub_days(Days::new(7)).ok_or_else(invalid)?;
            let next = first.checked_add_days(Days::new(7)).ok_or_else(invalid)?;
            (first, last, prev, next)
        }
        CalendarSpan::Month => {
            let first = date.with_day(1).ok_or_else(invalid)?;
            let next = first
                .checked_add_months(Months::new(1))
                .ok_or_else(invalid)?;
            let last = next.pred_opt().ok_or_else(invalid)?;
            let prev = first
                .checked_sub_months(Months::new(1))
                .ok_or_else(invalid)?;
            (first, last, prev, next)
        }
    };
    let (from, _) = local_day(&ctx, first)?;
    let (_, to) = local_day(&ctx, last)?;
    let rows = store.covers_between(ctx.restaurant.id, from, to).await?;
    // By start, so each day takes the next run of rows.
    let mut rest = rows.as_slice();
    let mut days = Vec::new();
    for day in first.iter_days().take_while(|d| *d <= last) {
        let periods_on = ctx.booking.rules.periods_on(day);
        let mut periods: Vec<CalendarPeriod> = periods_on
            .iter()
            .map(|p| CalendarPeriod {
                kind: p.kind(),
                covers: 0,
                bookings: 0,
                capacity: period_capacity(&ctx, p),
            })
            .collect();
        let (_, end) = local_day(&ctx, day)?;
        let (of_day, later) = rest.split_at(rest.partition_point(|r| r.starts_at < end));
        rest = later;
        let (mut covers, mut bookings) = (0u32, 0u32);
        for row in of_day {
            let party = u32::try_from(row.party_size).unwrap_or(0);
            covers += party;
            bookings += 1;
            let time = row.starts_at.with_timezone(&ctx.tz).time();
            if let Some(i) = periods_on.iter().position(|p| p.contains(time)) {
                periods[i].covers += party;
                periods[i].bookings += 1;
            }
        }
        days.push(CalendarDay {
            date: day.format("%Y-%m-%d").to_string(),
            closed: periods.is_empty(),
            covers,
            bookings,
            periods,
        });
    }
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    Ok(CalendarView {
        span,
        from: fmt(first),
        to: fmt(last),
        prev: fmt(prev),
        next: fmt(next),
        today: fmt(today),
        days,
    })
}
