//! The staff's payments list: the payments of the bookings of a range of
//! instants (with their booking), and the money each payment moved, read
//! from the bookings' history (`deposit_paid`, `payment_too_late`,
//! `refunded`, `fee_charged`, each with its `amount_cents`), which says
//! when it moved. The service groups the moves by the restaurant's days.

use super::super::db_time;
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{DateTime, Utc};

/// The list's filters in the store's terms.
#[derive(Debug, Clone)]
pub struct PaymentListQuery {
    pub restaurant_id: i64,
    /// Payments of bookings starting within `from..to`.
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    /// A payment status and kind (their stored names); `None`: any.
    pub status: Option<&'static str>,
    pub kind: Option<&'static str>,
    pub limit: u32,
}

/// A payment with what its booking says of it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PaymentListRow {
    pub reservation_id: i64,
    pub reference: String,
    pub starts_at: DateTime<Utc>,
    pub guest_name: String,
    pub party_size: i64,
    pub kind: String,
    pub status: String,
    pub amount_cents: i64,
    pub paid_cents: i64,
    pub refunded_cents: i64,
    pub fee_charged_cents: i64,
    pub currency: String,
}

/// What a history line says of money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyMove {
    /// A deposit arrived (`deposit_paid`, or `payment_too_late`).
    Collected,
    Refunded,
    Fee,
}

/// One move of money, when it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyMoved {
    pub at: DateTime<Utc>,
    pub what: MoneyMove,
    pub amount_cents: i64,
}

/// The history lines that move money, with the kind of move each is.
const MOVES: [(&str, MoneyMove); 4] = [
    ("deposit_paid", MoneyMove::Collected),
    ("payment_too_late", MoneyMove::Collected),
    ("refunded", MoneyMove::Refunded),
    ("fee_charged", MoneyMove::Fee),
];

impl Store {
    /// The payments of the bookings starting within the query's range, by
    /// start then id; at most `limit`.
    pub async fn payments_page(
        &self,
        q: &PaymentListQuery,
    ) -> Result<Vec<PaymentListRow>, StoreError> {
        // An empty status or kind lets every row through.
        let sql = "SELECT p.reservation_id, r.reference, r.starts_at, r.guest_name, r.party_size, \
                   p.kind, p.status, p.amount_cents, p.paid_cents, p.refunded_cents, \
                   p.fee_charged_cents, p.currency \
                   FROM reservations r JOIN payments p ON p.reservation_id = r.id \
                   WHERE r.restaurant_id = $1 AND r.starts_at >= $2 AND r.starts_at < $3 \
                   AND ($4 = '' OR p.status = $4) AND ($5 = '' OR p.kind = $5) \
                   ORDER BY r.starts_at, p.id LIMIT $6";
        let (status, kind) = (q.status.unwrap_or(""), q.kind.unwrap_or(""));
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, PaymentListRow>(sql)
            .bind(q.restaurant_id).bind(db_time(q.from)).bind(db_time(q.to))
            .bind(status).bind(kind).bind(i64::from(q.limit))
            .fetch_all(pool).await)?,
        )
    }

    /// Every move of money of the restaurant's payments within `from..to`,
    /// oldest first. A history line whose details carry no amount moved
    /// nothing.
    pub async fn money_moved(
        &self,
        restaurant_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<MoneyMoved>, StoreError> {
        // From the restaurant's payments (an index), to each one's history.
        let sql = "SELECT e.at, e.action, e.details FROM payments p \
                   JOIN reservation_events e ON e.reservation_id = p.reservation_id \
                   WHERE p.restaurant_id = $1 AND e.at >= $2 AND e.at < $3 \
                   AND e.action IN ('deposit_paid', 'payment_too_late', 'refunded', 'fee_charged') \
                   ORDER BY e.at, e.id";
        let rows: Vec<(DateTime<Utc>, String, String)> = on_pool!(self, pool =>
            sqlx::query_as(sql).bind(restaurant_id).bind(db_time(from)).bind(db_time(to))
                .fetch_all(pool).await)?;
        let mut moved = Vec::with_capacity(rows.len());
        for (at, action, details) in rows {
            let what = MOVES
                .iter()
                .find(|(name, _)| *name == action)
                .map(|(_, what)| *what)
                .ok_or_else(|| StoreError::corrupt(format!("money move {action:?}")))?;
            let details: serde_json::Value = serde_json::from_str(&details)
                .map_err(|_| StoreError::corrupt(format!("{action} details {details:?}")))?;
            let amount_cents = details["amount_cents"].as_i64().unwrap_or(0);
            if amount_cents > 0 {
                moved.push(MoneyMoved {
                    at,
                    what,
                    amount_cents,
                });
            }
        }
        Ok(moved)
    }
}
