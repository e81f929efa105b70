//! The room's setup: areas, tables with their places on the floor plan,
//! and combinations. Every write moves `setup_version` (triggers), so each
//! server process reloads the booking setup before its next availability
//! answer. Writes that check bookings first run as booking transactions,
//! so no booking can take a table between the check and the change.

use super::{db_time, ADVISORY_BOOKING_BASE};
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{DateTime, Utc};
use domain::{AreaForm, CombinationForm, TableForm};

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

    /// A new area, last in the order. A name the restaurant already has
    /// is a conflict.
    pub async fn create_area(
        &self,
        restaurant_id: i64,
        form: &AreaForm,
    ) -> Result<i64, StoreError> {
        let sql = "INSERT INTO areas (restaurant_id, name, position) \
             VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM areas WHERE restaurant_id = $1)) \
             RETURNING id";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(restaurant_id).bind(&form.name).fetch_one(pool).await)?)
    }

    pub async fn rename_area(
        &self,
        restaurant_id: i64,
        id: i64,
        form: &AreaForm,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE areas SET name = $3 WHERE id = $1 AND restaurant_id = $2";
        let changed = on_pool!(self, pool => sqlx::query(sql)
            .bind(id).bind(restaurant_id).bind(&form.name)
            .execute(pool).await.map(|done| done.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Removes an empty area; `Ok(Some(InUse::HasTables))` when it is not.
    pub async fn delete_area(
        &self,
        restaurant_id: i64,
        id: i64,
    ) -> Result<Option<InUse>, StoreError> {
        let count = "SELECT COUNT(*) FROM dining_tables WHERE area_id = $1";
        let delete = "DELETE FROM areas WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let tables: i64 = sqlx::query_scalar(count).bind(id).fetch_one(&mut *tx).await?;
            if tables > 0 {
                Ok(Some(InUse::HasTables))
            } else {
                let gone = sqlx::query(delete).bind(id).bind(restaurant_id)
                    .execute(&mut *tx).await?.rows_affected();
                if gone == 0 { Err(StoreError::NotFound) } else { Ok(None) }
            }
        })
    }

    /// Whether `area_id` is one of the restaurant's areas.
    pub async fn has_area(&self, restaurant_id: i64, area_id: i64) -> Result<bool, StoreError> {
        let sql = "SELECT COUNT(*) FROM areas WHERE id = $1 AND restaurant_id = $2";
        let n: i64 = on_pool!(self, pool => sqlx::query_scalar(sql)
            .bind(area_id).bind(restaurant_id).fetch_one(pool).await)?;
        Ok(n > 0)
    }

    /// A new table. A name the restaurant already has is a conflict.
    pub async fn create_table(
        &self,
        restaurant_id: i64,
        form: &TableForm,
    ) -> Result<i64, StoreError> {
        let sql = "INSERT INTO dining_tables (restaurant_id, name, area_id, min_seats, max_seats, \
             bookable_online, active, shape, x, y, width, height, rotation) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(restaurant_id).bind(&form.name).bind(form.area_id)
            .bind(i64::from(form.min_seats)).bind(i64::from(form.max_seats))
            .bind(form.bookable_online).bind(form.active).bind(form.shape.as_str())
            .bind(i64::from(form.x)).bind(i64::from(form.y))
            .bind(i64::from(form.width)).bind(i64::from(form.height))
            .bind(i64::from(form.rotation))
            .fetch_one(pool).await)?)
    }

    /// Writes every field of a table. Deactivating it, or making it
    /// smaller than a party it holds from `now` on, is refused
    /// (`Ok(Some(InUse::FutureBookings))`): those bookings are moved first.
    pub async fn update_table(
        &self,
        restaurant_id: i64,
        id: i64,
        form: &TableForm,
        now: DateTime<Utc>,
    ) -> Result<Option<InUse>, StoreError> {
        // Bookings from now on that would lose their table.
        let held_sql = "SELECT COUNT(*) FROM reservation_tables rt JOIN reservations r ON r.id = rt.reservation_id \
             WHERE rt.table_id = $1 AND rt.active = $2 AND rt.ends_at > $3 \
             AND ($4 = 0 OR r.party_size > $5)";
        let update =
            "UPDATE dining_tables SET name = $3, area_id = $4, min_seats = $5, max_seats = $6, \
             bookable_online = $7, active = $8, shape = $9, x = $10, y = $11, width = $12, \
             height = $13, rotation = $14 WHERE id = $1 AND restaurant_id = $2";
        let now = db_time(now);
        booking_tx!(self, restaurant_id, tx => {
            let current: Option<(bool, i64)> = sqlx::query_as(
                "SELECT active, max_seats FROM dining_tables WHERE id = $1 AND restaurant_id = $2")
                .bind(id).bind(restaurant_id).fetch_optional(&mut *tx).await?;
            match current {
                None => Err(StoreError::NotFound),
                Some((was_active, was_max)) => {
                    let deactivating = was_active && !form.active;
                    let shrinking = i64::from(form.max_seats) < was_max;
                    // Deactivating: any booking; shrinking: larger parties.
                    let any = if deactivating { 0_i64 } else { 1 };
                    let held: i64 = if deactivating || shrinking {
                        sqlx::query_scalar(held_sql).bind(id).bind(true).bind(now)
                            .bind(any).bind(i64::from(form.max_seats))
                            .fetch_one(&mut *tx).await?
                    } else {
                        0
                    };
                    if held > 0 {
                        Ok(Some(InUse::FutureBookings))
                    } else {
                        sqlx::query(update).bind(id).bind(restaurant_id).bind(&form.name)
                            .bind(form.area_id)
                            .bind(i64::from(form.min_seats)).bind(i64::from(form.max_seats))
                            .bind(form.bookable_online).bind(form.active).bind(form.shape.as_str())
                            .bind(i64::from(form.x)).bind(i64::from(form.y))
                            .bind(i64::from(form.width)).bind(i64::from(form.height))
                            .bind(i64::from(form.rotation))
                            .execute(&mut *tx).await?;
                        Ok(None)
                    }
                }
            }
        })
    }

    /// Moves a table on its area's plan.
    pub async fn place_table(
        &self,
        restaurant_id: i64,
        id: i64,
        (x, y): (u32, u32),
    ) -> Result<(), StoreError> {
        let sql = "UPDATE dining_tables SET x = $3, y = $4 WHERE id = $1 AND restaurant_id = $2";
        let changed = on_pool!(self, pool => sqlx::query(sql)
            .bind(id).bind(restaurant_id).bind(i64::from(x)).bind(i64::from(y))
            .execute(pool).await.map(|done| done.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Removes a table no booking ever held, with its combinations (a
    /// combination needs all its tables). A table bookings hold from `now`
    /// on, or held before, stays (`Ok(Some(..))`).
    pub async fn delete_table(
        &self,
        restaurant_id: i64,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<InUse>, StoreError> {
        let future = "SELECT COUNT(*) FROM reservation_tables WHERE table_id = $1 AND active = $2 AND ends_at > $3";
        let any = "SELECT COUNT(*) FROM reservation_tables WHERE table_id = $1";
        let combinations = "DELETE FROM table_combinations WHERE id IN \
             (SELECT combination_id FROM table_combination_members WHERE table_id = $1)";
        let delete = "DELETE FROM dining_tables WHERE id = $1 AND restaurant_id = $2";
        let now = db_time(now);
        booking_tx!(self, restaurant_id, tx => {
            let mine: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM dining_tables WHERE id = $1 AND restaurant_id = $2")
                .bind(id).bind(restaurant_id).fetch_one(&mut *tx).await?;
            let held: i64 = sqlx::query_scalar(future).bind(id).bind(true).bind(now)
                .fetch_one(&mut *tx).await?;
            let ever: i64 = sqlx::query_scalar(any).bind(id).fetch_one(&mut *tx).await?;
            if mine == 0 {
                Err(StoreError::NotFound)
            } else if held > 0 {
                Ok(Some(InUse::FutureBookings))
            } else if ever > 0 {
                Ok(Some(InUse::HasHistory))
            } else {
                sqlx::query(combinations).bind(id).execute(&mut *tx).await?;
                // Its blocks mean nothing without it; a block left with
                // no table goes too.
                sqlx::query("DELETE FROM block_tables WHERE table_id = $1").bind(id)
                    .execute(&mut *tx).await?;
                sqlx::query("DELETE FROM table_blocks WHERE restaurant_id = $1 \
                     AND id NOT IN (SELECT block_id FROM block_tables)")
                    .bind(restaurant_id).execute(&mut *tx).await?;
                sqlx::query(delete).bind(id).bind(restaurant_id).execute(&mut *tx).await?;
                Ok(None)
            }
        })
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

    /// A new combination of `form.tables` (the restaurant's, checked by
    /// the caller). A name already used is a conflict.
    pub async fn create_combination(
        &self,
        restaurant_id: i64,
        form: &CombinationForm,
    ) -> Result<i64, StoreError> {
        let insert =
            "INSERT INTO table_combinations (restaurant_id, name) VALUES ($1, $2) RETURNING id";
        let member =
            "INSERT INTO table_combination_members (combination_id, table_id) VALUES ($1, $2)";
        booking_tx!(self, restaurant_id, tx => {
            let id: i64 = sqlx::query_scalar(insert).bind(restaurant_id).bind(&form.name)
                .fetch_one(&mut *tx).await?;
            for table in &form.tables {
                sqlx::query(member).bind(id).bind(table).execute(&mut *tx).await?;
            }
            Ok::<i64, StoreError>(id)
        })
    }

    pub async fn delete_combination(&self, restaurant_id: i64, id: i64) -> Result<(), StoreError> {
        let sql = "DELETE FROM table_combinations WHERE id = $1 AND restaurant_id = $2";
        let gone = on_pool!(self, pool => sqlx::query(sql).bind(id).bind(restaurant_id)
            .execute(pool).await.map(|done| done.rows_affected()))?;
        if gone == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
