//! Refunds and no-show fees: each is written (and its amount set aside)
//! before it is sent to Stripe, under an idempotency key, so that a second
//! request with the same key is the same operation and two requests cannot
//! refund more than was paid.

use super::super::{db_time, Actor, ADVISORY_BOOKING_BASE};
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{DateTime, Utc};

/// A refund of a deposit, or a guarantee's no-show fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperationKind {
    Refund,
    Fee,
}

impl OperationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OperationKind::Refund => "refund",
            OperationKind::Fee => "fee",
        }
    }
}

/// A refund or a fee to begin.
#[derive(Debug, Clone)]
pub struct NewOperation {
    pub payment_id: i64,
    pub kind: OperationKind,
    /// `None`: all that is left to refund, or the whole fee.
    pub amount_cents: Option<i64>,
    pub reason: String,
    pub idempotency_key: String,
    pub actor: Actor,
}

/// An operation as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OperationRow {
    pub id: i64,
    pub payment_id: i64,
    pub kind: String,
    pub amount_cents: i64,
    pub reason: String,
    pub idempotency_key: String,
    pub stripe_id: Option<String>,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// What beginning an operation did.
#[derive(Debug)]
pub enum Begun {
    /// Written, its amount set aside: send it to Stripe.
    New(OperationRow),
    /// The same key was used before: this is that operation.
    Existing(OperationRow),
    /// Nothing left to refund, or no fee can be charged on this payment.
    Refused,
}

const OPERATION_COLUMNS: &str =
    "id, payment_id, kind, amount_cents, reason, idempotency_key, stripe_id, status, created_at";

impl Store {
    /// Writes a refund or a fee and sets its amount aside on the payment
    /// (in a booking transaction, so two at once cannot both take the rest).
    pub async fn begin_operation(
        &self,
        restaurant_id: i64,
        op: &NewOperation,
        now: DateTime<Utc>,
    ) -> Result<Begun, StoreError> {
        let now = db_time(now);
        let by_key = format!(
            "SELECT {OPERATION_COLUMNS} FROM payment_operations WHERE idempotency_key = $1"
        );
        let by_id = format!("SELECT {OPERATION_COLUMNS} FROM payment_operations WHERE id = $1");
        booking_tx!(self, restaurant_id, tx => 'body: {
            if let Some(existing) = sqlx::query_as::<_, OperationRow>(&by_key)
                .bind(&op.idempotency_key).fetch_optional(&mut *tx).await? {
                break 'body Ok::<_, StoreError>(Begun::Existing(existing));
            }
            let (kind, status, amount, paid, refunded, fee): (String, String, i64, i64, i64, i64) =
                sqlx::query_as("SELECT kind, status, amount_cents, paid_cents, refunded_cents, \
                     fee_charged_cents FROM payments WHERE id = $1 AND restaurant_id = $2")
                    .bind(op.payment_id).bind(restaurant_id).fetch_one(&mut *tx).await?;
            let amount = match op.kind {
                OperationKind::Refund => {
                    let left = paid - refunded;
                    let wanted = op.amount_cents.unwrap_or(left);
                    if kind != "deposit" || wanted <= 0 || wanted > left {
                        break 'body Ok(Begun::Refused);
                    }
                    sqlx::query("UPDATE payments SET refunded_cents = refunded_cents + $2, updated_at = $3 WHERE id = $1")
                        .bind(op.payment_id).bind(wanted).bind(now).execute(&mut *tx).await?;
                    wanted
                }
                OperationKind::Fee => {
                    let wanted = op.amount_cents.unwrap_or(amount);
                    if kind != "guarantee" || status != "card_saved" || fee > 0
                        || wanted <= 0 || wanted > amount {
                        break 'body Ok(Begun::Refused);
                    }
                    sqlx::query("UPDATE payments SET fee_charged_cents = $2, updated_at = $3 WHERE id = $1")
                        .bind(op.payment_id).bind(wanted).bind(now).execute(&mut *tx).await?;
                    wanted
                }
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO payment_operations (payment_id, kind, amount_cents, reason, \
                 idempotency_key, status, user_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5, 'requested', $6, $7) RETURNING id")
                .bind(op.payment_id).bind(op.kind.as_str()).bind(amount).bind(&op.reason)
                .bind(&op.idempotency_key).bind(op.actor.user_id()).bind(now)
                .fetch_one(&mut *tx).await?;
            let row = sqlx::query_as::<_, OperationRow>(&by_id).bind(id).fetch_one(&mut *tx).await?;
            Ok(Begun::New(row))
        })
    }

    /// Records Stripe's answer to an operation: done (with Stripe's id, a
    /// line in the booking's history and `notify`'s e-mail) or failed (its
    /// amount is no longer set aside). A booking transaction, as its start
    /// was: on SQLite a transaction that reads before it writes fails when
    /// another write (a webhook's) lands in between.
    pub async fn finish_operation(
        &self,
        restaurant_id: i64,
        operation_id: i64,
        outcome: Result<&str, ()>,
        actor: Actor,
        notify: Option<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let now = db_time(now);
        booking_tx!(self, restaurant_id, tx => 'body: {
            let (payment_id, kind, amount, reason, status): (i64, String, i64, String, String) =
                sqlx::query_as("SELECT payment_id, kind, amount_cents, reason, status \
                     FROM payment_operations WHERE id = $1")
                    .bind(operation_id).fetch_one(&mut *tx).await?;
            if status != "requested" {
                break 'body Ok::<_, StoreError>(());
            }
            let reservation_id: i64 = sqlx::query_scalar("SELECT reservation_id FROM payments WHERE id = $1")
                .bind(payment_id).fetch_one(&mut *tx).await?;
            match outcome {
                Ok(stripe_id) => {
                    sqlx::query("UPDATE payment_operations SET status = 'succeeded', stripe_id = $2 WHERE id = $1")
                        .bind(operation_id).bind(stripe_id).execute(&mut *tx).await?;
                    let settle = if kind == "refund" {
                        "UPDATE payments SET status = CASE WHEN refunded_cents >= paid_cents \
                         THEN 'refunded' ELSE status END, updated_at = $2 WHERE id = $1"
                    } else {
                        "UPDATE payments SET status = 'fee_charged', updated_at = $2 WHERE id = $1"
                    };
                    sqlx::query(settle).bind(payment_id).bind(now).execute(&mut *tx).await?;
                    let action = if kind == "refund" { "refunded" } else { "fee_charged" };
                    let details = serde_json::json!({ "amount_cents": amount, "reason": reason }).to_string();
                    record_event!(tx, reservation_id, now, actor, action, details);
                    if let Some((kind, payload)) = notify {
                        queue_mail!(tx, kind, payload, now);
                    }
                }
                Err(()) => {
                    sqlx::query("UPDATE payment_operations SET status = 'failed' WHERE id = $1")
                        .bind(operation_id).execute(&mut *tx).await?;
                    let undo = if kind == "refund" {
                        "UPDATE payments SET refunded_cents = refunded_cents - $2, updated_at = $3 WHERE id = $1"
                    } else {
                        "UPDATE payments SET fee_charged_cents = fee_charged_cents - $2, updated_at = $3 WHERE id = $1"
                    };
                    sqlx::query(undo).bind(payment_id).bind(amount).bind(now).execute(&mut *tx).await?;
                    let action = if kind == "refund" { "refund_failed" } else { "fee_failed" };
                    let details = serde_json::json!({ "amount_cents": amount }).to_string();
                    record_event!(tx, reservation_id, now, actor, action, details);
                }
            }
            Ok(())
        })
    }

    /// A payment's refunds and fees, oldest first.
    pub async fn payment_operations(
        &self,
        payment_id: i64,
    ) -> Result<Vec<OperationRow>, StoreError> {
        let sql = format!(
            "SELECT {OPERATION_COLUMNS} FROM payment_operations WHERE payment_id = $1 ORDER BY id"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, OperationRow>(&sql)
            .bind(payment_id).fetch_all(pool).await)?,
        )
    }
}
