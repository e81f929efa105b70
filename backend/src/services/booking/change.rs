//! The booking transactions that change an existing reservation: a patch
//! merged into the booking as read inside the transaction, and
//! cancellation.

use super::book::{refusal, Asked};
use super::context::{check_slot, Context, SlotProblem};
use super::{naive_date, naive_time};
use crate::mail::{MailKind, OUTBOX_KIND};
use crate::services::ServiceError;
use crate::store::{
    email_key, Actor, BookingSetup, Change, ProofPurpose, ReservationChange, ReservationRow, Store,
};
use chrono::{DateTime, TimeDelta, Utc};
use domain::{PartySize, ReservationPatch, ReservationStatus, ReservationView, SlotReason};
use std::sync::atomic::{AtomicBool, Ordering};

/// How many times a day a guest may ask to move a booking's e-mails to
/// another address, and how many times a day one address may be asked
/// (over every booking).
pub const EMAIL_CHANGES_PER_DAY: i64 = 3;
/// How long the confirmation link of a new address works.
pub const EMAIL_CHANGE_VALID: TimeDelta = TimeDelta::hours(24);

/// Refuses an e-mail change past the day's limits, for this booking or
/// for the new address.
async fn email_change_allowed(
    store: &Store,
    now: DateTime<Utc>,
    reservation_id: i64,
    new_email: &str,
) -> Result<(), ServiceError> {
    let since = now - TimeDelta::days(1);
    let for_booking = store
        .proofs_for_reservation_since(reservation_id, ProofPurpose::ChangeEmail, since)
        .await?;
    let for_address = store
        .proofs_for_address_since(new_email, ProofPurpose::ChangeEmail, since)
        .await?;
    if for_booking >= EMAIL_CHANGES_PER_DAY || for_address >= EMAIL_CHANGES_PER_DAY {
        tracing::warn!(
            security_event = "rate_limited",
            bucket = "email_change",
            "too many e-mail changes"
        );
        return Err(ServiceError::RateLimited { retry_after: 3600 });
    }
    Ok(())
}

/// Asks the new address to confirm itself (the booking's e-mails go there
/// only then) and tells the current address, in one transaction.
async fn request_email_change(
    ctx: &Context,
    store: &Store,
    now: DateTime<Utc>,
    row: &ReservationRow,
    new_email: &str,
) -> Result<(), ServiceError> {
    let ask = ctx.job(MailKind::ConfirmEmail, row, now);
    let tell = ctx.job(MailKind::EmailChangeRequested, row, now);
    let (Some(mut ask), Some(mut tell)) = (ask, tell) else {
        return Err(ServiceError::Invalid("email"));
    };
    let minutes = u32::try_from(EMAIL_CHANGE_VALID.num_minutes()).unwrap_or(u32::MAX);
    store
        .request_proof(
            row.id,
            ProofPurpose::ChangeEmail,
            new_email,
            now + EMAIL_CHANGE_VALID,
            |proof_id| {
                ask.to = new_email.to_owned();
                ask.proof_id = Some(proof_id);
                ask.expires_in_minutes = Some(minutes);
                tell.manage_link = true;
                tell.new_email = Some(new_email.to_owned());
                vec![
                    (OUTBOX_KIND.to_owned(), ask.to_json()),
                    (OUTBOX_KIND.to_owned(), tell.to_json()),
                ]
            },
            now,
        )
        .await?;
    tracing::info!(
        security_event = "email_change_requested",
        reference = %row.reference,
        "new address asked to confirm"
    );
    Ok(())
}

pub(super) async fn modify_found(
    ctx: &Context,
    store: &Store,
    now: DateTime<Utc>,
    found: ReservationRow,
    patch: &ReservationPatch,
    actor: Actor,
) -> Result<ReservationView, ServiceError> {
    let new_date = match patch.date {
        Some(date) => {
            let date = naive_date(date).ok_or(ServiceError::Invalid("date"))?;
            ctx.check_date(now, date)?;
            Some(date)
        }
        None => None,
    };
    let new_time = match patch.time {
        Some(time) => Some(naive_time(time).ok_or(ServiceError::Invalid("time"))?),
        None => None,
    };
    // A guest's new address takes effect only once it is proved (staff
    // change it at once: they spoke to the guest).
    let moved_email = patch
        .email
        .as_ref()
        .map(ToString::to_string)
        .filter(|e| email_key(e) != email_key(&found.guest_email));
    let proof_needed = if actor == Actor::Guest {
        moved_email.clone()
    } else {
        None
    };
    if let Some(new_email) = &proof_needed {
        email_change_allowed(store, now, found.id, new_email).await?;
    }
    // Whether anything the guest is told about changes (else no e-mail).
    let changed = AtomicBool::new(false);
    // What was asked, as merged into the booking read inside the
    // transaction (for the refusal's alternatives).
    let mut asked: Option<Asked> = None;
    let result = store
        .change_reservation(
            ctx.restaurant.id,
            found.id,
            |current| {
                let current_date = current.starts_at.with_timezone(&ctx.tz).date_naive();
                let date = new_date.unwrap_or(current_date);
                ctx.window(date.min(current_date), date.max(current_date))
            },
            |current, current_tables, others| {
                ensure_changeable(ctx, current, now, actor)?;
                let local = current.starts_at.with_timezone(&ctx.tz);
                let date = new_date.unwrap_or(local.date_naive());
                let time = new_time.unwrap_or(local.time());
                let current_party = u32::try_from(current.party_size).unwrap_or(0);
                let party = patch.party_size.map_or(current_party, PartySize::get);
                asked = PartySize::parse(i64::from(party))
                    .ok()
                    .map(|party| Asked { date, time, party });
                let same_slot = rules::local_to_utc(&ctx.tz, date, time) == Some(current.starts_at)
                    && party == current_party;
                let (start, end, tables) = if same_slot {
                    (current.starts_at, current.ends_at, current_tables.to_vec())
                } else {
                    let day = ctx.day(others, now, date, party);
                    let start = check_slot(&day, time)?;
                    let end = start
                        + TimeDelta::minutes(i64::from(ctx.booking.rules.turn_times.minutes_for(party)));
                    let tables = keep_tables(&ctx.booking, current_tables, others, start, end, party)
                        .or_else(|| {
                            rules::assign_tables(
                                &ctx.booking.tables,
                                &ctx.booking.combinations,
                                others,
                                start,
                                end,
                                party,
                            )
                            .map(|a| a.table_ids)
                        })
                        .ok_or(SlotProblem::Unavailable(SlotReason::Full))?;
                    (start, end, tables)
                };
                let or_current = |given: Option<String>, current: &str| {
                    given.unwrap_or_else(|| current.to_owned())
                };
                let email = if proof_needed.is_some() {
                    current.guest_email.clone()
                } else {
                    or_current(moved_email.clone(), &current.guest_email)
                };
                let change = ReservationChange {
                    starts_at: start,
                    ends_at: end,
                    party_size: party,
                    guest_name: or_current(patch.name.as_ref().map(ToString::to_string), &current.guest_name),
                    guest_email: email,
                    guest_phone: or_current(patch.phone.as_ref().map(ToString::to_string), &current.guest_phone),
                    notes: or_current(patch.notes.as_ref().map(ToString::to_string), &current.notes),
                    table_ids: tables,
                };
                changed.store(
                    change.starts_at != current.starts_at
                        || i64::from(change.party_size) != current.party_size
                        || change.guest_name != current.guest_name
                        || change.guest_email != current.guest_email
                        || change.guest_phone != current.guest_phone
                        || change.notes != current.notes,
                    Ordering::Relaxed,
                );
                // The history keeps every field as it was and became.
                let details = serde_json::json!({
                    "from": {"start": ctx.rfc3339(current.starts_at), "party_size": current.party_size,
                             "name": current.guest_name, "email": current.guest_email,
                             "phone": current.guest_phone, "notes": current.notes},
                    "to": {"start": ctx.rfc3339(change.starts_at), "party_size": change.party_size,
                           "name": change.guest_name, "email": change.guest_email,
                           "phone": change.guest_phone, "notes": change.notes},
                })
                .to_string();
                Ok(Change::Modify { change, details })
            },
            actor,
            |row| {
                changed
                    .load(Ordering::Relaxed)
                    .then(|| ctx.mail(MailKind::Modification, row, now, true))
                    .flatten()
            },
            now,
        )
        .await;
    match result {
        Ok(Ok(row)) => {
            let mut view = ctx.view(&row, now)?;
            if let Some(new_email) = proof_needed {
                request_email_change(ctx, store, now, &row, &new_email).await?;
                view.pending_email = Some(new_email);
            }
            Ok(view)
        }
        Ok(Err(SlotProblem::TooLate)) => Err(ServiceError::TooLate),
        Ok(Err(problem)) => match asked {
            Some(asked) => Err(refusal(ctx, store, now, asked, problem).await),
            None => Err(ServiceError::Invalid("party_size")),
        },
        Err(crate::StoreError::Conflict(what)) => {
            tracing::warn!(%what, "conflict while modifying");
            Err(ServiceError::SlotUnavailable {
                reason: SlotReason::Full,
                alternatives: Vec::new(),
            })
        }
        Err(e) => Err(e.into()),
    }
}

pub(super) async fn cancel_found(
    ctx: &Context,
    store: &Store,
    now: DateTime<Utc>,
    found: ReservationRow,
    actor: Actor,
    told: Option<super::payments::Told>,
) -> Result<ReservationView, ServiceError> {
    let result = store
        .change_reservation(
            ctx.restaurant.id,
            found.id,
            |current| (current.starts_at, current.ends_at),
            |current, _, _| {
                ensure_changeable(ctx, current, now, actor)?;
                Ok(Change::Status {
                    status: ReservationStatus::Cancelled,
                    details: "{}".to_owned(),
                })
            },
            actor,
            |row| ctx.mail_with_payment(MailKind::Cancellation, row, now, false, told),
            now,
        )
        .await?;
    match result {
        Ok(row) => ctx.view(&row, now),
        Err(SlotProblem::TooLate) => Err(ServiceError::TooLate),
        Err(_) => Err(ServiceError::TooLate),
    }
}

/// Only confirmed bookings change; guests only before the cut-off.
fn ensure_changeable(
    ctx: &Context,
    current: &ReservationRow,
    now: DateTime<Utc>,
    actor: Actor,
) -> Result<(), SlotProblem> {
    let confirmed = current.status().ok() == Some(ReservationStatus::Confirmed);
    let in_time = actor.is_staff()
        || rules::guest_can_change(now, current.starts_at, ctx.booking.cancel_cutoff_minutes);
    if confirmed && in_time {
        Ok(())
    } else {
        Err(SlotProblem::TooLate)
    }
}

/// The current tables, if they are still free over the new span and seat
/// the new party.
fn keep_tables(
    setup: &BookingSetup,
    current: &[i64],
    others: &[rules::ExistingBooking],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    party: u32,
) -> Option<Vec<i64>> {
    if current.is_empty() {
        return None;
    }
    let tables: Vec<&rules::Table> = current
        .iter()
        .map(|id| setup.tables.iter().find(|t| t.id == *id && t.active))
        .collect::<Option<_>>()?;
    let capacity: u32 = tables.iter().map(|t| t.max_seats).sum();
    let min = tables.iter().map(|t| t.min_seats).max().unwrap_or(0);
    let free = current
        .iter()
        .all(|id| rules::is_free(*id, others, start, end));
    (free && min <= party && party <= capacity).then(|| current.to_vec())
}
