//! Blocks: tables kept from bookings over a span, with a reason. The
//! database refuses a block over a booking's hold and a hold over a block
//! (triggers on both tables), and the holds every booking decision reads
//! include the blocks' (see `HOLDS_SQL`), so availability, staff placements
//! and moves all respect them.

use super::{db_time, Author, ADVISORY_BOOKING_BASE};
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use domain::{audit_changes, AuditSubject};

/// One table of a block, as read (a block over several tables gives
/// several rows).
#[derive(Debug, Clone, sqlx::FromRow)]
struct BlockTableRow {
    id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    reason: String,
    created_by: Option<String>,
    table_id: i64,
}

/// A block with its tables (ascending).
#[derive(Debug, Clone)]
pub struct BlockRow {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub reason: String,
    pub created_by: Option<String>,
    pub table_ids: Vec<i64>,
}

/// A booking holding one of a block's tables during its span.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BlockingBooking {
    pub reservation_id: i64,
    pub reference: String,
    pub starts_at: DateTime<Utc>,
}

/// A block to write: the restaurant's tables (checked by the caller) over
/// `starts_at..ends_at`.
#[derive(Debug, Clone)]
pub struct NewBlock<'a> {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub reason: &'a str,
    pub table_ids: &'a [i64],
}

/// `$2, $3, ...` for `n` values bound after `$1`.
fn list(n: usize, first: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// The blocks overlapping `from..to`, by start.
    pub async fn blocks(
        &self,
        restaurant_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BlockRow>, StoreError> {
        let sql =
            "SELECT b.id, b.starts_at, b.ends_at, b.reason, u.name AS created_by, bt.table_id \
             FROM table_blocks b JOIN block_tables bt ON bt.block_id = b.id \
             LEFT JOIN users u ON u.id = b.created_by \
             WHERE b.restaurant_id = $1 AND b.ends_at > $2 AND b.starts_at < $3 \
             ORDER BY b.starts_at, b.id, bt.table_id";
        let rows = on_pool!(self, pool => sqlx::query_as::<_, BlockTableRow>(sql)
            .bind(restaurant_id).bind(db_time(from)).bind(db_time(to))
            .fetch_all(pool).await)?;
        let mut blocks: Vec<BlockRow> = Vec::new();
        for row in rows {
            match blocks.last_mut() {
                Some(b) if b.id == row.id => b.table_ids.push(row.table_id),
                _ => blocks.push(BlockRow {
                    id: row.id,
                    starts_at: row.starts_at,
                    ends_at: row.ends_at,
                    reason: row.reason,
                    created_by: row.created_by,
                    table_ids: vec![row.table_id],
                }),
            }
        }
        Ok(blocks)
    }

    /// The active bookings holding one of `table_ids` during
    /// `from..to`, by start (what a block there would refuse).
    pub async fn bookings_holding(
        &self,
        restaurant_id: i64,
        table_ids: &[i64],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BlockingBooking>, StoreError> {
        if table_ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT DISTINCT r.id AS reservation_id, r.reference, r.starts_at \
             FROM reservation_tables rt JOIN reservations r ON r.id = rt.reservation_id \
             WHERE r.restaurant_id = $1 AND rt.active AND rt.starts_at < $3 AND rt.ends_at > $2 \
             AND rt.table_id IN ({}) ORDER BY r.starts_at, r.id",
            list(table_ids.len(), 4)
        );
        Ok(on_pool!(self, pool => {
            let mut query = sqlx::query_as::<_, BlockingBooking>(&sql)
                .bind(restaurant_id).bind(db_time(from)).bind(db_time(to));
            for id in table_ids {
                query = query.bind(id);
            }
            query.fetch_all(pool).await
        })?)
    }

    /// Writes a block and its tables (ascending, as bookings hold them);
    /// its id. A booking holding one of the tables then is a conflict (the
    /// database's triggers), and nothing is written. Its line in the audit
    /// log says when in the restaurant's `tz`.
    pub async fn create_block(
        &self,
        restaurant_id: i64,
        block: &NewBlock<'_>,
        tz: &Tz,
        by: Author,
    ) -> Result<i64, StoreError> {
        let insert = "INSERT INTO table_blocks (restaurant_id, starts_at, ends_at, reason, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        let member = "INSERT INTO block_tables (block_id, table_id) VALUES ($1, $2)";
        let mut tables = block.table_ids.to_vec();
        tables.sort_unstable();
        tables.dedup();
        let label = span_label(tz, block.starts_at, block.ends_at);
        booking_tx!(self, restaurant_id, tx => {
            let id: i64 = sqlx::query_scalar(insert)
                .bind(restaurant_id).bind(db_time(block.starts_at)).bind(db_time(block.ends_at))
                .bind(block.reason).bind(db_time(by.at)).bind(by.user_id)
                .fetch_one(&mut *tx).await?;
            for table in &tables {
                sqlx::query(member).bind(id).bind(table).execute(&mut *tx).await?;
            }
            let names: Vec<String> = sqlx::query_scalar(TABLE_NAMES).bind(id)
                .fetch_all(&mut *tx).await?;
            let changes = audit_changes(&[], &block_fields(&names, block.reason));
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Block, "create",
                label, &changes);
            Ok::<i64, StoreError>(id)
        })
    }

    /// Removes a block: its tables are free again at once.
    pub async fn delete_block(
        &self,
        restaurant_id: i64,
        id: i64,
        tz: &Tz,
        by: Author,
    ) -> Result<(), StoreError> {
        let found = "SELECT starts_at, ends_at, reason FROM table_blocks \
             WHERE id = $1 AND restaurant_id = $2";
        let delete = "DELETE FROM table_blocks WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let found: Option<(DateTime<Utc>, DateTime<Utc>, String)> = sqlx::query_as(found)
                .bind(id).bind(restaurant_id).fetch_optional(&mut *tx).await?;
            let (starts_at, ends_at, reason) = found.ok_or(StoreError::NotFound)?;
            let names: Vec<String> = sqlx::query_scalar(TABLE_NAMES).bind(id)
                .fetch_all(&mut *tx).await?;
            sqlx::query(delete).bind(id).bind(restaurant_id).execute(&mut *tx).await?;
            let changes = audit_changes(&block_fields(&names, &reason), &[]);
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Block, "delete",
                span_label(tz, starts_at, ends_at), &changes);
            Ok::<(), StoreError>(())
        })
    }
}

/// The names of a block's tables, in name order.
const TABLE_NAMES: &str = "SELECT t.name FROM block_tables b JOIN dining_tables t \
     ON t.id = b.table_id WHERE b.block_id = $1 ORDER BY t.name";

fn block_fields(tables: &[String], reason: &str) -> Vec<(&'static str, String)> {
    vec![("tables", tables.join(", ")), ("reason", reason.to_owned())]
}

/// `2026-12-24 19:00 – 2026-12-24 23:00`, in the restaurant's time.
fn span_label(tz: &Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let local = |t: DateTime<Utc>| t.with_timezone(tz).format("%Y-%m-%d %H:%M").to_string();
    format!("{} – {}", local(start), local(end))
}
