//! The host stand: a day of bookings as staff see it (service periods with
//! covers and pacing, the tables, every booking with its stage and flags),
//! and the status changes of a service (arrived, seated, completed,
//! no-show, cancelled).

use super::context::{context, Context};
use crate::mail::MailKind;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{Actor, Change, ReservationChange, ReservationWithTables, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use domain::{
    PacingSlot, ReservationStatus, StaffDay, StaffPeriod, StaffReservation, StaffTable, Stage,
};
use rules::host::{self, PlacementRefusal};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

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
    let found = store
        .reservations_starting(ctx.restaurant.id, from, to)
        .await?;
    let names = table_names(&ctx);
    let reservations = found
        .iter()
        .map(|r| staff_view(&ctx, r, &names, now))
        .collect::<Result<Vec<_>, _>>()?;
    let periods = periods(&ctx, date, &reservations);
    let tables = ctx
        .booking
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
        .collect();
    let note = store
        .shift_note(ctx.restaurant.id, date)
        .await?
        .map(|row| super::shift::note_view(&ctx, row));
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
    })
}

/// Staff change a booking's status. The change, its history line (with the
/// staff member) and, for a cancellation, the guest's e-mail are written
/// in one booking transaction; taking a no-show back re-holds its tables,
/// which the database refuses if they have been given away meanwhile.
#[tracing::instrument(skip_all)]
pub async fn set_status(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reservation_id: i64,
    to: ReservationStatus,
) -> Result<StaffReservation, ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    change_status(store, &ctx, now, who, reservation_id, to, None).await
}

/// [`set_status`] once authorized; a cancellation's e-mail carries
/// `message` (a bulk cancellation's words to the guests).
pub(super) async fn change_status(
    store: &Store,
    ctx: &Context,
    now: DateTime<Utc>,
    who: &Principal,
    reservation_id: i64,
    to: ReservationStatus,
    message: Option<&str>,
) -> Result<StaffReservation, ServiceError> {
    let result = store
        .change_reservation(
            ctx.restaurant.id,
            reservation_id,
            |current| (current.starts_at, current.ends_at),
            |current, _, _| {
                let from = current.status().map_err(ServiceError::from)?;
                if !host::can_change_status(from, to) {
                    return Err(ServiceError::StatusRefused);
                }
                Ok(Change::Status {
                    status: to,
                    details: serde_json::json!({ "from": from.as_str() }).to_string(),
                })
            },
            Actor::Staff(who.user_id),
            |row| {
                (to == ReservationStatus::Cancelled)
                    .then(|| ctx.mail_with_message(MailKind::Cancellation, row, now, message))
                    .flatten()
            },
            now,
        )
        .await?;
    let row = result?;
    view_of(store, ctx, row, now).await
}

/// Where staff put a booking: its local date and time, its length and
/// its tables; what is `None` stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub duration_minutes: Option<u32>,
    pub table_ids: Option<Vec<i64>>,
}

impl Placement {
    /// The new start of a booking that starts at `current`.
    fn start(&self, ctx: &Context, current: DateTime<Utc>) -> Result<DateTime<Utc>, ServiceError> {
        let local = current.with_timezone(&ctx.tz);
        let date = self.date.unwrap_or(local.date_naive());
        let time = self.time.unwrap_or(local.time());
        rules::local_to_utc(&ctx.tz, date, time).ok_or(ServiceError::Invalid("time"))
    }
}

/// The shortest booking staff may make (a block on the timeline).
pub const MIN_DURATION_MINUTES: u32 = 15;

/// Staff move a booking to another time and/or table, or change its
/// length (the timeline's drag, resize and "Move to…"). Re-checked inside
/// the booking transaction against the other bookings as they are then
/// (seats, combinations, overlap), and below that by the database's
/// no-overlap guarantee; a refusal changes nothing. The guest is e-mailed
/// when the date or time changes, not for a table.
#[tracing::instrument(skip_all)]
pub async fn move_booking(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reservation_id: i64,
    to: Placement,
) -> Result<StaffReservation, ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let max = u32::try_from(crate::store::MAX_SPAN.num_minutes()).unwrap_or(u32::MAX);
    if let Some(d) = to.duration_minutes {
        if !(MIN_DURATION_MINUTES..=max).contains(&d) {
            return Err(ServiceError::Invalid("duration_minutes"));
        }
    }
    // The span as asked, for the window of bookings the check reads: the
    // longest it can be when the duration is kept.
    let longest = TimeDelta::minutes(i64::from(to.duration_minutes.unwrap_or(max)));
    // Atomic, not a Cell: the future stays `Send`.
    let rescheduled = AtomicBool::new(false);
    let result = store
        .change_reservation(
            ctx.restaurant.id,
            reservation_id,
            |current| {
                let start = to.start(&ctx, current.starts_at).unwrap_or(current.starts_at);
                (start, start + longest)
            },
            |current, current_tables, others| {
                let start = to.start(&ctx, current.starts_at)?;
                let status = current.status().map_err(ServiceError::from)?;
                if !status.is_active() {
                    return Err(ServiceError::StatusRefused);
                }
                let duration = to
                    .duration_minutes
                    .map(|d| TimeDelta::minutes(i64::from(d)))
                    .unwrap_or(current.ends_at - current.starts_at);
                let end = start + duration;
                rescheduled.store(current.starts_at != start, Ordering::Relaxed);
                let tables = to.table_ids.clone().unwrap_or_else(|| current_tables.to_vec());
                let party = u32::try_from(current.party_size).unwrap_or(u32::MAX);
                host::check_placement(
                    &ctx.booking.tables,
                    &ctx.booking.combinations,
                    others,
                    &tables,
                    party,
                    start,
                    end,
                )
                .map_err(placement_error)?;
                let details = serde_json::json!({
                    "from": {"start": ctx.rfc3339(current.starts_at), "end": ctx.rfc3339(current.ends_at), "tables": current_tables},
                    "to": {"start": ctx.rfc3339(start), "end": ctx.rfc3339(end), "tables": tables},
                });
                Ok(Change::Modify {
                    change: ReservationChange {
                        starts_at: start,
                        ends_at: end,
                        party_size: party,
                        guest_name: current.guest_name.clone(),
                        guest_email: current.guest_email.clone(),
                        guest_phone: current.guest_phone.clone(),
                        notes: current.notes.clone(),
                        table_ids: tables,
                    },
                    details: details.to_string(),
                })
            },
            Actor::Staff(who.user_id),
            // The guest hears of a new date or time, not of a new table.
            |row| {
                rescheduled
                    .load(Ordering::Relaxed)
                    .then(|| ctx.mail(MailKind::Modification, row, now, true))
                    .flatten()
            },
            now,
        )
        .await
        .map_err(|e| match ServiceError::from(e) {
            ServiceError::Conflict(_) => ServiceError::TableTaken,
            other => other,
        })?;
    let row = result?;
    view_of(store, &ctx, row, now).await
}

fn placement_error(refusal: PlacementRefusal) -> ServiceError {
    match refusal {
        PlacementRefusal::Taken => ServiceError::TableTaken,
        PlacementRefusal::TooSmall => ServiceError::Refused {
            field: "tables",
            reason: "too_small",
        },
        PlacementRefusal::NotCombinable => ServiceError::Refused {
            field: "tables",
            reason: "not_combinable",
        },
        PlacementRefusal::UnknownTable => ServiceError::Invalid("tables"),
    }
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
fn local_day(
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
    Ok(StaffReservation {
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
        flags: host::flags(party_size, &row.notes),
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

/// The day's service periods with the covers that count (not cancelled,
/// not no-shows) per period and per slot.
fn periods(ctx: &Context, date: NaiveDate, reservations: &[StaffReservation]) -> Vec<StaffPeriod> {
    let counts = |r: &&StaffReservation| {
        !matches!(
            r.status,
            ReservationStatus::Cancelled | ReservationStatus::NoShow
        )
    };
    let seats: u32 = ctx
        .booking
        .tables
        .iter()
        .filter(|t| t.active)
        .map(|t| t.max_seats)
        .sum();
    // A table turns once per typical (two-guest) turn time.
    let turn = ctx.booking.rules.turn_times.minutes_for(2).max(1);
    ctx.booking
        .rules
        .periods_on(date)
        .iter()
        .map(|p| {
            let first = p.first_seating().format("%H:%M").to_string();
            // Shown from the first seating to the closing time.
            let (opens, closes, span) = match p.display() {
                Some(d) => (
                    d.opens.to_string(),
                    d.closes.to_string(),
                    u32::from(d.closes.minutes().saturating_sub(d.opens.minutes())),
                ),
                None => (first.clone(), first, 0),
            };
            let in_period: Vec<&StaffReservation> = reservations
                .iter()
                .filter(counts)
                .filter(|r| {
                    NaiveTime::parse_from_str(&r.time, "%H:%M").is_ok_and(|t| p.contains(t))
                })
                .collect();
            let turns = (span / turn).max(1);
            StaffPeriod {
                kind: p.kind(),
                opens,
                closes,
                covers: in_period.iter().map(|r| r.party_size).sum(),
                bookings: u32::try_from(in_period.len()).unwrap_or(u32::MAX),
                capacity: seats * turns,
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
