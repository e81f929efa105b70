//! Bookings by reference, for their signed-in guest or for staff.

use super::change::modify_found;
use super::context::{context, Context};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{Actor, ReservationRow, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use domain::{ReservationPatch, ReservationView};

/// A signed-in guest (their own booking, verified e-mail) or staff changes
/// a booking by its reference. Staff are not bound by the guests' cut-off.
#[tracing::instrument(skip_all)]
pub async fn modify_as(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reference: &str,
    patch: ReservationPatch,
) -> Result<ReservationView, ServiceError> {
    let (ctx, found, actor) = found_as(store, who, reference).await?;
    modify_found(&ctx, store, now, found, &patch, actor).await
}

/// The booking with this reference, if `who` may manage it.
async fn found_as(
    store: &Store,
    who: Option<&Principal>,
    reference: &str,
) -> Result<(Context, ReservationRow, Actor), ServiceError> {
    // Anonymous callers learn nothing about which references exist.
    authorize(who, Action::UseAccount)?;
    let ctx = context(store).await?;
    let found = store
        .reservation_by_ref(ctx.restaurant.id, &reference.trim().to_ascii_uppercase())
        .await?;
    let who = authorize(
        who,
        Action::ManageReservation {
            guest_email: &found.guest_email,
        },
    )
    .map_err(|e| match e {
        // Someone else's booking looks like no booking at all.
        ServiceError::Forbidden => ServiceError::NotFound,
        other => other,
    })?;
    let actor = if who.role.is_staff() {
        Actor::Staff(who.user_id)
    } else {
        Actor::Guest
    };
    Ok((ctx, found, actor))
}

/// A booking by reference, for its signed-in guest or staff.
pub async fn get_as(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reference: &str,
) -> Result<ReservationView, ServiceError> {
    let (ctx, found, _) = found_as(store, who, reference).await?;
    ctx.view(&found, now)
}

/// Cancels a booking by reference, for its signed-in guest (before the
/// cut-off) or staff.
#[tracing::instrument(skip_all)]
pub async fn cancel_as(
    store: &Store,
    payments: &crate::payments::Payments,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reference: &str,
) -> Result<ReservationView, ServiceError> {
    let (ctx, found, actor) = found_as(store, who, reference).await?;
    super::payments::cancel_and_refund(&ctx, store, payments, now, found, actor).await
}

/// Every booking starting within the dates `from..=to` (restaurant's
/// calendar), for staff, with paging.
pub async fn list_all(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    from: NaiveDate,
    to: NaiveDate,
    page: u32,
    per_page: u32,
) -> Result<Vec<ReservationView>, ServiceError> {
    authorize(who, Action::ListAllReservations)?;
    if to < from || (to - from).num_days() > 366 {
        return Err(ServiceError::Invalid("to"));
    }
    let ctx = context(store).await?;
    let start = rules::local_to_utc(&ctx.tz, from, NaiveTime::MIN)
        .unwrap_or_else(|| from.and_time(NaiveTime::MIN).and_utc());
    let after = to.succ_opt().ok_or(ServiceError::Invalid("to"))?;
    let end = rules::local_to_utc(&ctx.tz, after, NaiveTime::MIN)
        .unwrap_or_else(|| after.and_time(NaiveTime::MIN).and_utc());
    let per_page = per_page.clamp(1, 100);
    let rows = store
        .reservations_between(
            ctx.restaurant.id,
            start,
            end,
            i64::from(per_page),
            i64::from(page) * i64::from(per_page),
        )
        .await?;
    rows.iter().map(|r| ctx.view(r, now)).collect()
}

/// Views of stored reservations.
pub async fn views(
    store: &Store,
    now: DateTime<Utc>,
    rows: &[ReservationRow],
) -> Result<Vec<ReservationView>, ServiceError> {
    let ctx = context(store).await?;
    rows.iter().map(|r| ctx.view(r, now)).collect()
}
