//! The host stand: a day of bookings as staff see it (service periods with
//! covers and pacing, the tables, every booking with its stage and flags),
//! and the status changes of a service (arrived, seated, completed,
//! no-show, cancelled).

use super::context::{context, Context};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{ReservationWithTables, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use domain::{
    DayBlock, PacingSlot, ReservationStatus, StaffDay, StaffPeriod, StaffReservation, StaffTable,
    Stage,
};
use rules::host;
use std::collections::HashMap;

mod calendar;
mod details;
mod floor;
mod moves;
mod status;
mod taken;

pub use calendar::calendar;
pub use details::{add_note, cancel_with_reason, resend_confirmation, reservation_details};
pub use floor::live_floor;
pub use moves::{move_booking, Placement, MAX_STAFF_PARTY, MIN_DURATION_MINUTES};
pub use status::set_status;
pub(in crate::services::booking) use status::{change_status, Words};
pub use taken::take_booking;

/// Bookings due within this time are "arriving soon".
const SOON: TimeDelta = TimeDelta::minutes(60);

/// The day `date` (the restaurant's calendar; default its today) for the
/// host stand.
#[tracing::instrument(skip_all)]
pub async fn day_sheet(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    date: Option<NaiveDate>,
) -> Result<StaffDay, ServiceError> {
    authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let date = date.unwrap_or_else(|| now.with_timezone(&ctx.tz).date_naive());
    let (from, to) = local_day(&ctx, date)?;
    // Read before the day: the day then holds every change up to it.
    let version = store.live_version().await?;
    let found = store
        .reservations_starting(ctx.restaurant.id, from, to)
        .await?;
    let names = table_names(&ctx);
    let reservations = found
        .iter()
        .map(|r| staff_view(&ctx, r, &names, now))
        .collect::<Result<Vec<_>, _>>()?;
    let periods = periods(&ctx, date, &reservations);
    let tables = staff_tables(&ctx);
    let note = store
        .shift_note(ctx.restaurant.id, date)
        .await?
        .map(|row| super::shift::note_view(&ctx, row));
    let blocks = day_blocks(
        &ctx,
        store.blocks(ctx.restaurant.id, from, to).await?,
        (from, to),
    );
    // The day's money: all of it moved within the day, one figure.
    let moved = store.money_moved(ctx.restaurant.id, from, to).await?;
    let money = super::payments::by_day(&ctx, moved).into_iter().next();
    let local_now = now.with_timezone(&ctx.tz);
    Ok(StaffDay {
        date: date.format("%Y-%m-%d").to_string(),
        is_today: local_now.date_naive() == date,
        read_at: local_now.format("%H:%M").to_string(),
        closed: periods.is_empty(),
        periods,
        tables,
        reservations,
        note,
        blocks,
        money,
        version,
    })
}

/// The blocks of a day, clipped to it.
fn day_blocks(
    ctx: &Context,
    blocks: Vec<crate::store::BlockRow>,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> Vec<DayBlock> {
    let hhmm = |t: DateTime<Utc>| t.with_timezone(&ctx.tz).format("%H:%M").to_string();
    blocks
        .into_iter()
        .map(|b| DayBlock {
            id: b.id,
            tables: b.table_ids,
            start: hhmm(b.starts_at.max(from)),
            end: if b.ends_at >= to {
                "24:00".to_owned()
            } else {
                hhmm(b.ends_at)
            },
            reason: b.reason,
        })
        .collect()
}

/// A staff write refused by the database's no-overlap guarantee: another
/// booking holds the table then.
pub(super) fn table_taken(e: crate::StoreError) -> ServiceError {
    match ServiceError::from(e) {
        ServiceError::Conflict(_) => ServiceError::TableTaken,
        other => other,
    }
}

/// The restaurant's active tables, for staff (the forms' table choice).
pub async fn house_tables(
    store: &Store,
    who: Option<&Principal>,
) -> Result<Vec<StaffTable>, ServiceError> {
    authorize(who, Action::RunService)?;
    Ok(staff_tables(&context(store).await?))
}

/// The restaurant's active tables as the host sees them.
pub(super) fn staff_tables(ctx: &Context) -> Vec<StaffTable> {
    ctx.booking
        .tables
        .iter()
        .zip(&ctx.booking.table_labels)
        .filter(|(t, _)| t.active)
        .map(|(t, label)| StaffTable {
            id: t.id,
            name: label.name.clone(),
            area: label.area.clone(),
            min_seats: t.min_seats,
            max_seats: t.max_seats,
            bookable_online: t.bookable_online,
        })
        .collect()
}

async fn view_of(
    store: &Store,
    ctx: &Context,
    row: crate::store::ReservationRow,
    now: DateTime<Utc>,
) -> Result<StaffReservation, ServiceError> {
    let table_ids = store.reservation_table_ids(row.id).await?;
    staff_view(
        ctx,
        &ReservationWithTables { row, table_ids },
        &table_names(ctx),
        now,
    )
}

/// The restaurant's table names by id.
pub(super) fn table_names(ctx: &Context) -> HashMap<i64, &str> {
    ctx.booking
        .table_labels
        .iter()
        .map(|t| (t.id, t.name.as_str()))
        .collect()
}

/// The instants of the local day `date`: from its first to the next day's
/// first instant (a day with a DST change is 23 or 25 hours long).
pub(super) fn local_day(
    ctx: &Context,
    date: NaiveDate,
) -> Result<(DateTime<Utc>, DateTime<Utc>), ServiceError> {
    let next = date.succ_opt().ok_or(ServiceError::Invalid("date"))?;
    let start = |d: NaiveDate| {
        rules::local_to_utc(&ctx.tz, d, NaiveTime::MIN).ok_or(ServiceError::Invalid("date"))
    };
    Ok((start(date)?, start(next)?))
}

pub(super) fn staff_view(
    ctx: &Context,
    found: &ReservationWithTables,
    names: &HashMap<i64, &str>,
    now: DateTime<Utc>,
) -> Result<StaffReservation, ServiceError> {
    let row = &found.row;
    let status = row.status()?;
    let party_size = u32::try_from(row.party_size).unwrap_or(0);
    let local = row.starts_at.with_timezone(&ctx.tz);
    let minutes = |d: TimeDelta| u32::try_from(d.num_minutes().max(0)).unwrap_or(0);
    let guest_tags = domain::GuestTags::split(&row.guest_tags);
    let earlier_no_shows =
        u32::try_from(row.guest_no_shows - i64::from(status == ReservationStatus::NoShow))
            .unwrap_or(0);
    Ok(StaffReservation {
        payment: row
            .payment_status
            .as_deref()
            .and_then(domain::PaymentStatus::parse),
        id: row.id,
        reference: row.reference.clone(),
        status,
        source: row.source()?,
        stage: stage(status, row.starts_at, now),
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        end_time: row
            .ends_at
            .with_timezone(&ctx.tz)
            .format("%H:%M")
            .to_string(),
        start: ctx.rfc3339(row.starts_at),
        end: ctx.rfc3339(row.ends_at),
        duration_minutes: minutes(row.ends_at - row.starts_at),
        seated_minutes: (status == ReservationStatus::Seated)
            .then_some(row.seated_at)
            .flatten()
            .map(|at| minutes(now - at)),
        party_size,
        name: row.guest_name.clone(),
        email: row.guest_email.clone(),
        phone: row.guest_phone.clone(),
        notes: row.notes.clone(),
        table_names: found
            .table_ids
            .iter()
            .map(|id| {
                names
                    .get(id)
                    .map_or_else(|| id.to_string(), |n| (*n).to_owned())
            })
            .collect(),
        table_ids: found.table_ids.clone(),
        flags: host::with_guest(
            host::flags(party_size, &row.notes),
            &guest_tags,
            &row.guest_notes,
            earlier_no_shows,
        ),
        guest_id: row.guest_id,
        guest_tags,
        guest_notes: row.guest_notes.clone(),
        next: host::next_statuses(status),
    })
}

fn stage(status: ReservationStatus, start: DateTime<Utc>, now: DateTime<Utc>) -> Stage {
    use ReservationStatus as S;
    match status {
        S::Arrived => Stage::Waiting,
        S::Seated => Stage::Seated,
        S::Completed => Stage::Completed,
        S::NoShow => Stage::NoShow,
        S::Cancelled => Stage::Cancelled,
        S::Confirmed | S::PendingConfirmation | S::PendingPayment => {
            if host::is_late(status, start, now) {
                Stage::Late
            } else if start <= now + SOON {
                Stage::ArrivingSoon
            } else {
                Stage::Later
            }
        }
    }
}

/// What a service period can seat: the active tables' seats times the
/// turns it allows (a table turns once per typical two-guest turn time).
pub(super) fn period_capacity(ctx: &Context, p: &rules::PeriodHours) -> u32 {
    let seats: u32 = ctx
        .booking
        .tables
        .iter()
        .filter(|t| t.active)
        .map(|t| t.max_seats)
        .sum();
    let turn = ctx.booking.rules.turn_times.minutes_for(2).max(1);
    let span = p.display().map_or(0, |d| {
        u32::from(d.closes.minutes().saturating_sub(d.opens.minutes()))
    });
    seats * (span / turn).max(1)
}

/// The day's service periods with the covers that count (not cancelled,
/// not no-shows) per period and per slot.
fn periods(ctx: &Context, date: NaiveDate, reservations: &[StaffReservation]) -> Vec<StaffPeriod> {
    let counts = |r: &&StaffReservation| {
        !matches!(
            r.status,
            ReservationStatus::Cancelled | ReservationStatus::NoShow
        )
    };
    ctx.booking
        .rules
        .periods_on(date)
        .iter()
        .map(|p| {
            let first = p.first_seating().format("%H:%M").to_string();
            // Shown from the first seating to the closing time.
            let (opens, closes) = match p.display() {
                Some(d) => (d.opens.to_string(), d.closes.to_string()),
                None => (first.clone(), first),
            };
            let in_period: Vec<&StaffReservation> = reservations
                .iter()
                .filter(counts)
                .filter(|r| {
                    NaiveTime::parse_from_str(&r.time, "%H:%M").is_ok_and(|t| p.contains(t))
                })
                .collect();
            StaffPeriod {
                kind: p.kind(),
                opens,
                closes,
                covers: in_period.iter().map(|r| r.party_size).sum(),
                bookings: u32::try_from(in_period.len()).unwrap_or(u32::MAX),
                capacity: period_capacity(ctx, p),
                slots: p
                    .seatings()
                    .map(|t| {
                        let time = t.format("%H:%M").to_string();
                        PacingSlot {
                            covers: in_period
                                .iter()
                                .filter(|r| r.time == time)
                                .map(|r| r.party_size)
                                .sum(),
                            time,
                            limit: p.max_covers_per_slot(),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}
