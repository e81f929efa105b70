//! The guest's own booking, opened by its secret manage token (or found
//! again by reference and e-mail).

use super::change::modify_found;
use super::context::context;
use super::tokens::{new_token, token_hash_checked};
use crate::mail::MailKind;
use crate::payments::Payments;
use crate::services::ServiceError;
use crate::store::{Actor, ProofPurpose, Store};
use chrono::{DateTime, TimeDelta, Utc};
use domain::{BookedReservation, ReservationPatch, ReservationView};

/// A manage link stops working this long after the meal ends.
pub const TOKEN_LIFE_AFTER_END: TimeDelta = TimeDelta::days(30);

/// The reservation a manage token opens.
#[tracing::instrument(skip_all)]
pub async fn by_token(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
) -> Result<ReservationView, ServiceError> {
    let hash = token_hash_checked(token)?;
    let ctx = context(store).await?;
    let row = store
        .reservation_by_token_hash(&hash, now - TOKEN_LIFE_AFTER_END)
        .await?;
    let mut view = ctx.view(&row, now)?;
    view.pending_email = store.pending_email_change(row.id, now).await?;
    let payment = store.payment_of(row.id).await?;
    super::payments::with_payment(view, payment.as_ref(), now)
}

/// Uses the link of an e-mail proof (a booking's new address, or a held
/// booking's confirmation): the change takes effect, the guest is told by
/// e-mail, and a new manage token opens the booking. A used, withdrawn or
/// expired link, or a hold released meanwhile, is [`ServiceError::NotFound`].
#[tracing::instrument(skip_all)]
pub async fn use_email_proof(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
) -> Result<BookedReservation, ServiceError> {
    let hash = token_hash_checked(token)?;
    let ctx = context(store).await?;
    let proved = store
        .use_proof(
            ctx.restaurant.id,
            &hash,
            |proved| {
                let kind = match proved.purpose {
                    ProofPurpose::ChangeEmail => MailKind::Modification,
                    ProofPurpose::ConfirmBooking => MailKind::Confirmation,
                };
                ctx.mail(kind, &proved.reservation, now, true)
            },
            now,
        )
        .await?;
    let row = proved.reservation;
    tracing::info!(
        reference = %row.reference,
        purpose = proved.purpose.as_str(),
        "e-mail proof used"
    );
    let (token, hash) = new_token();
    store
        .add_reservation_token(&row.reference, &hash, now)
        .await?;
    Ok(BookedReservation {
        reservation: ctx.view(&row, now)?,
        manage_token: token,
        payment_url: None,
    })
}

/// Finds a booking by its reference and the guest's e-mail, and issues a
/// new manage token for it, which replaces the earlier ones (the e-mailed
/// link included): whoever holds an old link loses it.
#[tracing::instrument(skip_all)]
pub async fn find_by_reference(
    store: &Store,
    now: DateTime<Utc>,
    reference: &str,
    email: &str,
) -> Result<BookedReservation, ServiceError> {
    let reference = reference.trim().to_ascii_uppercase();
    if reference.is_empty() || reference.len() > 20 || email.trim().is_empty() {
        return Err(ServiceError::NotFound);
    }
    let ctx = context(store).await?;
    let row = store
        .reservation_by_reference(ctx.restaurant.id, &reference, email.trim())
        .await?;
    let (token, hash) = new_token();
    store.replace_reservation_token(row.id, &hash, now).await?;
    Ok(BookedReservation {
        reservation: ctx.view(&row, now)?,
        manage_token: token,
        payment_url: None,
    })
}

/// The guest changes date, time, party size or details. The new slot is
/// re-checked (the booking itself does not count against it) and the same
/// tables are kept when they still fit and are free.
#[tracing::instrument(skip_all)]
pub async fn modify(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
    patch: ReservationPatch,
) -> Result<ReservationView, ServiceError> {
    let hash = token_hash_checked(token)?;
    let ctx = context(store).await?;
    let found = store
        .reservation_by_token_hash(&hash, now - TOKEN_LIFE_AFTER_END)
        .await?;
    modify_found(&ctx, store, now, found, &patch, Actor::Guest).await
}

/// The guest cancels, up to the restaurant's cut-off; a deposit is
/// refunded by the terms agreed when paying.
#[tracing::instrument(skip_all)]
pub async fn cancel(
    store: &Store,
    payments: &Payments,
    now: DateTime<Utc>,
    token: &str,
) -> Result<ReservationView, ServiceError> {
    let hash = token_hash_checked(token)?;
    let ctx = context(store).await?;
    let found = store
        .reservation_by_token_hash(&hash, now - TOKEN_LIFE_AFTER_END)
        .await?;
    super::payments::cancel_and_refund(&ctx, store, payments, now, found, Actor::Guest).await
}

/// The `.ics` calendar file of a reservation, by manage token, with the
/// booking reference (for its file name).
#[tracing::instrument(skip_all)]
pub async fn calendar_file(
    store: &Store,
    now: DateTime<Utc>,
    token: &str,
) -> Result<(String, String), ServiceError> {
    let hash = token_hash_checked(token)?;
    let ctx = context(store).await?;
    let row = store
        .reservation_by_token_hash(&hash, now - TOKEN_LIFE_AFTER_END)
        .await?;
    let view = ctx.view(&row, now)?;
    let ics = crate::mail::ics::event(&view, &ctx.card(), row.starts_at, row.ends_at, now);
    Ok((view.reference, ics))
}
