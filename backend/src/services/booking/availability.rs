//! Availability of a day or a month, and the booking policy.

use super::context::context;
use super::MAX_LOOKAHEAD_DAYS;
use crate::payments::Payments;
use crate::services::ServiceError;
use crate::store::{DayKey, Store, Versions};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use domain::{BookingPolicy, DayFlag, DaySlots, FreeSlot, MonthDays, NextFree, PartySize};

/// Every slot of a date for a party, as at the start of the current minute.
///
/// Kept in memory per date, party size and minute until the setup or the
/// holds move (a trigger moves `holds_version` with every change of who
/// holds a table when): the key carries the setup version the day was
/// computed with and the holds version read before its bookings, so a kept
/// day is never older than its key. A slot that just went out of the
/// booking notice may thus show free for under a minute; booking it
/// re-checks with the exact time.
#[tracing::instrument(skip_all)]
pub async fn day_availability(
    store: &Store,
    now: DateTime<Utc>,
    date: NaiveDate,
    party: PartySize,
) -> Result<DaySlots, ServiceError> {
    let ctx = context(store).await?;
    ctx.check_date(now, date)?;
    let minute = now.timestamp().div_euclid(60);
    let key = DayKey {
        date,
        party: party.get(),
        minute,
        versions: Versions {
            setup: ctx.version,
            holds: ctx.holds_version,
        },
    };
    if let Some(kept) = store.kept_day(&key) {
        return Ok((*kept).clone());
    }
    let at = DateTime::from_timestamp(minute * 60, 0).unwrap_or(now);
    let (from, to) = ctx.window(date, date);
    let bookings = store.active_bookings(ctx.restaurant.id, from, to).await?;
    let slots = ctx.day_slots(&ctx.day(&bookings, at, date, party.get()));
    store.keep_day(key, std::sync::Arc::new(slots.clone()));
    Ok(slots)
}

/// How many days (today included) the home page looks through for free
/// times.
const NEXT_FREE_DAYS: u64 = 14;

/// The first `count` free seating times for `party` from `now` on, within
/// [`NEXT_FREE_DAYS`] days, with today's date at the restaurant. One read of
/// the bookings for the whole span.
#[tracing::instrument(skip_all)]
pub async fn next_free(
    store: &Store,
    now: DateTime<Utc>,
    party: PartySize,
    count: usize,
) -> Result<NextFree, ServiceError> {
    let ctx = context(store).await?;
    let today = now.with_timezone(&ctx.tz).date_naive();
    let last = today
        .checked_add_days(chrono::Days::new(NEXT_FREE_DAYS - 1))
        .unwrap_or(today);
    let (from, to) = ctx.window(today, last);
    let bookings = store.active_bookings(ctx.restaurant.id, from, to).await?;
    let mut slots = Vec::new();
    for date in today.iter_days().take_while(|d| *d <= last) {
        if slots.len() >= count {
            break;
        }
        let day = ctx.day_slots(&ctx.day(&bookings, now, date, party.get()));
        slots.extend(
            day.periods
                .iter()
                .flat_map(|p| &p.slots)
                .filter(|s| s.available)
                .map(|s| FreeSlot {
                    date: day.date.clone(),
                    time: s.time.clone(),
                }),
        );
    }
    slots.truncate(count);
    Ok(NextFree {
        today: today.format("%Y-%m-%d").to_string(),
        weekday: domain::Weekday::from_index(today.weekday().num_days_from_monday().into())
            .unwrap_or(domain::Weekday::Monday),
        party_size: party.get(),
        slots,
    })
}

/// Which dates of a month have at least one bookable slot for a party.
#[tracing::instrument(skip_all)]
pub async fn month_availability(
    store: &Store,
    now: DateTime<Utc>,
    (year, month): (i32, u32),
    party: PartySize,
) -> Result<MonthDays, ServiceError> {
    let ctx = context(store).await?;
    let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or(ServiceError::Invalid("month"))?;
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .ok_or(ServiceError::Invalid("month"))?;
    let today = now.with_timezone(&ctx.tz).date_naive();
    let horizon = today.checked_add_days(chrono::Days::new(MAX_LOOKAHEAD_DAYS));
    if last < today || horizon.is_none_or(|h| first > h) {
        return Err(ServiceError::Invalid("month"));
    }
    let (from, to) = ctx.window(first, last);
    let bookings = store.active_bookings(ctx.restaurant.id, from, to).await?;
    let days = rules::month_availability(
        &ctx.booking.rules,
        &ctx.booking.tables,
        &ctx.booking.combinations,
        &bookings,
        now,
        year,
        month,
        party.get(),
    );
    Ok(MonthDays {
        month: first.format("%Y-%m").to_string(),
        party_size: party.get(),
        days: days
            .into_iter()
            .map(|(d, available)| DayFlag {
                date: d.format("%Y-%m-%d").to_string(),
                available,
            })
            .collect(),
    })
}

/// The policy shown before confirming: party limits, cut-off, and what a
/// booking of this party (at `slot`, a date and time, when known: the
/// policy may cover some days and services only) will be asked to pay.
#[tracing::instrument(skip_all)]
pub async fn policy(
    store: &Store,
    payments: &Payments,
    party: PartySize,
    slot: Option<(NaiveDate, NaiveTime)>,
    now: DateTime<Utc>,
) -> Result<BookingPolicy, ServiceError> {
    let ctx = context(store).await?;
    let window = ctx.booking.rules.window;
    let payment = slot.and_then(|(date, time)| {
        let service = super::payments::service_at(&ctx.day(&[], now, date, party.get()), time);
        super::payments::terms(&ctx, payments, party.get(), date, service)
    });
    Ok(BookingPolicy {
        min_party: window.min_party(),
        max_party_online: window.max_party_online(),
        max_advance_days: window.max_advance_days(),
        min_notice_minutes: window.min_notice_minutes(),
        cancel_cutoff_minutes: ctx.booking.cancel_cutoff_minutes,
        payment,
    })
}

/// Sets from which party size bookings wait for an e-mail confirmation, and
/// how long they hold their table meanwhile (`None`: never). Sizes from 1,
/// holds of 5 to 1,440 minutes.
#[tracing::instrument(skip_all)]
pub async fn set_email_confirmation(
    store: &Store,
    setting: Option<(u32, u32)>,
) -> Result<(), ServiceError> {
    if let Some((from_party, hold_minutes)) = setting {
        if from_party == 0 {
            return Err(ServiceError::Invalid("from_party"));
        }
        if !(5..=1440).contains(&hold_minutes) {
            return Err(ServiceError::Invalid("hold_minutes"));
        }
    }
    let restaurant_id = store.setup().await?.restaurant.id;
    store.set_email_confirmation(restaurant_id, setting).await?;
    Ok(())
}
