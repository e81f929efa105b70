//! One booking in full for staff: its history told as changes (who, when,
//! from → to), the internal notes staff write, a cancellation with its
//! reason, and the confirmation e-mail sent again.

use super::{change_status, table_names, view_of, Words};
use crate::mail::MailKind;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::booking::context::{context, Context};
use crate::services::ServiceError;
use crate::store::{Actor, EventRow, NoteRow, Store};
use chrono::{DateTime, Utc};
use domain::{
    CancelReason, HistoryChange, HistoryEntry, InternalNote, ReservationStatus, StaffReservation,
    StaffReservationDetails,
};
use serde_json::Value;
use std::collections::HashMap;

/// The booking `reservation_id` with its history and notes, for staff.
#[tracing::instrument(skip_all)]
pub async fn reservation_details(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reservation_id: i64,
) -> Result<StaffReservationDetails, ServiceError> {
    authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let row = store
        .reservation_by_id(ctx.restaurant.id, reservation_id)
        .await?;
    let (locale, created) = (row.locale.clone(), row.created_at);
    let reservation = view_of(store, &ctx, row, now).await?;
    let names = table_names(&ctx);
    let history = store
        .reservation_events(reservation_id)
        .await?
        .into_iter()
        .map(|e| history_entry(&ctx, &names, e))
        .collect();
    let notes = store
        .reservation_notes(reservation_id)
        .await?
        .into_iter()
        .map(|n| note_view(&ctx, n))
        .collect();
    let payment = match store.payment_of(reservation_id).await? {
        Some(p) => Some(p.view()?),
        None => None,
    };
    Ok(StaffReservationDetails {
        payment,
        can_resend: can_resend(&reservation),
        reservation,
        locale,
        created_at: ctx.rfc3339(created),
        created_local: local(&ctx, created),
        history,
        notes,
        tables: super::staff_tables(&ctx),
    })
}

/// Staff add a note to a booking (1 to 1,000 characters; never shown to
/// the guest).
#[tracing::instrument(skip_all)]
pub async fn add_note(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reservation_id: i64,
    text: &str,
) -> Result<InternalNote, ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let text = InternalNote::parse_text(text).map_err(|_| ServiceError::Invalid("text"))?;
    let ctx = context(store).await?;
    let row = store
        .add_reservation_note(ctx.restaurant.id, reservation_id, who.user_id, &text, now)
        .await?;
    Ok(note_view(&ctx, row))
}

/// Staff cancel a booking with a reason (kept in its history) and, if
/// they wrote one, a message to the guest (in the cancellation e-mail).
#[tracing::instrument(skip_all)]
pub async fn cancel_with_reason(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reservation_id: i64,
    reason: &str,
    message: Option<&str>,
) -> Result<StaffReservation, ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let reason = CancelReason::parse(reason).map_err(|_| ServiceError::Invalid("reason"))?;
    let message = match message.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) => Some(
            domain::Notes::parse(m)
                .map_err(|_| ServiceError::Invalid("message"))?
                .as_str()
                .to_owned(),
        ),
        None => None,
    };
    let ctx = context(store).await?;
    let words = Words {
        reason: Some(&reason),
        message: message.as_deref(),
    };
    change_status(
        store,
        &ctx,
        now,
        who,
        reservation_id,
        ReservationStatus::Cancelled,
        words,
    )
    .await
}

/// Staff send the confirmation e-mail again (with a fresh manage link),
/// to the booking's address; a booking without an address, or no longer
/// active, answers [`ServiceError::Refused`] on `email` / `status`.
#[tracing::instrument(skip_all)]
pub async fn resend_confirmation(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reservation_id: i64,
) -> Result<(), ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let row = store
        .reservation_by_id(ctx.restaurant.id, reservation_id)
        .await?;
    if !row.status()?.is_active() {
        return Err(ServiceError::StatusRefused);
    }
    let no_address = ServiceError::Refused {
        field: "email",
        reason: "missing",
    };
    if !has_address(&row.guest_email) {
        return Err(no_address);
    }
    let mail = ctx
        .mail(MailKind::Confirmation, &row, now, true)
        .ok_or(no_address)?;
    store
        .queue_reservation_mail(
            row.id,
            Actor::Staff(who.user_id),
            "confirmation_resent",
            mail,
            now,
        )
        .await?;
    Ok(())
}

/// Whether a booking has an address to e-mail (a walk-in may have none).
fn has_address(email: &str) -> bool {
    !email.trim().is_empty()
}

/// What [`resend_confirmation`] accepts.
fn can_resend(r: &StaffReservation) -> bool {
    r.status.is_active() && has_address(&r.email)
}

fn local(ctx: &Context, at: DateTime<Utc>) -> String {
    at.with_timezone(&ctx.tz)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn note_view(ctx: &Context, row: NoteRow) -> InternalNote {
    InternalNote {
        id: row.id,
        text: row.body,
        at: ctx.rfc3339(row.at),
        at_local: local(ctx, row.at),
        by: row.author,
    }
}

/// A history line, its details (JSON written by the change) told as the
/// fields that changed, with local times and table names.
fn history_entry(ctx: &Context, names: &HashMap<i64, &str>, e: EventRow) -> HistoryEntry {
    let details: Value = serde_json::from_str(&e.details).unwrap_or(Value::Null);
    let mut changes = Vec::new();
    if let Some(to) = ReservationStatus::parse(&e.action) {
        if let Some(from) = details["from"].as_str() {
            changes.push(change("status", from.to_owned(), to.as_str().to_owned()));
        }
    } else if e.action == "modified" {
        for field in [
            "start",
            "end",
            "tables",
            "party_size",
            "name",
            "email",
            "phone",
            "notes",
        ] {
            let read = |side: &str| shown(ctx, names, field, &details[side][field]);
            if let (Some(from), Some(to)) = (read("from"), read("to")) {
                if from != to {
                    changes.push(change(field, from, to));
                }
            }
        }
    } else if let Some(cents) = details["amount_cents"].as_i64().filter(|c| *c > 0) {
        // A payment or a money move: its amount, in cents.
        changes.push(change("amount_cents", String::new(), cents.to_string()));
    }
    HistoryEntry {
        at: ctx.rfc3339(e.at),
        at_local: local(ctx, e.at),
        actor: e.actor,
        by: e.author,
        action: e.action,
        changes,
        reason: details["reason"].as_str().map(str::to_owned),
    }
}

/// A value of a change's details as staff read it: a start as the local
/// date and time, an end as the local time, tables by name.
fn shown(ctx: &Context, names: &HashMap<i64, &str>, field: &str, v: &Value) -> Option<String> {
    match (field, v) {
        ("start" | "end", Value::String(s)) => {
            let format = if field == "start" {
                "%Y-%m-%d %H:%M"
            } else {
                "%H:%M"
            };
            DateTime::parse_from_rfc3339(s)
                .ok()
                .map(|t| t.with_timezone(&ctx.tz).format(format).to_string())
        }
        ("tables", Value::Array(ids)) => Some(
            ids.iter()
                .filter_map(Value::as_i64)
                .map(|id| {
                    names
                        .get(&id)
                        .map_or_else(|| id.to_string(), |n| (*n).to_owned())
                })
                .collect::<Vec<_>>()
                .join(" + "),
        ),
        (_, Value::String(s)) => Some(s.clone()),
        (_, Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

fn change(field: &str, from: String, to: String) -> HistoryChange {
    HistoryChange {
        field: field.to_owned(),
        from,
        to,
    }
}
