//! The calendar's reading: when bookings start and for how many, over a
//! span of days.

use crate::error::StoreError;
use crate::store::{db_time, on_pool, Store};
use chrono::{DateTime, Utc};

/// A booking that counts on the calendar: its start and party size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct CoversRow {
    pub starts_at: DateTime<Utc>,
    pub party_size: i64,
}

impl Store {
    /// The bookings starting in `from..to` that count (not cancelled, not
    /// no-shows), narrow rows for the calendar's sums.
    pub async fn covers_between(
        &self,
        restaurant_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<CoversRow>, StoreError> {
        let sql = "SELECT starts_at, party_size FROM reservations \
                   WHERE restaurant_id = $1 AND starts_at >= $2 AND starts_at < $3 \
                   AND status NOT IN ('cancelled', 'no_show') ORDER BY starts_at";
        Ok(on_pool!(self, pool => sqlx::query_as::<_, CoversRow>(sql)
            .bind(restaurant_id).bind(db_time(from)).bind(db_time(to))
            .fetch_all(pool).await)?)
    }
}
