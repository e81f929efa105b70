//! Payments: each booking's deposit or card guarantee, the hold an unpaid
//! booking keeps on its table, the refunds and fees sent to Stripe, and the
//! webhook events already applied; `list`: the staff's payments list.
//!
//! Every change of who holds a table runs in a booking transaction, as a
//! booking does: a payment arriving after its hold was released re-books the
//! table only if the database still finds it free.

mod list;
mod operations;
mod policy;

pub use list::{MoneyMove, MoneyMoved, PaymentListQuery, PaymentListRow};
pub use operations::{Begun, NewOperation, OperationKind, OperationRow};
pub(in crate::store::booking) use policy::{PolicyRow, POLICY_SQL};

use super::{db_time, Actor, ReservationRow, ADVISORY_BOOKING_BASE, RESERVATION_COLUMNS};
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{DateTime, Utc};
use domain::{PaymentKind, PaymentStatus, PaymentView};

/// What a new booking owes, written with it in its transaction.
#[derive(Debug, Clone)]
pub struct NewPayment {
    pub kind: PaymentKind,
    pub amount_cents: i64,
    pub currency: String,
    pub refund_cutoff_minutes: u32,
    pub late_refund_percent: u32,
    pub hold_until: DateTime<Utc>,
}

/// A booking's payment as stored, with what its booking says of it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PaymentRow {
    pub id: i64,
    pub reservation_id: i64,
    pub restaurant_id: i64,
    pub kind: String,
    pub status: String,
    pub amount_cents: i64,
    pub currency: String,
    pub refund_cutoff_minutes: i64,
    pub late_refund_percent: i64,
    pub hold_until: DateTime<Utc>,
    pub checkout_session_id: Option<String>,
    pub checkout_url: Option<String>,
    pub payment_intent_id: Option<String>,
    pub customer_id: Option<String>,
    pub payment_method_id: Option<String>,
    pub paid_cents: i64,
    pub refunded_cents: i64,
    pub fee_charged_cents: i64,
    pub created_at: DateTime<Utc>,
    pub reference: String,
    pub reservation_status: String,
    pub starts_at: DateTime<Utc>,
    pub guest_name: String,
    pub guest_email: String,
    pub locale: String,
    pub party_size: i64,
}

pub(crate) const PAYMENT_COLUMNS: &str =
    "p.id, p.reservation_id, p.restaurant_id, p.kind, p.status, p.amount_cents, p.currency, \
     p.refund_cutoff_minutes, p.late_refund_percent, p.hold_until, p.checkout_session_id, \
     p.checkout_url, p.payment_intent_id, p.customer_id, p.payment_method_id, p.paid_cents, \
     p.refunded_cents, p.fee_charged_cents, p.created_at, r.reference, \
     r.status AS reservation_status, r.starts_at, r.guest_name, r.guest_email, r.locale, \
     r.party_size";

impl PaymentRow {
    pub fn kind(&self) -> Result<PaymentKind, StoreError> {
        PaymentKind::parse(&self.kind)
            .ok_or_else(|| StoreError::corrupt(format!("payment kind {:?}", self.kind)))
    }
    pub fn status(&self) -> Result<PaymentStatus, StoreError> {
        PaymentStatus::parse(&self.status)
            .ok_or_else(|| StoreError::corrupt(format!("payment status {:?}", self.status)))
    }
    /// The payment as guests and staff read it.
    pub fn view(&self) -> Result<PaymentView, StoreError> {
        let status = self.status()?;
        Ok(PaymentView {
            kind: self.kind()?,
            status,
            amount_cents: self.amount_cents,
            currency: self.currency.clone(),
            refunded_cents: self.refunded_cents,
            fee_charged_cents: self.fee_charged_cents,
            hold_until: (status == PaymentStatus::Pending).then(|| self.hold_until.to_rfc3339()),
        })
    }
}

/// What Stripe says was paid (or saved) for a payment.
#[derive(Debug, Clone)]
pub struct Settlement {
    pub payment_intent_id: Option<String>,
    pub customer_id: Option<String>,
    pub payment_method_id: Option<String>,
    /// What was charged (a deposit); 0 for a saved card.
    pub paid_cents: i64,
}

/// How a settlement was applied.
#[derive(Debug)]
pub enum Settled {
    /// The booking is confirmed (its confirmation e-mail is queued).
    Confirmed(Box<ReservationRow>),
    /// It was applied before: nothing changed.
    AlreadyDone,
    /// The money arrived after the hold was released and the table was
    /// taken meanwhile (or the booking was cancelled): the payment is
    /// recorded so that it can be refunded at once.
    TooLate,
}

/// A pending payment whose hold has ended.
#[derive(Debug, Clone)]
pub struct OverdueHold {
    pub payment_id: i64,
    pub restaurant_id: i64,
    pub checkout_session_id: Option<String>,
    pub reference: String,
}

impl Store {
    async fn payment_where(
        &self,
        filter: &str,
        value: &str,
    ) -> Result<Option<PaymentRow>, StoreError> {
        let sql = format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments p JOIN reservations r ON r.id = p.reservation_id \
             WHERE {filter} = $1"
        );
        Ok(on_pool!(self, pool => sqlx::query_as::<_, PaymentRow>(&sql)
            .bind(value).fetch_optional(pool).await)?)
    }

    /// A booking's payment, if it has one.
    pub async fn payment_of(&self, reservation_id: i64) -> Result<Option<PaymentRow>, StoreError> {
        let sql = format!(
            "SELECT {PAYMENT_COLUMNS} FROM payments p JOIN reservations r ON r.id = p.reservation_id \
             WHERE p.reservation_id = $1"
        );
        Ok(on_pool!(self, pool => sqlx::query_as::<_, PaymentRow>(&sql)
            .bind(reservation_id).fetch_optional(pool).await)?)
    }

    /// The payment a Checkout Session was made for.
    pub async fn payment_by_session(
        &self,
        session_id: &str,
    ) -> Result<Option<PaymentRow>, StoreError> {
        self.payment_where("p.checkout_session_id", session_id)
            .await
    }

    /// The payment a PaymentIntent paid.
    pub async fn payment_by_intent(
        &self,
        intent_id: &str,
    ) -> Result<Option<PaymentRow>, StoreError> {
        self.payment_where("p.payment_intent_id", intent_id).await
    }

    /// The payment of a booking, by the booking's reference.
    pub async fn payment_by_reference(
        &self,
        reference: &str,
    ) -> Result<Option<PaymentRow>, StoreError> {
        self.payment_where("r.reference", reference).await
    }

    /// Records the Checkout Session the guest is sent to.
    pub async fn set_checkout(
        &self,
        payment_id: i64,
        session_id: &str,
        url: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql =
            "UPDATE payments SET checkout_session_id = $2, checkout_url = $3, updated_at = $4 \
                   WHERE id = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(payment_id).bind(session_id).bind(url)
            .bind(db_time(now)).execute(pool).await.map(|_| ()))?;
        Ok(())
    }

    /// Applies what Stripe says was paid: a pending booking is confirmed
    /// (with `outbox`'s message); one whose hold was released is re-booked
    /// if its tables are still free, else the payment is kept for a refund.
    pub async fn settle_payment(
        &self,
        payment_id: i64,
        restaurant_id: i64,
        settlement: &Settlement,
        outbox: impl FnOnce(&ReservationRow) -> Option<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<Settled, StoreError> {
        let now = db_time(now);
        booking_tx!(self, restaurant_id, tx => 'body: {
            let (status, kind, reservation_id, reservation_status): (String, String, i64, String) =
                sqlx::query_as("SELECT p.status, p.kind, p.reservation_id, r.status FROM payments p \
                     JOIN reservations r ON r.id = p.reservation_id WHERE p.id = $1")
                    .bind(payment_id).fetch_one(&mut *tx).await?;
            if status != "pending" && status != "expired" {
                break 'body Ok(Settled::AlreadyDone);
            }
            let settled = if kind == "deposit" { "paid" } else { "card_saved" };
            let write_payment = "UPDATE payments SET status = $2, payment_intent_id = COALESCE($3, payment_intent_id), \
                 customer_id = COALESCE($4, customer_id), payment_method_id = COALESCE($5, payment_method_id), \
                 paid_cents = $6, updated_at = $7 WHERE id = $1";
            let details = serde_json::json!({ "amount_cents": settlement.paid_cents }).to_string();
            let rebook = match reservation_status.as_str() {
                "pending_payment" => true,
                // Released when the hold ended: its tables again, if free.
                "cancelled" if status == "expired" => {
                    let taken: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM reservation_tables m \
                         WHERE m.reservation_id = $1 AND (EXISTS (SELECT 1 FROM reservation_tables o \
                           WHERE o.table_id = m.table_id AND o.reservation_id <> $1 AND o.active \
                           AND o.starts_at < m.ends_at AND o.ends_at > m.starts_at) \
                         OR EXISTS (SELECT 1 FROM block_tables bt JOIN table_blocks b ON b.id = bt.block_id \
                           WHERE bt.table_id = m.table_id AND b.starts_at < m.ends_at AND b.ends_at > m.starts_at))")
                        .bind(reservation_id).fetch_one(&mut *tx).await?;
                    taken == 0
                }
                _ => false,
            };
            sqlx::query(write_payment)
                .bind(payment_id).bind(settled).bind(&settlement.payment_intent_id)
                .bind(&settlement.customer_id).bind(&settlement.payment_method_id)
                .bind(settlement.paid_cents).bind(now)
                .execute(&mut *tx).await?;
            if !rebook {
                record_event!(tx, reservation_id, now, Actor::System, "payment_too_late", details);
                break 'body Ok::<_, StoreError>(Settled::TooLate);
            }
            sqlx::query("UPDATE reservations SET status = 'confirmed', updated_at = $2 WHERE id = $1")
                .bind(reservation_id).bind(now).execute(&mut *tx).await?;
            sqlx::query("UPDATE reservation_tables SET active = $2 WHERE reservation_id = $1")
                .bind(reservation_id).bind(true).execute(&mut *tx).await?;
            let action = if kind == "deposit" { "deposit_paid" } else { "card_saved" };
            record_event!(tx, reservation_id, now, Actor::System, action, details);
            let row = sqlx::query_as::<_, ReservationRow>(&format!(
                "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.id = $1"))
                .bind(reservation_id).fetch_one(&mut *tx).await?;
            if let Some((kind, payload)) = outbox(&row) {
                queue_mail!(tx, kind, payload, now);
            }
            Ok(Settled::Confirmed(Box::new(row)))
        })
    }

    /// Pending payments whose hold has ended at `now`.
    pub async fn overdue_holds(&self, now: DateTime<Utc>) -> Result<Vec<OverdueHold>, StoreError> {
        let sql =
            "SELECT p.id, p.restaurant_id, p.checkout_session_id, r.reference FROM payments p \
                   JOIN reservations r ON r.id = p.reservation_id \
                   WHERE p.status = 'pending' AND p.hold_until <= $1 ORDER BY p.hold_until";
        let rows: Vec<(i64, i64, Option<String>, String)> = on_pool!(self, pool =>
            sqlx::query_as(sql).bind(db_time(now)).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(
                |(payment_id, restaurant_id, checkout_session_id, reference)| OverdueHold {
                    payment_id,
                    restaurant_id,
                    checkout_session_id,
                    reference,
                },
            )
            .collect())
    }

    /// Releases an unpaid booking's hold (`why`: its history line): the
    /// payment is expired, the booking cancelled and its tables free.
    /// False when it was no longer pending.
    pub async fn release_payment_hold(
        &self,
        payment_id: i64,
        restaurant_id: i64,
        why: &str,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let now = db_time(now);
        booking_tx!(self, restaurant_id, tx => 'body: {
            let done = sqlx::query("UPDATE payments SET status = 'expired', updated_at = $2 \
                 WHERE id = $1 AND status = 'pending'")
                .bind(payment_id).bind(now).execute(&mut *tx).await?.rows_affected();
            if done == 0 {
                break 'body Ok(false);
            }
            let reservation_id: i64 = sqlx::query_scalar("SELECT reservation_id FROM payments WHERE id = $1")
                .bind(payment_id).fetch_one(&mut *tx).await?;
            sqlx::query("UPDATE reservations SET status = 'cancelled', updated_at = $2 \
                 WHERE id = $1 AND status = 'pending_payment'")
                .bind(reservation_id).bind(now).execute(&mut *tx).await?;
            sqlx::query("UPDATE reservation_tables SET active = $2 WHERE reservation_id = $1")
                .bind(reservation_id).bind(false).execute(&mut *tx).await?;
            record_event!(tx, reservation_id, now, actor, why, "{}");
            Ok::<_, StoreError>(true)
        })
    }

    /// Records a webhook event as applied; false when it already was.
    pub async fn record_stripe_event(
        &self,
        id: &str,
        kind: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let sql = "INSERT INTO stripe_events (id, type, received_at) VALUES ($1, $2, $3) \
                   ON CONFLICT (id) DO NOTHING";
        let done = on_pool!(self, pool => sqlx::query(sql).bind(id).bind(kind)
            .bind(db_time(now)).execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }

    /// Whether a webhook event was already applied.
    pub async fn stripe_event_seen(&self, id: &str) -> Result<bool, StoreError> {
        let sql = "SELECT COUNT(*) FROM stripe_events WHERE id = $1";
        let n: i64 =
            on_pool!(self, pool => sqlx::query_scalar(sql).bind(id).fetch_one(pool).await)?;
        Ok(n > 0)
    }
}
