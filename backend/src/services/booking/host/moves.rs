//! Staff move a booking: another time, table or length (the timeline's
//! drag, resize and "Move to…"), re-checked in the booking transaction.

use super::view_of;
use crate::mail::MailKind;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::booking::context::{context, Context};
use crate::services::ServiceError;
use crate::store::{Actor, Change, ReservationChange, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use domain::StaffReservation;
use rules::host::{self, PlacementRefusal};
use std::sync::atomic::{AtomicBool, Ordering};

/// Where staff put a booking: its local date and time, its length and
/// its tables; what is `None` stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    pub date: Option<NaiveDate>,
    pub time: Option<NaiveTime>,
    pub duration_minutes: Option<u32>,
    pub table_ids: Option<Vec<i64>>,
    /// A new party size (staff are not bound by the online maximum; the
    /// tables must still seat it).
    pub party_size: Option<u32>,
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

/// The largest party staff may seat on one booking (a whole-restaurant
/// event is a block, not a booking).
pub const MAX_STAFF_PARTY: u32 = 500;

/// Staff move a booking to another time and/or table, or change its
/// length or party size (the timeline's drag, resize and "Move to…", the
/// details page's form). Re-checked inside
/// the booking transaction against the other bookings as they are then
/// (seats, combinations, overlap), and below that by the database's
/// no-overlap guarantee; a refusal changes nothing. The guest is e-mailed
/// when the date, time or party size changes, not for a table.
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
    if to
        .party_size
        .is_some_and(|p| !(1..=MAX_STAFF_PARTY).contains(&p))
    {
        return Err(ServiceError::Invalid("party_size"));
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
                let tables = to.table_ids.clone().unwrap_or_else(|| current_tables.to_vec());
                let party = to
                    .party_size
                    .unwrap_or_else(|| u32::try_from(current.party_size).unwrap_or(u32::MAX));
                rescheduled.store(
                    current.starts_at != start || i64::from(party) != current.party_size,
                    Ordering::Relaxed,
                );
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
                    "from": {"start": ctx.rfc3339(current.starts_at), "end": ctx.rfc3339(current.ends_at), "tables": current_tables, "party_size": current.party_size},
                    "to": {"start": ctx.rfc3339(start), "end": ctx.rfc3339(end), "tables": tables, "party_size": party},
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
            // The guest hears of a new date, time or party size, not of a
            // new table or length.
            |row| {
                rescheduled
                    .load(Ordering::Relaxed)
                    .then(|| ctx.mail(MailKind::Modification, row, now, true))
                    .flatten()
            },
            now,
        )
        .await
        .map_err(super::table_taken)?;
    let row = result?;
    view_of(store, &ctx, row, now).await
}

pub(super) fn placement_error(refusal: PlacementRefusal) -> ServiceError {
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
