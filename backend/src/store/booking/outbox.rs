//! The e-mail outbox: messages written in the same transaction as the
//! change they announce, claimed with a lease by the mail worker.

use super::db_time;
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{DateTime, Utc};

/// An e-mail waiting in the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
}

impl Store {
    /// Claims up to `limit` due outbox messages for `lease` seconds: another
    /// worker will not take them meanwhile. A crash leaves them to be taken
    /// again once the lease ends.
    pub async fn claim_outbox(
        &self,
        now: DateTime<Utc>,
        lease: chrono::TimeDelta,
        limit: i64,
    ) -> Result<Vec<OutboxRow>, StoreError> {
        let now = db_time(now);
        let until = db_time(now + lease);
        let select = "SELECT id, kind, payload, attempts FROM outbox WHERE sent_at IS NULL \
             AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1) \
             ORDER BY id LIMIT $2";
        let claim = "UPDATE outbox SET locked_until = $3 WHERE id = $1 AND sent_at IS NULL \
             AND (locked_until IS NULL OR locked_until <= $2)";
        on_pool!(self, pool => {
            let rows = sqlx::query_as::<_, OutboxRow>(select).bind(now).bind(limit)
                .fetch_all(pool).await?;
            let mut claimed = Vec::with_capacity(rows.len());
            for row in rows {
                let done = sqlx::query(claim).bind(row.id).bind(now).bind(until)
                    .execute(pool).await?;
                if done.rows_affected() == 1 {
                    claimed.push(row);
                }
            }
            Ok(claimed)
        })
    }

    /// Marks a message sent.
    pub async fn outbox_sent(&self, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        let sql = "UPDATE outbox SET sent_at = $2, locked_until = NULL, \
                   attempts = attempts + 1 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(id).bind(db_time(now))
            .execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Records a failed attempt; the message is tried again at `retry_at`.
    pub async fn outbox_failed(
        &self,
        id: i64,
        retry_at: DateTime<Utc>,
        error: &str,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, \
                   locked_until = NULL, last_error = $3 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(id).bind(db_time(retry_at))
            .bind(error).execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Messages not sent yet (for tests and operations).
    pub async fn outbox_pending(&self) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await)?)
    }
}
