//! Blocks: staff keep tables (or a whole area) from bookings over a span,
//! with a reason. Running the room is the host stand's work, so staff set
//! and remove blocks as they move bookings. A block over a booking is
//! refused (the bookings are moved first), whoever is first: the service
//! names them, and the database refuses one written meanwhile.

use super::{author, by};
use crate::error::StoreError;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::booking::naive_date;
use crate::services::ServiceError;
use crate::store::{BlockRow, NewBlock, Store};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use domain::{BlockForm, LocalDateTime, TableBlock};

/// Conflict code: bookings hold some of the tables during the span.
pub const TABLES_BOOKED: &str = "tables_booked";

/// The longest block: a year (a longer closure is a change of the room).
pub const MAX_BLOCK_DAYS: i64 = 366;

/// The instant of a local time; a time the clocks skip (spring forward)
/// is refused on its field.
fn instant(tz: &Tz, at: LocalDateTime, field: &'static str) -> Result<DateTime<Utc>, ServiceError> {
    let refused = ServiceError::Refused {
        field,
        reason: "not_a_time",
    };
    let date = naive_date(at.date).ok_or(ServiceError::Invalid(field))?;
    let time = NaiveTime::from_hms_opt(u32::from(at.time.hour()), u32::from(at.time.minute()), 0)
        .ok_or(ServiceError::Invalid(field))?;
    rules::local_to_utc(tz, date, time).ok_or(refused)
}

fn local(tz: &Tz, at: DateTime<Utc>) -> String {
    at.with_timezone(tz).format("%Y-%m-%dT%H:%M").to_string()
}

fn views(tz: &Tz, blocks: Vec<BlockRow>) -> Vec<TableBlock> {
    blocks
        .into_iter()
        .map(|b| TableBlock {
            id: b.id,
            start: local(tz, b.starts_at),
            end: local(tz, b.ends_at),
            reason: b.reason,
            tables: b.table_ids,
            created_by: b.created_by,
        })
        .collect()
}

/// The blocks overlapping the local days `from..=to`. Staff and admins.
#[tracing::instrument(skip_all)]
pub async fn blocks(
    store: &Store,
    who: Option<&Principal>,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<TableBlock>, ServiceError> {
    authorize(who, Action::RunService)?;
    let setup = store.setup().await?;
    let tz = setup.booking.rules.time_zone;
    if last < first || (last - first).num_days() > MAX_BLOCK_DAYS {
        return Err(ServiceError::Invalid("to"));
    }
    // The local days' instants lie within these (offsets within -12/+14 h).
    let midnight = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc();
    let rows = store
        .blocks(
            setup.restaurant.id,
            midnight(first) - TimeDelta::hours(14),
            midnight(last) + TimeDelta::days(1) + TimeDelta::hours(12),
        )
        .await?;
    // Local `YYYY-MM-DDTHH:MM` compare as text: the days' first minute
    // and the next day's.
    let first = first.format("%Y-%m-%dT00:00").to_string();
    let after = (last + TimeDelta::days(1))
        .format("%Y-%m-%dT00:00")
        .to_string();
    Ok(views(&tz, rows)
        .into_iter()
        .filter(|b| b.end > first && b.start < after)
        .collect())
}

/// Sets a block; as stored. Its tables must be the restaurant's (an
/// area's, when one is named); it must end after `now` and last at most
/// [`MAX_BLOCK_DAYS`]. Staff and admins.
#[tracing::instrument(skip_all)]
pub async fn create_block(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    form: &BlockForm,
) -> Result<TableBlock, ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let setup = store.setup().await?;
    let (restaurant, tz) = (setup.restaurant.id, setup.booking.rules.time_zone);
    let mut tables = form.tables.clone();
    if let Some(area) = form.area_id {
        if !store.has_area(restaurant, area).await? {
            return Err(ServiceError::Refused {
                field: "area_id",
                reason: "unknown",
            });
        }
        tables.extend(
            store
                .floor_tables(restaurant)
                .await?
                .into_iter()
                .filter(|t| t.area_id == area)
                .map(|t| t.id),
        );
        tables.sort_unstable();
        tables.dedup();
        if tables.is_empty() {
            return Err(ServiceError::Refused {
                field: "area_id",
                reason: "empty",
            });
        }
    }
    if store.count_tables(restaurant, &tables).await? != tables.len() {
        return Err(ServiceError::Refused {
            field: "tables",
            reason: "unknown",
        });
    }
    let start = instant(&tz, form.start, "start")?;
    let end = instant(&tz, form.end, "end")?;
    if end <= start {
        return Err(ServiceError::Refused {
            field: "end",
            reason: "before_start",
        });
    }
    if end <= now {
        return Err(ServiceError::Refused {
            field: "end",
            reason: "past",
        });
    }
    if end - start > TimeDelta::days(MAX_BLOCK_DAYS) {
        return Err(ServiceError::Refused {
            field: "end",
            reason: "too_long",
        });
    }
    if !store
        .bookings_holding(restaurant, &tables, start, end)
        .await?
        .is_empty()
    {
        return Err(ServiceError::Conflict(TABLES_BOOKED.into()));
    }
    let block = NewBlock {
        starts_at: start,
        ends_at: end,
        reason: &form.reason,
        table_ids: &tables,
    };
    let by = author(who, now);
    let id = store
        .create_block(restaurant, &block, &tz, by)
        .await
        .map_err(|e| match e {
            // A booking written since the check above.
            StoreError::Conflict(_) => ServiceError::Conflict(TABLES_BOOKED.into()),
            e => e.into(),
        })?;
    views(&tz, store.blocks(restaurant, start, end).await?)
        .into_iter()
        .find(|b| b.id == id)
        .ok_or(ServiceError::NotFound)
}

/// Removes a block: its tables are offered again at once.
#[tracing::instrument(skip_all)]
pub async fn delete_block(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let setup = store.setup().await?;
    let by = by(who);
    Ok(store
        .delete_block(setup.restaurant.id, id, &setup.booking.rules.time_zone, by)
        .await?)
}

/// How far ahead the tables screen lists blocks.
pub const UPCOMING_DAYS: i64 = 90;

/// The blocks from today at the restaurant for [`UPCOMING_DAYS`] (the
/// tables screen's list). Staff and admins.
#[tracing::instrument(skip_all)]
pub async fn upcoming_blocks(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
) -> Result<Vec<TableBlock>, ServiceError> {
    authorize(who, Action::RunService)?;
    let tz = store.setup().await?.booking.rules.time_zone;
    let today = now.with_timezone(&tz).date_naive();
    blocks(store, who, today, today + TimeDelta::days(UPCOMING_DAYS)).await
}
