//! The live floor: every active table of the room, placed as on its
//! area's plan, with what it is doing now (free, due soon, seated, late,
//! blocked) and the booking that is about.

use super::{context, day_blocks, local_day, staff_view, table_names};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use crate::store::Store;
use chrono::{DateTime, TimeDelta, Utc};
use domain::{LiveArea, LiveFloor, LiveTable, TableNow};
use rules::host::{self, Hold};

/// Bookings that started this long ago may still be at their table.
const LONGEST_STAY: TimeDelta = TimeDelta::hours(12);

/// The room now, for staff.
#[tracing::instrument(skip_all)]
pub async fn live_floor(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
) -> Result<LiveFloor, ServiceError> {
    authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    let local_now = now.with_timezone(&ctx.tz);
    let (day_start, day_end) = local_day(&ctx, local_now.date_naive())?;
    // Read before the bookings: they then hold every change up to it.
    let version = store.live_version().await?;
    let floor = crate::services::setup::floor(store, who).await?;
    let found = store
        .reservations_starting(ctx.restaurant.id, now - LONGEST_STAY, day_end)
        .await?;
    let rows = found
        .iter()
        .map(|r| Ok((r, r.row.status()?)))
        .collect::<Result<Vec<_>, ServiceError>>()?;
    let blocks = day_blocks(
        &ctx,
        store
            .blocks(ctx.restaurant.id, now, now + TimeDelta::minutes(1))
            .await?,
        (day_start, day_end),
    );
    let names = table_names(&ctx);
    let hhmm = |t: DateTime<Utc>| t.with_timezone(&ctx.tz).format("%H:%M").to_string();
    let mut areas = Vec::with_capacity(floor.areas.len());
    for area in floor.areas {
        let mut tables = Vec::new();
        for table in floor
            .tables
            .iter()
            .filter(|t| t.area_id == area.id && t.active)
        {
            let held: Vec<_> = rows
                .iter()
                .filter(|(r, _)| r.table_ids.contains(&table.id))
                .collect();
            let holds: Vec<Hold> = held
                .iter()
                .map(|(r, status)| Hold {
                    status: *status,
                    start: r.row.starts_at,
                    end: r.row.ends_at,
                })
                .collect();
            let block = blocks.iter().find(|b| b.tables.contains(&table.id));
            let (state, about) = host::table_now(&holds, block.is_some(), now);
            let booking = about
                .map(|i| staff_view(&ctx, held[i].0, &names, now))
                .transpose()?;
            let after = about.map_or(now, |i| holds[i].start);
            let next_at = holds
                .iter()
                .filter(|h| h.start > after && h.start >= now && h.end > now)
                .filter(|h| h.status.is_active())
                .map(|h| h.start)
                .min()
                .map(hhmm);
            tables.push(LiveTable {
                table: table.clone(),
                now: state,
                booking,
                next_at,
                block: (state == TableNow::Blocked)
                    .then(|| block.cloned())
                    .flatten(),
            });
        }
        areas.push(LiveArea {
            id: area.id,
            name: area.name,
            tables,
        });
    }
    Ok(LiveFloor {
        date: local_now.format("%Y-%m-%d").to_string(),
        read_at: local_now.format("%H:%M").to_string(),
        areas,
        version,
    })
}
