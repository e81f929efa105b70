//! Making a reservation, and the refusal (with alternatives) when the slot
//! cannot be booked.

use super::context::{check_slot, context, Context, SlotProblem};
use super::payments;
use super::tokens::{new_reference, new_token};
use super::{BookingRequest, ALTERNATIVE_DAYS};
use crate::mail::{MailKind, OUTBOX_KIND};
use crate::payments::Payments;
use crate::ratelimit::Limit;
use crate::services::ServiceError;
use crate::store::{Actor, NewPayment, NewReservation, ProofPurpose, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use domain::{BookedReservation, PartySize, ReservationStatus, SlotReason};

/// One guest (by e-mail, or by phone) may make at most `limit.requests`
/// bookings per `limit.window` (cancelled ones aside), so that one person
/// cannot fill an evening from several addresses.
async fn guest_within_limit(
    store: &Store,
    ctx: &Context,
    now: DateTime<Utc>,
    req: &BookingRequest,
    limit: Limit,
) -> Result<(), ServiceError> {
    let window = TimeDelta::from_std(limit.window).unwrap_or(TimeDelta::days(1));
    let made = store
        .bookings_by_guest_since(
            ctx.restaurant.id,
            req.guest.email.as_str(),
            &req.guest.phone.to_string(),
            now - window,
        )
        .await?;
    if made >= i64::from(limit.requests) {
        tracing::warn!(
            security_event = "rate_limited",
            bucket = "booking_guest",
            "too many bookings for one guest"
        );
        return Err(ServiceError::RateLimited {
            retry_after: u64::try_from(window.num_seconds()).unwrap_or(3600),
        });
    }
    Ok(())
}

/// Books a table: re-checks the slot and picks the tables inside one
/// booking transaction, then records the history line and the confirmation
/// e-mail with it. When the restaurant asks large parties to confirm by
/// e-mail, such a booking is `pending_confirmation`: it holds its table
/// and its e-mail carries the confirmation link instead
/// ([`release_unconfirmed`](super::release_unconfirmed) frees it after the
/// hold). A slot taken meanwhile answers
/// [`ServiceError::SlotUnavailable`] with the nearest alternatives.
#[tracing::instrument(skip_all, fields(date = %req.date, time = %req.time, party = req.party.get()))]
pub async fn book(
    store: &Store,
    payments: &Payments,
    now: DateTime<Utc>,
    req: BookingRequest,
    per_guest: Option<Limit>,
) -> Result<BookedReservation, ServiceError> {
    let ctx = context(store).await?;
    ctx.check_date(now, req.date)?;
    if let Some(limit) = per_guest {
        guest_within_limit(store, &ctx, now, &req, limit).await?;
    }
    let party = req.party.get();
    let window = ctx.window(req.date, req.date);
    // A large party's booking waits for the guest's confirmation by e-mail,
    // holding its table meanwhile.
    let confirmation = ctx
        .booking
        .email_confirmation
        .filter(|c| c.applies_to(party));
    let hold = confirmation.map(|c| TimeDelta::minutes(i64::from(c.hold_minutes)));
    // What the booking is asked to pay depends on the slot's service (read
    // from the day's seatings alone; the slot itself is checked below).
    let service = payments::service_at(&ctx.day(&[], now, req.date, party), req.time);
    let asked = payments::terms(&ctx, payments, party, req.date, service);
    let mut attempts = 0;
    loop {
        attempts += 1;
        let (token, token_hash) = new_token();
        let reference = new_reference();
        let result = store
            .create_reservation(
                ctx.restaurant.id,
                window,
                |bookings| {
                    let day = ctx.day(bookings, now, req.date, party);
                    let start = check_slot(&day, req.time)?;
                    let payment = asked.clone().map(|t| NewPayment {
                        kind: t.kind,
                        amount_cents: t.amount_cents,
                        currency: t.currency,
                        refund_cutoff_minutes: t.refund_cutoff_minutes,
                        late_refund_percent: t.late_refund_percent,
                        hold_until: now + TimeDelta::minutes(i64::from(t.hold_minutes)),
                    });
                    // A payment asked comes first: the e-mail confirmation
                    // of large parties is then the payment itself.
                    let status = if payment.is_some() {
                        ReservationStatus::PendingPayment
                    } else if confirmation.is_some() {
                        ReservationStatus::PendingConfirmation
                    } else {
                        ReservationStatus::Confirmed
                    };
                    let end = start
                        + TimeDelta::minutes(i64::from(
                            ctx.booking.rules.turn_times.minutes_for(party),
                        ));
                    let assignment = rules::assign_tables(
                        &ctx.booking.tables,
                        &ctx.booking.combinations,
                        bookings,
                        start,
                        end,
                        party,
                    )
                    .ok_or(SlotProblem::Unavailable(SlotReason::Full))?;
                    Ok(NewReservation {
                        restaurant_id: ctx.restaurant.id,
                        reference: reference.clone(),
                        token_hash: token_hash.clone(),
                        status,
                        source: domain::ReservationSource::Online,
                        starts_at: start,
                        ends_at: end,
                        party_size: party,
                        guest_name: req.guest.name.to_string(),
                        guest_email: req.guest.email.to_string(),
                        guest_phone: req.guest.phone.to_string(),
                        notes: req.guest.notes.to_string(),
                        locale: req.locale.as_str().to_owned(),
                        table_ids: assignment.table_ids,
                        payment,
                    })
                },
                (Actor::Guest, "created", "{}"),
                hold.filter(|_| asked.is_none())
                    .map(|hold| (ProofPurpose::ConfirmBooking, now + hold)),
                |row, proof_id| match (proof_id, hold) {
                    // Waiting for the payment: the e-mail comes with it.
                    _ if row.status == ReservationStatus::PendingPayment.as_str() => None,
                    (Some(proof_id), Some(hold)) => {
                        let mut job = ctx.job(MailKind::ConfirmBooking, row, now)?;
                        job.proof_id = Some(proof_id);
                        job.expires_in_minutes = u32::try_from(hold.num_minutes()).ok();
                        Some((OUTBOX_KIND.to_owned(), job.to_json()))
                    }
                    _ => ctx.mail(MailKind::Confirmation, row, now, true),
                },
                now,
            )
            .await;
        match result {
            Ok(Ok(row)) => {
                tracing::info!(reference = %row.reference, "reservation created");
                let payment_url = if asked.is_some() {
                    Some(payments::open_checkout(&ctx, store, payments, &row, now).await?)
                } else {
                    None
                };
                let payment = store.payment_of(row.id).await?;
                return Ok(BookedReservation {
                    reservation: payments::with_payment(
                        ctx.view(&row, now)?,
                        payment.as_ref(),
                        now,
                    )?,
                    manage_token: token,
                    payment_url,
                });
            }
            Ok(Err(problem)) => {
                return Err(refusal(
                    &ctx,
                    store,
                    now,
                    Asked {
                        date: req.date,
                        time: req.time,
                        party: req.party,
                    },
                    problem,
                )
                .await)
            }
            // A reference collision (or a database-level overlap refusal,
            // which the lock should make impossible): try again, then give up
            // as "no longer available".
            Err(crate::StoreError::Conflict(what)) if attempts < 3 => {
                tracing::warn!(%what, "conflict while booking; retrying");
            }
            Err(crate::StoreError::Conflict(what)) => {
                tracing::warn!(%what, "conflict while booking; giving up");
                return Err(refusal(
                    &ctx,
                    store,
                    now,
                    Asked {
                        date: req.date,
                        time: req.time,
                        party: req.party,
                    },
                    SlotProblem::Unavailable(SlotReason::Full),
                )
                .await);
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The slot a refused request asked for.
pub(in crate::services::booking) struct Asked {
    pub(in crate::services::booking) date: NaiveDate,
    pub(in crate::services::booking) time: NaiveTime,
    pub(in crate::services::booking) party: PartySize,
}

pub(in crate::services::booking) async fn refusal(
    ctx: &Context,
    store: &Store,
    now: DateTime<Utc>,
    asked: Asked,
    problem: SlotProblem,
) -> ServiceError {
    match problem {
        SlotProblem::NotASlot => ServiceError::Invalid("time"),
        SlotProblem::TooLate => ServiceError::TooLate,
        SlotProblem::Unavailable(reason) => {
            let Asked { date, time, party } = asked;
            let wanted = rules::local_to_utc(&ctx.tz, date, time)
                .unwrap_or_else(|| date.and_time(time).and_utc());
            let last = date
                .checked_add_days(chrono::Days::new(ALTERNATIVE_DAYS))
                .unwrap_or(date);
            let (from, to) = ctx.window(date, last);
            let alternatives = match store.active_bookings(ctx.restaurant.id, from, to).await {
                Ok(bookings) => ctx.alternatives(&bookings, now, date, wanted, party.get()),
                Err(e) => {
                    tracing::error!(error = %e, "cannot compute alternatives");
                    Vec::new()
                }
            };
            ServiceError::SlotUnavailable {
                reason,
                alternatives,
            }
        }
    }
}

/// Releases the large parties' bookings nobody confirmed in time (a job
/// calls this every minute): their tables are free again.
#[tracing::instrument(skip_all)]
pub async fn release_unconfirmed(store: &Store, now: DateTime<Utc>) -> Result<usize, ServiceError> {
    let released = store.release_unconfirmed(now).await?;
    for reference in &released {
        tracing::info!(%reference, "unconfirmed booking released");
    }
    Ok(released.len())
}
