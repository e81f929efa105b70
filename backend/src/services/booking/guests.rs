//! Guest profiles for staff: found by name, e-mail, phone or tag, read in
//! full (visits, no-shows, cancellations, last visit, their bookings), and
//! the tags and notes staff keep on them, which every staff view of the
//! guest's bookings shows.

use super::context::{context, Context};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::{GuestRow, GuestVisitRow, Store};
use chrono::{DateTime, Utc};
use domain::guests::guest_cursor;
use domain::{
    GuestBooking, GuestNotes, GuestPage, GuestProfile, GuestSearch, GuestSummary, GuestTags,
    ReservationStatus,
};

/// One page of the profiles matching `search`, by name.
#[tracing::instrument(skip_all)]
pub async fn search_guests(
    store: &Store,
    who: Option<&Principal>,
    search: &GuestSearch,
) -> Result<GuestPage, ServiceError> {
    authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let after = search.after.as_ref().map(|(name, id)| (name.as_str(), *id));
    let mut rows = store
        .search_guests(
            ctx.restaurant.id,
            &search.q,
            search.tag.as_deref().unwrap_or(""),
            after,
            search.limit + 1,
        )
        .await?;
    let more = rows.len() > search.limit as usize;
    rows.truncate(search.limit as usize);
    let next = more
        .then(|| rows.last())
        .flatten()
        .map(|last| guest_cursor(&last.name, last.id));
    Ok(GuestPage {
        guests: rows.iter().map(|row| summary(&ctx, row)).collect(),
        next,
    })
}

/// The profile `guest_id` with its newest bookings.
#[tracing::instrument(skip_all)]
pub async fn guest_profile(
    store: &Store,
    who: Option<&Principal>,
    guest_id: i64,
) -> Result<GuestProfile, ServiceError> {
    authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let row = store.guest_by_id(ctx.restaurant.id, guest_id).await?;
    let history = store
        .guest_bookings(guest_id, GuestProfile::BOOKINGS_SHOWN)
        .await?
        .iter()
        .map(|b| booking(&ctx, b))
        .collect::<Result<_, _>>()?;
    Ok(GuestProfile {
        summary: summary(&ctx, &row),
        notes: row.notes.clone(),
        since: ctx.local_date(row.created_at),
        bookings: count(row.bookings),
        history,
    })
}

/// Staff write a profile's tags and notes; the profile as it is now.
#[tracing::instrument(skip_all)]
pub async fn set_guest_notes(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    guest_id: i64,
    notes: &GuestNotes,
) -> Result<GuestProfile, ServiceError> {
    authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    store
        .set_guest_notes(
            ctx.restaurant.id,
            guest_id,
            &notes.tags.joined(),
            &notes.notes,
            now,
        )
        .await?;
    guest_profile(store, who, guest_id).await
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn summary(ctx: &Context, row: &GuestRow) -> GuestSummary {
    let no_shows = count(row.no_shows);
    GuestSummary {
        id: row.id,
        name: row.name.clone(),
        email: row.email.clone(),
        phone: row.phone.clone(),
        tags: GuestTags::split(&row.tags),
        visits: count(row.visits),
        no_shows,
        cancellations: count(row.cancellations),
        last_visit: row.last_visit.map(|at| ctx.local_date(at)),
        no_show_warning: no_shows >= rules::host::REPEATED_NO_SHOWS,
    }
}

fn booking(ctx: &Context, row: &GuestVisitRow) -> Result<GuestBooking, ServiceError> {
    let status = ReservationStatus::parse(&row.status).ok_or_else(|| {
        ServiceError::Store(crate::StoreError::corrupt(format!(
            "reservation status {:?}",
            row.status
        )))
    })?;
    let local = row.starts_at.with_timezone(&ctx.tz);
    Ok(GuestBooking {
        id: row.id,
        reference: row.reference.clone(),
        status,
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        party_size: count(row.party_size),
    })
}
