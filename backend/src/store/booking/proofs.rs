//! E-mail proofs: a link mailed to an address, used once before it expires,
//! before something takes effect (a booking's new e-mail address, a large
//! party's booking). The mail worker mints each link's token as it sends
//! the message; only its hash is stored.

use super::{db_time, ReservationRow, ADVISORY_BOOKING_BASE, RESERVATION_COLUMNS};
use crate::error::StoreError;
use crate::store::{email_key, on_pool, Actor, Store};
use chrono::{DateTime, Utc};

/// What a proof is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofPurpose {
    /// The booking's e-mails move to the proved address.
    ChangeEmail,
    /// The booking (held meanwhile) is confirmed.
    ConfirmBooking,
}

impl ProofPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            ProofPurpose::ChangeEmail => "change_email",
            ProofPurpose::ConfirmBooking => "confirm_booking",
        }
    }

    fn parse(s: &str) -> Result<Self, StoreError> {
        match s {
            "change_email" => Ok(ProofPurpose::ChangeEmail),
            "confirm_booking" => Ok(ProofPurpose::ConfirmBooking),
            other => Err(StoreError::corrupt(format!("proof purpose {other:?}"))),
        }
    }
}

#[derive(sqlx::FromRow)]
struct ProofRow {
    reservation_id: i64,
    purpose: String,
    email: String,
}

/// A proof just used, and the reservation as it is after it.
#[derive(Debug, Clone)]
pub struct Proved {
    pub purpose: ProofPurpose,
    pub reservation: ReservationRow,
}

impl Store {
    /// Proofs of `purpose` asked for a reservation since `since`.
    pub async fn proofs_for_reservation_since(
        &self,
        reservation_id: i64,
        purpose: ProofPurpose,
        since: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM email_proofs WHERE reservation_id = $1 \
                   AND purpose = $2 AND created_at > $3";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(reservation_id).bind(purpose.as_str()).bind(db_time(since))
            .fetch_one(pool).await)?)
    }

    /// Proofs of `purpose` asked of an address (any booking) since `since`.
    pub async fn proofs_for_address_since(
        &self,
        email: &str,
        purpose: ProofPurpose,
        since: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM email_proofs WHERE email_key = $1 \
                   AND purpose = $2 AND created_at > $3";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(email_key(email)).bind(purpose.as_str()).bind(db_time(since))
            .fetch_one(pool).await)?)
    }

    /// Asks a proof of `email` for a reservation, withdrawing the earlier
    /// unused ones of the same purpose, and queues the e-mails `mails`
    /// builds from the new proof's id, in one transaction.
    pub async fn request_proof(
        &self,
        reservation_id: i64,
        purpose: ProofPurpose,
        email: &str,
        expires: DateTime<Utc>,
        mails: impl FnOnce(i64) -> Vec<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let now = db_time(now);
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("UPDATE email_proofs SET used_at = $3 WHERE reservation_id = $1 \
                         AND purpose = $2 AND used_at IS NULL")
                .bind(reservation_id).bind(purpose.as_str()).bind(now)
                .execute(&mut *tx).await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO email_proofs (reservation_id, purpose, email, email_key, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                .bind(reservation_id).bind(purpose.as_str()).bind(email).bind(email_key(email))
                .bind(now).bind(db_time(expires))
                .fetch_one(&mut *tx).await?;
            for (kind, payload) in mails(id) {
                queue_mail!(tx, kind, payload, now);
            }
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Gives an open proof the hash of the token its e-mail carries (the
    /// token of an earlier attempt stops working); [`StoreError::NotFound`]
    /// when the proof was used, withdrawn or has expired.
    pub async fn set_proof_token(
        &self,
        proof_id: i64,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE email_proofs SET token_hash = $2 WHERE id = $1 \
                   AND used_at IS NULL AND expires_at > $3";
        let done = on_pool!(self, pool => sqlx::query(sql).bind(proof_id).bind(token_hash)
            .bind(db_time(now)).execute(pool).await.map(|d| d.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Forgets the token of a proof whose e-mail could not be sent.
    pub async fn clear_proof_token(&self, token_hash: &str) -> Result<(), StoreError> {
        let sql = "UPDATE email_proofs SET token_hash = NULL WHERE token_hash = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(token_hash).execute(pool).await.map(drop))?;
        Ok(())
    }

    /// Releases the held bookings whose confirmation link has expired
    /// unused: they are cancelled (by the system) and free their tables.
    /// Returns their references.
    pub async fn release_unconfirmed(&self, now: DateTime<Utc>) -> Result<Vec<String>, StoreError> {
        let now = db_time(now);
        let expired = "SELECT r.id, r.reference FROM reservations r \
             WHERE r.status = 'pending_confirmation' AND NOT EXISTS (SELECT 1 FROM email_proofs p \
             WHERE p.reservation_id = r.id AND p.purpose = 'confirm_booking' \
             AND p.used_at IS NULL AND p.expires_at > $1)";
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let rows: Vec<(i64, String)> = sqlx::query_as(expired).bind(now)
                .fetch_all(&mut *tx).await?;
            let mut released = Vec::with_capacity(rows.len());
            for (id, reference) in rows {
                let done = sqlx::query("UPDATE reservations SET status = 'cancelled', updated_at = $2 \
                     WHERE id = $1 AND status = 'pending_confirmation'")
                    .bind(id).bind(now).execute(&mut *tx).await?.rows_affected();
                if done == 0 {
                    continue;
                }
                sqlx::query("UPDATE reservation_tables SET active = $2 WHERE reservation_id = $1")
                    .bind(id).bind(false).execute(&mut *tx).await?;
                record_event!(tx, id, now, Actor::System, "released_unconfirmed", "{}");
                released.push(reference);
            }
            tx.commit().await?;
            Ok(released)
        })
    }

    /// The address a reservation's e-mails wait to move to (an open
    /// change proof), if any.
    pub async fn pending_email_change(
        &self,
        reservation_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError> {
        let sql = "SELECT email FROM email_proofs WHERE reservation_id = $1 \
                   AND purpose = 'change_email' AND used_at IS NULL AND expires_at > $2 \
                   ORDER BY id DESC LIMIT 1";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, String>(sql)
            .bind(reservation_id).bind(db_time(now)).fetch_optional(pool).await)?)
    }

    /// Uses a proof by its token's hash, once, and applies it in the same
    /// booking transaction: the booking's new address, or the held
    /// booking's confirmation (refused, as [`StoreError::NotFound`], when
    /// the hold was released meanwhile). The history line and the e-mail
    /// `outbox` builds from the result are written with it.
    pub async fn use_proof(
        &self,
        restaurant_id: i64,
        token_hash: &str,
        outbox: impl FnOnce(&Proved) -> Option<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<Proved, StoreError> {
        let now = db_time(now);
        booking_tx!(self, restaurant_id, tx => {
            let proof = sqlx::query_as::<_, ProofRow>(
                "UPDATE email_proofs SET used_at = $2 WHERE token_hash = $1 \
                 AND used_at IS NULL AND expires_at > $2 \
                 RETURNING reservation_id, purpose, email")
                .bind(token_hash).bind(now).fetch_one(&mut *tx).await?;
            let purpose = ProofPurpose::parse(&proof.purpose)?;
            let applied = match purpose {
                ProofPurpose::ChangeEmail => sqlx::query(
                    "UPDATE reservations SET guest_email = $2, guest_email_key = $3, updated_at = $4 \
                     WHERE id = $1 AND restaurant_id = $5")
                    .bind(proof.reservation_id).bind(&proof.email).bind(email_key(&proof.email))
                    .bind(now).bind(restaurant_id)
                    .execute(&mut *tx).await?.rows_affected(),
                ProofPurpose::ConfirmBooking => sqlx::query(
                    "UPDATE reservations SET status = 'confirmed', updated_at = $2 \
                     WHERE id = $1 AND restaurant_id = $3 AND status = 'pending_confirmation'")
                    .bind(proof.reservation_id).bind(now).bind(restaurant_id)
                    .execute(&mut *tx).await?.rows_affected(),
            };
            if applied == 0 {
                return Err(StoreError::NotFound);
            }
            if purpose == ProofPurpose::ChangeEmail {
                link_guest!(tx, proof.reservation_id, now);
            }
            let action = match purpose {
                ProofPurpose::ChangeEmail => "email_changed",
                ProofPurpose::ConfirmBooking => "confirmed_by_email",
            };
            record_event!(tx, proof.reservation_id, now, Actor::Guest, action, "{}");
            let reservation = sqlx::query_as::<_, ReservationRow>(&format!(
                "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.id = $1"))
                .bind(proof.reservation_id).fetch_one(&mut *tx).await?;
            let proved = Proved { purpose, reservation };
            if let Some((kind, payload)) = outbox(&proved) {
                queue_mail!(tx, kind, payload, now);
            }
            Ok::<_, StoreError>(proved)
        })
    }
}
