//! Guest profiles: found by name, e-mail or phone, read with what their
//! bookings tell (visits, no-shows, cancellations, last visit), and the
//! tags and notes staff keep on them. Profiles are made and kept current
//! by the booking transactions themselves (`link_guest!`).

use super::{db_time, on_pool, Store};
use crate::error::StoreError;
use chrono::{DateTime, Utc};

/// A profile with the counts of its bookings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct GuestRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub tags: String,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    /// Bookings in any status.
    pub bookings: i64,
    /// Arrived, seated or completed.
    pub visits: i64,
    pub no_shows: i64,
    pub cancellations: i64,
    /// The start of the last visit, if any.
    pub last_visit: Option<DateTime<Utc>>,
}

/// One booking of a guest, for the profile's list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct GuestVisitRow {
    pub id: i64,
    pub reference: String,
    pub status: String,
    pub starts_at: DateTime<Utc>,
    pub party_size: i64,
}

/// The counts of a profile `g`'s bookings, by `reservations(guest_id, status)`.
const GUEST_COLUMNS: &str = "g.id, g.name, g.email, g.phone, g.tags, g.notes, g.created_at, \
     (SELECT COUNT(*) FROM reservations x WHERE x.guest_id = g.id) AS bookings, \
     (SELECT COUNT(*) FROM reservations x WHERE x.guest_id = g.id \
      AND x.status IN ('arrived', 'seated', 'completed')) AS visits, \
     (SELECT COUNT(*) FROM reservations x WHERE x.guest_id = g.id \
      AND x.status = 'no_show') AS no_shows, \
     (SELECT COUNT(*) FROM reservations x WHERE x.guest_id = g.id \
      AND x.status = 'cancelled') AS cancellations, \
     (SELECT MAX(x.starts_at) FROM reservations x WHERE x.guest_id = g.id \
      AND x.status IN ('arrived', 'seated', 'completed')) AS last_visit";

impl Store {
    /// Profiles whose name, e-mail key or phone contains `search` (lower
    /// case; phone digits compared without spaces, dashes and dots), or
    /// carrying `tag` when given; by name then id, after `after` (the
    /// previous page's last name and id), at most `limit`.
    pub async fn search_guests(
        &self,
        restaurant_id: i64,
        search: &str,
        tag: &str,
        after: Option<(&str, i64)>,
        limit: u32,
    ) -> Result<Vec<GuestRow>, StoreError> {
        let (pattern, digits) = super::booking::search_patterns(search);
        let (after_name, after_id) = after.unwrap_or(("", 0));
        let sql = format!(
            "SELECT {GUEST_COLUMNS} FROM guests g WHERE g.restaurant_id = $1 \
             AND ($2 = '' OR LOWER(g.name) LIKE $2 ESCAPE '\\' OR g.email_key LIKE $2 ESCAPE '\\' \
                  OR ($3 <> '' AND REPLACE(REPLACE(REPLACE(g.phone, ' ', ''), '-', ''), '.', '') LIKE $3)) \
             AND ($4 = '' OR (',' || g.tags || ',') LIKE ('%,' || $4 || ',%')) \
             AND (g.name > $5 OR (g.name = $5 AND g.id > $6)) \
             ORDER BY g.name, g.id LIMIT $7"
        );
        Ok(on_pool!(self, pool => sqlx::query_as::<_, GuestRow>(&sql)
            .bind(restaurant_id).bind(&pattern).bind(&digits).bind(tag)
            .bind(after_name).bind(after_id).bind(i64::from(limit))
            .fetch_all(pool).await)?)
    }

    /// The restaurant's profile `guest_id`.
    pub async fn guest_by_id(
        &self,
        restaurant_id: i64,
        guest_id: i64,
    ) -> Result<GuestRow, StoreError> {
        let sql = format!(
            "SELECT {GUEST_COLUMNS} FROM guests g WHERE g.id = $1 AND g.restaurant_id = $2"
        );
        Ok(on_pool!(self, pool => sqlx::query_as::<_, GuestRow>(&sql)
            .bind(guest_id).bind(restaurant_id).fetch_one(pool).await)?)
    }

    /// A guest's bookings, newest first, at most `limit`.
    pub async fn guest_bookings(
        &self,
        guest_id: i64,
        limit: u32,
    ) -> Result<Vec<GuestVisitRow>, StoreError> {
        let sql = "SELECT id, reference, status, starts_at, party_size FROM reservations \
                   WHERE guest_id = $1 ORDER BY starts_at DESC, id DESC LIMIT $2";
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, GuestVisitRow>(sql)
            .bind(guest_id).bind(i64::from(limit)).fetch_all(pool).await)?,
        )
    }

    /// Writes the tags (comma-separated) and notes staff keep on a profile;
    /// [`StoreError::NotFound`] when the restaurant has no such profile.
    pub async fn set_guest_notes(
        &self,
        restaurant_id: i64,
        guest_id: i64,
        tags: &str,
        notes: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE guests SET tags = $3, notes = $4, updated_at = $5 \
                   WHERE id = $1 AND restaurant_id = $2";
        let changed = on_pool!(self, pool => sqlx::query(sql)
            .bind(guest_id).bind(restaurant_id).bind(tags).bind(notes).bind(db_time(now))
            .execute(pool).await.map(|done| done.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
