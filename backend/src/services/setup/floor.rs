//! The room: areas, tables on their floor plans, combinations. Staff read
//! it (the host stand's plan); admins change it. A name used twice is
//! refused on the field; a table that bookings hold from now on is neither
//! removed, deactivated nor made too small for them (they are moved first);
//! a table some past booking held is deactivated instead of removed, so the
//! history keeps it.

use super::{author, by};
use crate::error::StoreError;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::booking::{move_booking, Placement};
use crate::services::ServiceError;
use crate::store::{FloorTableRow, InUse, Store};
use chrono::{DateTime, Utc};
use domain::{
    Area, AreaForm, CombinationForm, Floor, FloorTable, TableBooking, TableCombination, TableForm,
    TableShape,
};
use rules::ExistingBooking;

/// Conflict codes: an area that still has tables; a table bookings hold
/// from now on; a table with past bookings (deactivate it instead).
pub const AREA_NOT_EMPTY: &str = "area_not_empty";
pub const TABLE_IN_USE: &str = "table_in_use";
pub const TABLE_HAS_HISTORY: &str = "table_has_history";

async fn restaurant_id(store: &Store) -> Result<i64, ServiceError> {
    Ok(store.setup().await?.restaurant.id)
}

/// A unique name taken: said on the name field.
fn name_taken(e: StoreError) -> ServiceError {
    match e {
        StoreError::Conflict(_) => ServiceError::Refused {
            field: "name",
            reason: "taken",
        },
        e => e.into(),
    }
}

fn in_use(found: Option<InUse>) -> Result<(), ServiceError> {
    match found {
        None => Ok(()),
        Some(InUse::HasTables) => Err(ServiceError::Conflict(AREA_NOT_EMPTY.into())),
        Some(InUse::FutureBookings) => Err(ServiceError::Conflict(TABLE_IN_USE.into())),
        Some(InUse::HasHistory) => Err(ServiceError::Conflict(TABLE_HAS_HISTORY.into())),
    }
}

fn number(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

fn table_view(row: FloorTableRow) -> Result<FloorTable, ServiceError> {
    let shape = TableShape::parse(&row.shape)
        .ok_or_else(|| StoreError::corrupt(format!("table shape {:?}", row.shape)))?;
    Ok(FloorTable {
        id: row.id,
        name: row.name,
        area_id: row.area_id,
        min_seats: number(row.min_seats),
        max_seats: number(row.max_seats),
        bookable_online: row.bookable_online,
        active: row.active,
        shape,
        x: number(row.x),
        y: number(row.y),
        width: number(row.width),
        height: number(row.height),
        rotation: number(row.rotation),
    })
}

/// The whole room. Staff and admins.
#[tracing::instrument(skip_all)]
pub async fn floor(store: &Store, who: Option<&Principal>) -> Result<Floor, ServiceError> {
    authorize(who, Action::RunService)?;
    let restaurant = restaurant_id(store).await?;
    let areas = store
        .areas(restaurant)
        .await?
        .into_iter()
        .map(|a| Area {
            id: a.id,
            name: a.name,
            position: a.position,
            tables: number(a.tables),
        })
        .collect();
    let tables = store
        .floor_tables(restaurant)
        .await?
        .into_iter()
        .map(table_view)
        .collect::<Result<Vec<_>, _>>()?;
    let mut combinations: Vec<TableCombination> = Vec::new();
    for m in store.combination_members(restaurant).await? {
        let seats = tables
            .iter()
            .find(|t| t.id == m.table_id)
            .map_or(0, |t| t.max_seats);
        match combinations.last_mut() {
            Some(c) if c.id == m.combination_id => {
                c.tables.push(m.table_id);
                c.max_seats += seats;
            }
            _ => combinations.push(TableCombination {
                id: m.combination_id,
                name: m.name,
                tables: vec![m.table_id],
                max_seats: seats,
            }),
        }
    }
    Ok(Floor {
        areas,
        tables,
        combinations,
    })
}

/// A new area, last in the order; its id. Admins only.
#[tracing::instrument(skip_all)]
pub async fn create_area(
    store: &Store,
    who: Option<&Principal>,
    form: &AreaForm,
) -> Result<i64, ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = restaurant_id(store).await?;
    store
        .create_area(restaurant, form, by(admin))
        .await
        .map_err(name_taken)
}

#[tracing::instrument(skip_all)]
pub async fn rename_area(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    form: &AreaForm,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = restaurant_id(store).await?;
    store
        .rename_area(restaurant, id, form, by(admin))
        .await
        .map_err(name_taken)
}

/// Removes an empty area (its tables are moved or removed first).
#[tracing::instrument(skip_all)]
pub async fn delete_area(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = restaurant_id(store).await?;
    in_use(store.delete_area(restaurant, id, by(admin)).await?)
}

async fn check_area(store: &Store, restaurant: i64, form: &TableForm) -> Result<(), ServiceError> {
    if store.has_area(restaurant, form.area_id).await? {
        Ok(())
    } else {
        Err(ServiceError::Refused {
            field: "area_id",
            reason: "unknown",
        })
    }
}

/// A new table; as stored.
#[tracing::instrument(skip_all)]
pub async fn create_table(
    store: &Store,
    who: Option<&Principal>,
    form: &TableForm,
) -> Result<FloorTable, ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = restaurant_id(store).await?;
    check_area(store, restaurant, form).await?;
    let id = store
        .create_table(restaurant, form, by(admin))
        .await
        .map_err(name_taken)?;
    table_view(store.floor_table(restaurant, id).await?)
}

/// Writes a table (every field); as stored.
#[tracing::instrument(skip_all)]
pub async fn update_table(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    id: i64,
    form: &TableForm,
) -> Result<FloorTable, ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = restaurant_id(store).await?;
    // A missing table is not found, whatever its new area.
    store.floor_table(restaurant, id).await?;
    check_area(store, restaurant, form).await?;
    in_use(
        store
            .update_table(restaurant, id, form, author(admin, now))
            .await
            .map_err(name_taken)?,
    )?;
    table_view(store.floor_table(restaurant, id).await?)
}

/// Moves a table on its area's plan (column `x`, row `y`, checked by the
/// caller). Admins only.
#[tracing::instrument(skip_all)]
pub async fn place_table(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
    x: u32,
    y: u32,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = restaurant_id(store).await?;
    Ok(store.place_table(restaurant, id, (x, y), by(admin)).await?)
}

/// Removes a table no booking ever held.
#[tracing::instrument(skip_all)]
pub async fn delete_table(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = restaurant_id(store).await?;
    in_use(
        store
            .delete_table(restaurant, id, author(admin, now))
            .await?,
    )
}

/// A new combination of the restaurant's tables; its id.
#[tracing::instrument(skip_all)]
pub async fn create_combination(
    store: &Store,
    who: Option<&Principal>,
    form: &CombinationForm,
) -> Result<i64, ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = restaurant_id(store).await?;
    if store.count_tables(restaurant, &form.tables).await? != form.tables.len() {
        return Err(ServiceError::Refused {
            field: "tables",
            reason: "unknown",
        });
    }
    store
        .create_combination(restaurant, form, by(admin))
        .await
        .map_err(name_taken)
}

#[tracing::instrument(skip_all)]
pub async fn delete_combination(
    store: &Store,
    who: Option<&Principal>,
    id: i64,
) -> Result<(), ServiceError> {
    let admin = authorize(who, Action::ManageSetup)?;
    let restaurant = restaurant_id(store).await?;
    Ok(store.delete_combination(restaurant, id, by(admin)).await?)
}

/// The bookings that hold a table from now on (what keeps it from being
/// removed or deactivated), each with the free tables proposed for it:
/// another active table or combination without this one, seating the
/// party then, no two proposals sharing a table at once. Admins only.
#[tracing::instrument(skip_all)]
pub async fn table_bookings(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    id: i64,
) -> Result<Vec<TableBooking>, ServiceError> {
    authorize(who, Action::ManageSetup)?;
    let setup = store.setup().await?;
    let restaurant = setup.restaurant.id;
    store.floor_table(restaurant, id).await?;
    let rows = store.table_bookings(restaurant, id, now).await?;
    let (Some(first), Some(last)) = (
        rows.iter().map(|r| r.starts_at).min(),
        rows.iter().map(|r| r.ends_at).max(),
    ) else {
        return Ok(Vec::new());
    };
    let holds = store.active_bookings(restaurant, first, last).await?;
    let moving: Vec<ExistingBooking> = rows
        .iter()
        .filter_map(|r| holds.iter().find(|h| h.id == r.id).cloned())
        .collect();
    let booking = &setup.booking;
    let proposals =
        rules::propose_moves(&booking.tables, &booking.combinations, &holds, id, &moving);
    let tz = booking.rules.time_zone;
    let name = |table: &i64| {
        booking
            .table_labels
            .iter()
            .find(|l| l.id == *table)
            .map(|l| l.name.clone())
            .unwrap_or_default()
    };
    Ok(rows
        .into_iter()
        .map(|r| {
            let proposal = moving
                .iter()
                .position(|m| m.id == r.id)
                .and_then(|i| proposals.get(i).cloned().flatten());
            let local = r.starts_at.with_timezone(&tz);
            TableBooking {
                id: r.id,
                reference: r.reference,
                guest_name: r.guest_name,
                date: local.format("%Y-%m-%d").to_string(),
                time: local.format("%H:%M").to_string(),
                party_size: number(r.party_size),
                proposal_names: proposal.iter().flatten().map(name).collect(),
                proposal,
            }
        })
        .collect())
}

/// Moves every booking of a table to the tables proposed for it (each
/// move re-checked in its own booking transaction, as staff moves are;
/// the guests are not e-mailed: only the table changes). What stays on
/// the table (nothing free, or taken meanwhile) is answered, to move by
/// hand. Admins only.
#[tracing::instrument(skip_all)]
pub async fn reassign_table(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    id: i64,
) -> Result<Vec<TableBooking>, ServiceError> {
    for b in table_bookings(store, now, who, id).await? {
        let Some(tables) = b.proposal else { continue };
        let placement = Placement {
            table_ids: Some(tables),
            ..Placement::default()
        };
        match move_booking(store, now, who, b.id, placement).await {
            Ok(_) | Err(ServiceError::TableTaken) | Err(ServiceError::StatusRefused) => {}
            Err(e) => return Err(e),
        }
    }
    table_bookings(store, now, who, id).await
}
