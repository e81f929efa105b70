//! The room's setup: areas, tables with their places on the floor plan,
//! and combinations. Every write moves `setup_version` (triggers), so each
//! server process reloads the booking setup before its next availability
//! answer. Writes that check bookings first run as booking transactions,
//! so no booking can take a table between the check and the change, and
//! each write adds its line to the audit log in its transaction.

mod areas;
mod tables;

use super::db_time;
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AreaRow {
    pub id: i64,
    pub name: String,
    pub position: i64,
    pub tables: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FloorTableRow {
    pub id: i64,
    pub name: String,
    pub area_id: i64,
    pub min_seats: i64,
    pub max_seats: i64,
    pub bookable_online: bool,
    pub active: bool,
    pub shape: String,
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub rotation: i64,
}

/// One table of a combination.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CombinationMemberRow {
    pub combination_id: i64,
    pub name: String,
    pub table_id: i64,
}

/// What keeps a table or an area from being removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InUse {
    /// An area with tables.
    HasTables,
    /// A table that bookings still hold (from `now` on).
    FutureBookings,
    /// A table some past booking held: it is deactivated instead, so the
    /// history keeps its table.
    HasHistory,
}

/// A booking holding a table from some instant on.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TableBookingRow {
    pub id: i64,
    pub reference: String,
    pub guest_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub party_size: i64,
}

const TABLE_COLUMNS: &str = "t.id, t.name, COALESCE(t.area_id, 0) AS area_id, t.min_seats, \
     t.max_seats, t.bookable_online, t.active, t.shape, t.x, t.y, t.width, t.height, t.rotation";

impl Store {
    /// The bookings that hold table `table_id` after `now` (what keeps it
    /// from being removed or deactivated), by time.
    pub async fn table_bookings(
        &self,
        restaurant_id: i64,
        table_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<TableBookingRow>, StoreError> {
        let sql = "SELECT r.id, r.reference, r.guest_name, r.starts_at, r.ends_at, r.party_size \
             FROM reservation_tables rt JOIN reservations r ON r.id = rt.reservation_id \
             WHERE rt.table_id = $1 AND rt.active = $2 AND rt.ends_at > $3 \
             AND r.restaurant_id = $4 ORDER BY r.starts_at, r.id";
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, TableBookingRow>(sql)
            .bind(table_id).bind(true).bind(db_time(now)).bind(restaurant_id)
            .fetch_all(pool).await)?,
        )
    }

    pub async fn areas(&self, restaurant_id: i64) -> Result<Vec<AreaRow>, StoreError> {
        let sql = "SELECT a.id, a.name, a.position, \
             (SELECT COUNT(*) FROM dining_tables t WHERE t.area_id = a.id) AS tables \
             FROM areas a WHERE a.restaurant_id = $1 ORDER BY a.position, a.id";
        Ok(on_pool!(self, pool => sqlx::query_as::<_, AreaRow>(sql)
            .bind(restaurant_id).fetch_all(pool).await)?)
    }

    /// Every table, by area (in the areas' order), then by name.
    pub async fn floor_tables(&self, restaurant_id: i64) -> Result<Vec<FloorTableRow>, StoreError> {
        let sql = format!(
            "SELECT {TABLE_COLUMNS} FROM dining_tables t LEFT JOIN areas a ON a.id = t.area_id \
             WHERE t.restaurant_id = $1 ORDER BY a.position, a.id, t.name, t.id"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, FloorTableRow>(&sql)
            .bind(restaurant_id).fetch_all(pool).await)?,
        )
    }

    pub async fn floor_table(
        &self,
        restaurant_id: i64,
        id: i64,
    ) -> Result<FloorTableRow, StoreError> {
        let sql = format!(
            "SELECT {TABLE_COLUMNS} FROM dining_tables t WHERE t.id = $1 AND t.restaurant_id = $2"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, FloorTableRow>(&sql)
            .bind(id).bind(restaurant_id).fetch_one(pool).await)?,
        )
    }

    /// Each combination's tables, by combination name.
    pub async fn combination_members(
        &self,
        restaurant_id: i64,
    ) -> Result<Vec<CombinationMemberRow>, StoreError> {
        let sql = "SELECT c.id AS combination_id, c.name, m.table_id \
             FROM table_combinations c JOIN table_combination_members m ON m.combination_id = c.id \
             WHERE c.restaurant_id = $1 ORDER BY c.name, c.id, m.table_id";
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, CombinationMemberRow>(sql)
            .bind(restaurant_id).fetch_all(pool).await)?,
        )
    }

    /// Whether `area_id` is one of the restaurant's areas.
    pub async fn has_area(&self, restaurant_id: i64, area_id: i64) -> Result<bool, StoreError> {
        let sql = "SELECT COUNT(*) FROM areas WHERE id = $1 AND restaurant_id = $2";
        let n: i64 = on_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(area_id).bind(restaurant_id).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    /// How many of `tables` are the restaurant's.
    pub async fn count_tables(
        &self,
        restaurant_id: i64,
        tables: &[i64],
    ) -> Result<usize, StoreError> {
        if tables.is_empty() {
            return Ok(0);
        }
        // One query: `id IN ($2, $3, ...)`.
        let list: Vec<String> = (2..tables.len() + 2).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT COUNT(*) FROM dining_tables WHERE restaurant_id = $1 AND id IN ({})",
            list.join(", ")
        );
        let found: i64 = on_pool!(self, pool => {
            let mut query = sqlx::query_scalar(&sql).bind(restaurant_id);
            for id in tables {
                query = query.bind(id);
            }
            query.fetch_one(pool).await
        })?;
        Ok(usize::try_from(found).unwrap_or(0))
    }
}
