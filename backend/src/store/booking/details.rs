//! One booking's history and internal notes, and e-mails sent again.

use super::{Actor, EventRow};
use crate::error::StoreError;
use crate::store::{db_time, on_pool, Store};
use chrono::{DateTime, Utc};

/// A note staff wrote about a booking, with its author's name if their
/// account remains.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct NoteRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub body: String,
    pub author: Option<String>,
}

impl Store {
    /// The history of a reservation, oldest first.
    pub async fn reservation_events(
        &self,
        reservation_id: i64,
    ) -> Result<Vec<EventRow>, StoreError> {
        let sql = "SELECT e.at, e.actor, e.action, e.details, u.name AS author \
                   FROM reservation_events e LEFT JOIN users u ON u.id = e.user_id \
                   WHERE e.reservation_id = $1 ORDER BY e.id";
        Ok(on_pool!(self, pool => sqlx::query_as::<_, EventRow>(sql)
            .bind(reservation_id).fetch_all(pool).await)?)
    }

    /// The internal notes of a reservation, oldest first.
    pub async fn reservation_notes(&self, reservation_id: i64) -> Result<Vec<NoteRow>, StoreError> {
        let sql = "SELECT n.id, n.at, n.body, u.name AS author \
                   FROM reservation_notes n LEFT JOIN users u ON u.id = n.user_id \
                   WHERE n.reservation_id = $1 ORDER BY n.id";
        Ok(on_pool!(self, pool => sqlx::query_as::<_, NoteRow>(sql)
            .bind(reservation_id).fetch_all(pool).await)?)
    }

    /// Adds a note to the restaurant's reservation `reservation_id`;
    /// [`StoreError::NotFound`] when it has no such reservation.
    pub async fn add_reservation_note(
        &self,
        restaurant_id: i64,
        reservation_id: i64,
        user_id: i64,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<NoteRow, StoreError> {
        let sql = "INSERT INTO reservation_notes (reservation_id, at, user_id, body) \
                   SELECT r.id, $3, $4, $5 FROM reservations r \
                   WHERE r.id = $1 AND r.restaurant_id = $2 \
                   RETURNING id, at, body, (SELECT name FROM users WHERE id = $4) AS author";
        let row = on_pool!(self, pool => sqlx::query_as::<_, NoteRow>(sql)
            .bind(reservation_id).bind(restaurant_id).bind(db_time(now)).bind(user_id).bind(body)
            .fetch_optional(pool).await)?;
        row.ok_or(StoreError::NotFound)
    }

    /// Queues an e-mail about a reservation (`kind`, `payload`: an outbox
    /// message) with its history line `action`, in one transaction.
    pub async fn queue_reservation_mail(
        &self,
        reservation_id: i64,
        actor: Actor,
        action: &str,
        mail: (String, String),
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let now = db_time(now);
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            record_event!(tx, reservation_id, now, actor, action, "{}");
            queue_mail!(tx, &mail.0, &mail.1, now);
            tx.commit().await?;
            Ok(())
        })
    }
}
