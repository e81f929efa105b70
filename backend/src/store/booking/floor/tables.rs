//! Tables: each write runs as the restaurant's booking transaction (no
//! booking can take a table between a check and the change) with its line
//! in the audit log.

use super::super::{db_time, Author, ADVISORY_BOOKING_BASE};
use super::{FloorTableRow, InUse, TABLE_COLUMNS};
use crate::error::StoreError;
use crate::store::Store;
use domain::{audit_changes, AuditFields, AuditSubject, TableForm, TableShape};

/// The area's name of a table, for the audit log.
const AREA_NAME: &str = "SELECT name FROM areas WHERE id = $1";

/// A stored table as the form that would write it.
fn form_of(row: &FloorTableRow) -> Result<TableForm, StoreError> {
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(TableForm {
        name: row.name.clone(),
        area_id: row.area_id,
        min_seats: n(row.min_seats),
        max_seats: n(row.max_seats),
        bookable_online: row.bookable_online,
        active: row.active,
        shape: TableShape::parse(&row.shape)
            .ok_or_else(|| StoreError::corrupt(format!("table shape {:?}", row.shape)))?,
        x: n(row.x),
        y: n(row.y),
        width: n(row.width),
        height: n(row.height),
        rotation: n(row.rotation),
    })
}

/// A table's fields with its area's name.
fn fields(form: &TableForm, area: Option<String>) -> Vec<(&'static str, String)> {
    let mut fields = form.audit_fields();
    fields.insert(1, ("area", area.unwrap_or_default()));
    fields
}

impl Store {
    /// A new table. A name the restaurant already has is a conflict.
    pub async fn create_table(
        &self,
        restaurant_id: i64,
        form: &TableForm,
        by: Author,
    ) -> Result<i64, StoreError> {
        let sql = "INSERT INTO dining_tables (restaurant_id, name, area_id, min_seats, max_seats, \
             bookable_online, active, shape, x, y, width, height, rotation) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";
        booking_tx!(self, restaurant_id, tx => {
            let id: i64 = sqlx::query_scalar(sql)
                .bind(restaurant_id).bind(&form.name).bind(form.area_id)
                .bind(i64::from(form.min_seats)).bind(i64::from(form.max_seats))
                .bind(form.bookable_online).bind(form.active).bind(form.shape.as_str())
                .bind(i64::from(form.x)).bind(i64::from(form.y))
                .bind(i64::from(form.width)).bind(i64::from(form.height))
                .bind(i64::from(form.rotation))
                .fetch_one(&mut *tx).await?;
            let area: Option<String> = sqlx::query_scalar(AREA_NAME).bind(form.area_id)
                .fetch_optional(&mut *tx).await?;
            let changes = audit_changes(&[], &fields(form, area));
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Table, "create",
                form.name.clone(), &changes);
            Ok::<i64, StoreError>(id)
        })
    }

    /// Writes every field of a table. Deactivating it, or making it
    /// smaller than a party it holds from `by.at` on, is refused
    /// (`Ok(Some(InUse::FutureBookings))`): those bookings are moved first.
    pub async fn update_table(
        &self,
        restaurant_id: i64,
        id: i64,
        form: &TableForm,
        by: Author,
    ) -> Result<Option<InUse>, StoreError> {
        // Bookings from now on that would lose their table.
        let held_sql = "SELECT COUNT(*) FROM reservation_tables rt JOIN reservations r ON r.id = rt.reservation_id \
             WHERE rt.table_id = $1 AND rt.active = $2 AND rt.ends_at > $3 \
             AND ($4 = 0 OR r.party_size > $5)";
        let current = format!(
            "SELECT {TABLE_COLUMNS} FROM dining_tables t WHERE t.id = $1 AND t.restaurant_id = $2"
        );
        let update =
            "UPDATE dining_tables SET name = $3, area_id = $4, min_seats = $5, max_seats = $6, \
             bookable_online = $7, active = $8, shape = $9, x = $10, y = $11, width = $12, \
             height = $13, rotation = $14 WHERE id = $1 AND restaurant_id = $2";
        let now = db_time(by.at);
        booking_tx!(self, restaurant_id, tx => {
            let current: Option<FloorTableRow> = sqlx::query_as(&current)
                .bind(id).bind(restaurant_id).fetch_optional(&mut *tx).await?;
            let before = form_of(&current.ok_or(StoreError::NotFound)?)?;
            let deactivating = before.active && !form.active;
            let shrinking = form.max_seats < before.max_seats;
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
                let old_area: Option<String> = sqlx::query_scalar(AREA_NAME).bind(before.area_id)
                    .fetch_optional(&mut *tx).await?;
                let new_area: Option<String> = sqlx::query_scalar(AREA_NAME).bind(form.area_id)
                    .fetch_optional(&mut *tx).await?;
                let changes = audit_changes(&fields(&before, old_area), &fields(form, new_area));
                record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Table, "update",
                    form.name.clone(), &changes);
                Ok(None)
            }
        })
    }

    /// Moves a table on its area's plan.
    pub async fn place_table(
        &self,
        restaurant_id: i64,
        id: i64,
        (x, y): (u32, u32),
        by: Author,
    ) -> Result<(), StoreError> {
        let before = "SELECT name, x, y FROM dining_tables WHERE id = $1 AND restaurant_id = $2";
        let sql = "UPDATE dining_tables SET x = $3, y = $4 WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let old: Option<(String, i64, i64)> = sqlx::query_as(before).bind(id)
                .bind(restaurant_id).fetch_optional(&mut *tx).await?;
            let (name, old_x, old_y) = old.ok_or(StoreError::NotFound)?;
            sqlx::query(sql).bind(id).bind(restaurant_id).bind(i64::from(x)).bind(i64::from(y))
                .execute(&mut *tx).await?;
            let changes = audit_changes(
                &[("place", format!("{old_x}, {old_y}"))],
                &[("place", format!("{x}, {y}"))],
            );
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Table, "update",
                name, &changes);
            Ok::<(), StoreError>(())
        })
    }

    /// Removes a table no booking ever held, with its combinations (a
    /// combination needs all its tables). A table bookings hold from
    /// `by.at` on, or held before, stays (`Ok(Some(..))`).
    pub async fn delete_table(
        &self,
        restaurant_id: i64,
        id: i64,
        by: Author,
    ) -> Result<Option<InUse>, StoreError> {
        let current = format!(
            "SELECT {TABLE_COLUMNS} FROM dining_tables t WHERE t.id = $1 AND t.restaurant_id = $2"
        );
        let future = "SELECT COUNT(*) FROM reservation_tables WHERE table_id = $1 AND active = $2 AND ends_at > $3";
        let any = "SELECT COUNT(*) FROM reservation_tables WHERE table_id = $1";
        let combinations = "DELETE FROM table_combinations WHERE id IN \
             (SELECT combination_id FROM table_combination_members WHERE table_id = $1)";
        let delete = "DELETE FROM dining_tables WHERE id = $1 AND restaurant_id = $2";
        let now = db_time(by.at);
        booking_tx!(self, restaurant_id, tx => {
            let current: Option<FloorTableRow> = sqlx::query_as(&current)
                .bind(id).bind(restaurant_id).fetch_optional(&mut *tx).await?;
            let before = form_of(&current.ok_or(StoreError::NotFound)?)?;
            let held: i64 = sqlx::query_scalar(future).bind(id).bind(true).bind(now)
                .fetch_one(&mut *tx).await?;
            let ever: i64 = sqlx::query_scalar(any).bind(id).fetch_one(&mut *tx).await?;
            if held > 0 {
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
                let area: Option<String> = sqlx::query_scalar(AREA_NAME).bind(before.area_id)
                    .fetch_optional(&mut *tx).await?;
                sqlx::query(delete).bind(id).bind(restaurant_id).execute(&mut *tx).await?;
                let changes = audit_changes(&fields(&before, area), &[]);
                record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Table, "delete",
                    before.name.clone(), &changes);
                Ok(None)
            }
        })
    }
}
