//! Messages sent from the contact page.

use super::{on_pool, Store};
use crate::error::StoreError;
use crate::store::db_time;
use chrono::{DateTime, Utc};
use domain::ContactForm;

/// A message, with who dealt with it (their name, if the account remains).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ContactRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub message: String,
    pub language: String,
    pub received_at: DateTime<Utc>,
    pub handled_at: Option<DateTime<Utc>>,
    pub handled_by: Option<String>,
}

/// Which messages a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactFilter {
    /// Not dealt with yet.
    Open,
    All,
}

impl Store {
    /// Keeps a message and queues its e-mail to the restaurant (built by
    /// `mail_for` from the message's id; none when it answers `None`) in
    /// one transaction: both or neither.
    pub async fn add_contact_message(
        &self,
        restaurant_id: i64,
        form: &ContactForm,
        language: &str,
        now: DateTime<Utc>,
        mail_kind: &str,
        mail_for: impl FnOnce(i64) -> Option<String>,
    ) -> Result<i64, StoreError> {
        let now = db_time(now);
        let id = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO contact_messages (restaurant_id, name, email, message, language, received_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(restaurant_id)
            .bind(form.name.as_str())
            .bind(form.email.as_str())
            .bind(&form.message)
            .bind(language)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            if let Some(payload) = mail_for(id) {
                queue_mail!(tx, mail_kind, payload, now);
            }
            tx.commit().await?;
            id
        });
        Ok(id)
    }

    /// The newest messages first, at most `limit`.
    pub async fn contact_messages(
        &self,
        restaurant_id: i64,
        filter: ContactFilter,
        limit: i64,
    ) -> Result<Vec<ContactRow>, StoreError> {
        let sql = "SELECT m.id, m.name, m.email, m.message, m.language, m.received_at, \
                   m.handled_at, u.name AS handled_by FROM contact_messages m \
                   LEFT JOIN users u ON u.id = m.handled_by \
                   WHERE m.restaurant_id = $1 AND ($2 = 'all' OR m.handled_at IS NULL) \
                   ORDER BY m.received_at DESC, m.id DESC LIMIT $3";
        let filter = match filter {
            ContactFilter::Open => "open",
            ContactFilter::All => "all",
        };
        Ok(on_pool!(self, pool => sqlx::query_as::<_, ContactRow>(sql)
            .bind(restaurant_id).bind(filter).bind(limit).fetch_all(pool).await)?)
    }

    /// How many messages nobody has dealt with yet.
    pub async fn open_contact_messages(&self, restaurant_id: i64) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM contact_messages \
                   WHERE restaurant_id = $1 AND handled_at IS NULL";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(restaurant_id).fetch_one(pool).await)?)
    }

    /// Marks a message as dealt with by `user_id` (or as not dealt with,
    /// `None`). `NotFound` when the restaurant has no such message.
    pub async fn set_contact_handled(
        &self,
        restaurant_id: i64,
        id: i64,
        user_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE contact_messages SET handled_at = $3, handled_by = $4 \
                   WHERE restaurant_id = $1 AND id = $2";
        let at = user_id.map(|_| db_time(now));
        let done = on_pool!(self, pool => sqlx::query(sql)
            .bind(restaurant_id).bind(id).bind(at).bind(user_id)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
