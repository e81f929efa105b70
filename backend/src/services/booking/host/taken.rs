//! Bookings staff take: on the phone (checked against the online rules
//! unless staff say they go beyond them) and walk-ins seated now. Both go
//! through the same booking transaction as a guest's booking, so the
//! database's no-overlap guarantee holds for them too.

use super::moves::placement_error;
use super::view_of;
use crate::mail::MailKind;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::booking::book::{refusal, Asked};
use crate::services::booking::context::{check_slot, context, SlotProblem};
use crate::services::booking::tokens::{new_reference, new_token};
use crate::services::booking::{naive_date, naive_time};
use crate::services::ServiceError;
use crate::store::{Actor, NewReservation, Store};
use chrono::{DateTime, TimeDelta, Timelike, Utc};
use domain::{
    PartySize, ReservationSource, ReservationStatus, SlotReason, StaffBooking, StaffReservation,
};
use rules::host;

/// Staff book a table. A phone booking must fit the online rules (the
/// booking window, the party sizes, pacing, a free table) unless
/// `override_rules` says staff go beyond them; it is confirmed at once and
/// the guest gets the usual e-mail when an address is given. A walk-in
/// without a date and time sits down now (`seated`). Chosen tables are
/// checked like a move (seats, combinations, overlap); otherwise the best
/// free tables are picked, those kept off the online booking included.
#[tracing::instrument(skip_all, fields(source = booking.source.as_str(), party = booking.party_size))]
pub async fn take_booking(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    booking: StaffBooking,
) -> Result<StaffReservation, ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let walk_in_now = booking.source == ReservationSource::WalkIn && booking.date.is_none();
    let (date, time) = match (
        booking.date.and_then(naive_date),
        booking.time.and_then(naive_time),
    ) {
        (Some(date), Some(time)) => (date, time),
        _ if walk_in_now => {
            let local = now.with_timezone(&ctx.tz);
            // To the minute: the timeline and the history read minutes.
            (
                local.date_naive(),
                local
                    .time()
                    .with_second(0)
                    .and_then(|t| t.with_nanosecond(0))
                    .unwrap_or(local.time()),
            )
        }
        _ => return Err(ServiceError::Invalid("date")),
    };
    let start = rules::local_to_utc(&ctx.tz, date, time).ok_or(ServiceError::Invalid("time"))?;
    if !walk_in_now && start < now - TimeDelta::hours(12) {
        // Staff may write down a booking that began a little earlier (a
        // walk-in entered late), not one in the past.
        return Err(ServiceError::Invalid("date"));
    }
    ctx.check_date(now - TimeDelta::days(1), date)?;
    let party = booking.party_size;
    let turn = booking
        .duration_minutes
        .unwrap_or_else(|| ctx.booking.rules.turn_times.minutes_for(party));
    let end = start + TimeDelta::minutes(i64::from(turn));
    let status = if walk_in_now {
        ReservationStatus::Seated
    } else {
        ReservationStatus::Confirmed
    };
    let check_rules = booking.source == ReservationSource::Phone && !booking.override_rules;
    // The guest's manage link is minted when its e-mail is sent.
    let (_, token_hash) = new_token();
    let reference = new_reference();
    let name = booking
        .name
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let email = booking
        .email
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let phone = booking
        .phone
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    let details = serde_json::json!({
        "source": booking.source.as_str(),
        "override": booking.override_rules,
    })
    .to_string();
    let result = store
        .create_reservation(
            ctx.restaurant.id,
            ctx.window(date, date),
            |others| {
                if check_rules {
                    let day = ctx.day(others, now, date, party);
                    check_slot(&day, time).map_err(Refusal::Rules)?;
                }
                let table_ids = if booking.tables.is_empty() {
                    rules::assign_tables(
                        &ctx.booking.tables,
                        &ctx.booking.combinations,
                        others,
                        start,
                        end,
                        party,
                    )
                    .or_else(|| {
                        // Then also the tables kept off the online booking.
                        let house_tables: Vec<rules::Table> = ctx
                            .booking
                            .tables
                            .iter()
                            .map(|t| rules::Table {
                                bookable_online: true,
                                ..t.clone()
                            })
                            .collect();
                        rules::assign_tables(
                            &house_tables,
                            &ctx.booking.combinations,
                            others,
                            start,
                            end,
                            party,
                        )
                    })
                    .map(|a| a.table_ids)
                    .ok_or(Refusal::Rules(SlotProblem::Unavailable(SlotReason::Full)))?
                } else {
                    host::check_placement(
                        &ctx.booking.tables,
                        &ctx.booking.combinations,
                        others,
                        &booking.tables,
                        party,
                        start,
                        end,
                    )
                    .map_err(|r| Refusal::Placement(placement_error(r)))?;
                    booking.tables.clone()
                };
                Ok(NewReservation {
                    payment: None,
                    restaurant_id: ctx.restaurant.id,
                    reference: reference.clone(),
                    token_hash: token_hash.clone(),
                    status,
                    source: booking.source,
                    starts_at: start,
                    ends_at: end,
                    party_size: party,
                    guest_name: name.clone(),
                    guest_email: email.clone(),
                    guest_phone: phone.clone(),
                    notes: booking.notes.to_string(),
                    locale: booking.locale.as_str().to_owned(),
                    table_ids,
                })
            },
            (Actor::Staff(who.user_id), "created", &details),
            None,
            // A guest on the phone hears from us; a walk-in is here.
            |row, _| {
                (booking.source == ReservationSource::Phone && !row.guest_email.is_empty())
                    .then(|| ctx.mail(MailKind::Confirmation, row, now, true))
                    .flatten()
            },
            now,
        )
        .await
        .map_err(super::table_taken)?;
    let row = match result {
        Ok(row) => row,
        Err(Refusal::Placement(e)) => return Err(e),
        Err(Refusal::Rules(problem)) => {
            let asked = Asked {
                date,
                time,
                party: PartySize::parse(i64::from(party.min(PartySize::MAX)))
                    .map_err(|_| ServiceError::Invalid("party_size"))?,
            };
            return Err(refusal(&ctx, store, now, asked, problem).await);
        }
    };
    tracing::info!(reference = %row.reference, "staff booking created");
    view_of(store, &ctx, row, now).await
}

/// Why a staff booking is refused inside the transaction.
enum Refusal {
    /// The online rules (without an override) or no free table.
    Rules(SlotProblem),
    /// The chosen tables.
    Placement(ServiceError),
}
