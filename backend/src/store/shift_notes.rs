//! Shift notes: one note per restaurant and day, written by staff.

use super::{on_pool, Store};
use crate::error::StoreError;
use crate::store::db_time;
use chrono::{DateTime, NaiveDate, Utc};

/// A day's note, with who wrote it last (their name, if the account
/// remains).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ShiftNoteRow {
    pub body: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<String>,
}

impl Store {
    pub async fn shift_note(
        &self,
        restaurant_id: i64,
        day: NaiveDate,
    ) -> Result<Option<ShiftNoteRow>, StoreError> {
        let sql = "SELECT n.body, n.updated_at, u.name AS updated_by FROM shift_notes n \
                   LEFT JOIN users u ON u.id = n.updated_by \
                   WHERE n.restaurant_id = $1 AND n.day = $2";
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, ShiftNoteRow>(sql)
            .bind(restaurant_id).bind(day).fetch_optional(pool).await)?,
        )
    }

    /// Writes the day's note (the last writer wins); an empty `body`
    /// removes it.
    pub async fn set_shift_note(
        &self,
        restaurant_id: i64,
        day: NaiveDate,
        body: &str,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if body.is_empty() {
            let sql = "DELETE FROM shift_notes WHERE restaurant_id = $1 AND day = $2";
            on_pool!(self, pool => sqlx::query(sql)
                .bind(restaurant_id).bind(day).execute(pool).await.map(|_| ()))?;
            return Ok(());
        }
        let sql = "INSERT INTO shift_notes (restaurant_id, day, body, updated_at, updated_by) \
                   VALUES ($1, $2, $3, $4, $5) \
                   ON CONFLICT (restaurant_id, day) DO UPDATE SET body = excluded.body, \
                   updated_at = excluded.updated_at, updated_by = excluded.updated_by";
        on_pool!(self, pool => sqlx::query(sql)
            .bind(restaurant_id).bind(day).bind(body).bind(db_time(now)).bind(user_id)
            .execute(pool).await.map(|_| ()))?;
        Ok(())
    }
}
