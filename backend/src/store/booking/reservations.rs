//! Reservations: the active holds of a time window, creating and changing
//! reservations inside booking transactions, lookups and history.

use super::{
    db_time, group_holds, holds, Actor, Change, NewReservation, ProofPurpose, ReservationRow,
    ADVISORY_BOOKING_BASE, RESERVATION_COLUMNS,
};
use crate::error::StoreError;
use crate::store::{email_key, on_pool, Store};
use chrono::{DateTime, Utc};
use rules::ExistingBooking;

/// Manage tokens a booking keeps (each e-mail about it mints one): older
/// ones stop working.
pub const MANAGE_TOKENS_KEPT: i64 = 5;

impl Store {
    /// Active bookings of a restaurant overlapping `from..to`.
    pub async fn active_bookings(
        &self,
        restaurant_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ExistingBooking>, StoreError> {
        let rows =
            on_pool!(self, pool => holds!(restaurant_id, from, to, -1_i64).fetch_all(pool).await)?;
        group_holds(rows)
    }

    /// Runs `decide` on the active bookings overlapping `from..to` (leaving
    /// out `exclude`) inside a booking transaction, and creates the
    /// reservation it returns, with its token, its first history line, the
    /// e-mail proof `proof` asks of the guest's address (purpose, expiry)
    /// and its outbox message (built with the proof's id), all in that
    /// transaction. `decide` returning `Err` writes nothing.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_reservation<E>(
        &self,
        restaurant_id: i64,
        window: (DateTime<Utc>, DateTime<Utc>),
        decide: impl FnOnce(&[ExistingBooking]) -> Result<NewReservation, E>,
        event: (Actor, &str, &str),
        proof: Option<(ProofPurpose, DateTime<Utc>)>,
        outbox: impl FnOnce(&ReservationRow, Option<i64>) -> Option<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<Result<ReservationRow, E>, StoreError> {
        let now = db_time(now);
        booking_tx!(self, restaurant_id, tx => {
            let rows = holds!(restaurant_id, window.0, window.1, -1_i64)
                .fetch_all(&mut *tx).await?;
            let bookings = group_holds(rows)?;
            match decide(&bookings) {
                Err(e) => Ok::<_, StoreError>(Err(e)),
                Ok(new) => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO reservations (restaurant_id, reference, status, starts_at, \
                         ends_at, party_size, guest_name, guest_email, guest_phone, notes, locale, \
                         created_at, updated_at, guest_email_key, source, seated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14, \
                         CASE WHEN $3 = 'seated' THEN $12 END) RETURNING id",
                    )
                    .bind(new.restaurant_id).bind(&new.reference).bind(new.status.as_str())
                    .bind(db_time(new.starts_at)).bind(db_time(new.ends_at))
                    .bind(i64::from(new.party_size)).bind(&new.guest_name).bind(&new.guest_email)
                    .bind(&new.guest_phone).bind(&new.notes).bind(&new.locale).bind(now)
                    .bind(email_key(&new.guest_email)).bind(new.source.as_str())
                    .fetch_one(&mut *tx).await?;
                    sqlx::query("INSERT INTO reservation_tokens (token_hash, reservation_id, created_at) VALUES ($1, $2, $3)")
                        .bind(&new.token_hash).bind(id).bind(now).execute(&mut *tx).await?;
                    hold_tables!(tx, id, &new.table_ids, db_time(new.starts_at),
                        db_time(new.ends_at), new.status.is_active());
                    link_guest!(tx, id, now);
                    record_event!(tx, id, now, event.0, event.1, event.2);
                    let row = sqlx::query_as::<_, ReservationRow>(&format!(
                        "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.id = $1"))
                        .bind(id).fetch_one(&mut *tx).await?;
                    let proof_id = match proof {
                        Some((purpose, expires)) => Some(sqlx::query_scalar::<_, i64>(
                            "INSERT INTO email_proofs (reservation_id, purpose, email, email_key, created_at, expires_at) \
                             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
                            .bind(id).bind(purpose.as_str()).bind(&new.guest_email)
                            .bind(email_key(&new.guest_email)).bind(now).bind(db_time(expires))
                            .fetch_one(&mut *tx).await?),
                        None => None,
                    };
                    if let Some(p) = &new.payment {
                        sqlx::query(
                            "INSERT INTO payments (reservation_id, restaurant_id, kind, status, \
                             amount_cents, currency, refund_cutoff_minutes, late_refund_percent, \
                             hold_until, created_at, updated_at) \
                             VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $9)")
                            .bind(id).bind(new.restaurant_id).bind(p.kind.as_str())
                            .bind(p.amount_cents).bind(&p.currency)
                            .bind(i64::from(p.refund_cutoff_minutes))
                            .bind(i64::from(p.late_refund_percent))
                            .bind(db_time(p.hold_until)).bind(now)
                            .execute(&mut *tx).await?;
                    }
                    if let Some((kind, payload)) = outbox(&row, proof_id) {
                        queue_mail!(tx, kind, payload, now);
                    }
                    Ok(Ok(row))
                }
            }
        })
    }

    /// Changes a reservation inside a booking transaction: `decide` sees the
    /// reservation as it is now and the other active bookings overlapping
    /// the span `window` gives for it, and returns the change (or refuses it). The change, its
    /// history line and its outbox message are written together.
    #[allow(clippy::too_many_arguments)]
    pub async fn change_reservation<E>(
        &self,
        restaurant_id: i64,
        reservation_id: i64,
        window: impl FnOnce(&ReservationRow) -> (DateTime<Utc>, DateTime<Utc>),
        decide: impl FnOnce(&ReservationRow, &[i64], &[ExistingBooking]) -> Result<Change, E>,
        actor: Actor,
        outbox: impl FnOnce(&ReservationRow) -> Option<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<Result<ReservationRow, E>, StoreError> {
        let now = db_time(now);
        booking_tx!(self, restaurant_id, tx => {
            let current = sqlx::query_as::<_, ReservationRow>(&format!(
                "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.id = $1 AND r.restaurant_id = $2"))
                .bind(reservation_id).bind(restaurant_id).fetch_one(&mut *tx).await?;
            let current_tables: Vec<i64> = sqlx::query_scalar(
                "SELECT table_id FROM reservation_tables WHERE reservation_id = $1 ORDER BY table_id")
                .bind(reservation_id).fetch_all(&mut *tx).await?;
            let window = window(&current);
            let rows = holds!(restaurant_id, window.0, window.1, reservation_id)
                .fetch_all(&mut *tx).await?;
            let others = group_holds(rows)?;
            match decide(&current, &current_tables, &others) {
                Err(e) => Ok::<_, StoreError>(Err(e)),
                Ok(change) => {
                    let (action, details) = match &change {
                        Change::Modify { details, .. } => ("modified", details.clone()),
                        Change::Status { status, details } => (status.as_str(), details.clone()),
                    };
                    match change {
                        Change::Modify { change: c, .. } => {
                            sqlx::query(
                                "UPDATE reservations SET starts_at = $2, ends_at = $3, party_size = $4, \
                                 guest_name = $5, guest_email = $6, guest_phone = $7, notes = $8, \
                                 updated_at = $9, guest_email_key = $10 WHERE id = $1")
                                .bind(reservation_id).bind(db_time(c.starts_at)).bind(db_time(c.ends_at))
                                .bind(i64::from(c.party_size)).bind(&c.guest_name).bind(&c.guest_email)
                                .bind(&c.guest_phone).bind(&c.notes).bind(now)
                                .bind(email_key(&c.guest_email))
                                .execute(&mut *tx).await?;
                            sqlx::query("DELETE FROM reservation_tables WHERE reservation_id = $1")
                                .bind(reservation_id).execute(&mut *tx).await?;
                            hold_tables!(tx, reservation_id, &c.table_ids, db_time(c.starts_at),
                                db_time(c.ends_at), true);
                            link_guest!(tx, reservation_id, now);
                        }
                        Change::Status { status, .. } => {
                            // Sitting down (again) starts the clock at the table.
                            sqlx::query("UPDATE reservations SET status = $2, updated_at = $3, \
                                 seated_at = CASE WHEN $2 = 'seated' THEN $3 ELSE seated_at END \
                                 WHERE id = $1")
                                .bind(reservation_id).bind(status.as_str()).bind(now)
                                .execute(&mut *tx).await?;
                            sqlx::query("UPDATE reservation_tables SET active = $2 WHERE reservation_id = $1")
                                .bind(reservation_id).bind(status.is_active())
                                .execute(&mut *tx).await?;
                        }
                    }
                    record_event!(tx, reservation_id, now, actor, action, details);
                    let row = sqlx::query_as::<_, ReservationRow>(&format!(
                        "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.id = $1"))
                        .bind(reservation_id).fetch_one(&mut *tx).await?;
                    if let Some((kind, payload)) = outbox(&row) {
                        queue_mail!(tx, kind, payload, now);
                    }
                    Ok(Ok(row))
                }
            }
        })
    }

    /// The reservation a manage token opens, by the token's hash, while
    /// the reservation ends after `ended_after` (tokens die some time
    /// after the meal).
    pub async fn reservation_by_token_hash(
        &self,
        token_hash: &str,
        ended_after: DateTime<Utc>,
    ) -> Result<ReservationRow, StoreError> {
        let sql = format!(
            "SELECT {RESERVATION_COLUMNS} FROM reservations r \
             JOIN reservation_tokens t ON t.reservation_id = r.id \
             WHERE t.token_hash = $1 AND r.ends_at > $2"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(token_hash).bind(db_time(ended_after)).fetch_one(pool).await)?,
        )
    }

    /// The reservation with this reference and guest e-mail (by its key:
    /// trimmed, case-folded).
    pub async fn reservation_by_reference(
        &self,
        restaurant_id: i64,
        reference: &str,
        email: &str,
    ) -> Result<ReservationRow, StoreError> {
        let sql = format!(
            "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.restaurant_id = $1 \
             AND r.reference = $2 AND r.guest_email_key = $3"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(restaurant_id).bind(reference).bind(email_key(email)).fetch_one(pool).await)?,
        )
    }

    /// Gives a reservation a new manage token, which replaces every
    /// earlier one (the e-mailed link included): one token per booking.
    pub async fn replace_reservation_token(
        &self,
        reservation_id: i64,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM reservation_tokens WHERE reservation_id = $1")
                .bind(reservation_id).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO reservation_tokens (token_hash, reservation_id, created_at) VALUES ($1, $2, $3)")
                .bind(token_hash).bind(reservation_id).bind(db_time(now))
                .execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Adds a manage token (by its hash) to the reservation with this
    /// reference, which keeps its [`MANAGE_TOKENS_KEPT`] newest tokens;
    /// [`StoreError::NotFound`] when there is no such reservation.
    pub async fn add_reservation_token(
        &self,
        reference: &str,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let id: Option<i64> = sqlx::query_scalar("SELECT id FROM reservations WHERE reference = $1")
                .bind(reference).fetch_optional(&mut *tx).await?;
            let Some(id) = id else {
                return Err(StoreError::NotFound);
            };
            sqlx::query("INSERT INTO reservation_tokens (token_hash, reservation_id, created_at) VALUES ($1, $2, $3)")
                .bind(token_hash).bind(id).bind(db_time(now)).execute(&mut *tx).await?;
            sqlx::query("DELETE FROM reservation_tokens WHERE reservation_id = $1 AND token_hash NOT IN \
                         (SELECT token_hash FROM reservation_tokens WHERE reservation_id = $1 \
                          ORDER BY created_at DESC, token_hash LIMIT $2)")
                .bind(id).bind(MANAGE_TOKENS_KEPT).execute(&mut *tx).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Forgets a manage token (minted for an e-mail that could not be sent).
    pub async fn delete_reservation_token(&self, token_hash: &str) -> Result<(), StoreError> {
        let sql = "DELETE FROM reservation_tokens WHERE token_hash = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(token_hash).execute(pool).await.map(drop))?;
        Ok(())
    }

    /// The tables a reservation holds (or held), by id.
    pub async fn reservation_table_ids(&self, reservation_id: i64) -> Result<Vec<i64>, StoreError> {
        let sql =
            "SELECT table_id FROM reservation_tables WHERE reservation_id = $1 ORDER BY table_id";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(reservation_id).fetch_all(pool).await)?)
    }

    /// Reservations of a restaurant, for tests and the staff tools.
    /// Bookings (not cancelled) made since `since` with this guest e-mail
    /// (any case) or, when given, this phone number.
    pub async fn bookings_by_guest_since(
        &self,
        restaurant_id: i64,
        email: &str,
        phone: &str,
        since: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM reservations WHERE restaurant_id = $1 \
                   AND status <> 'cancelled' AND created_at > $2 \
                   AND (guest_email_key = $3 OR ($4 <> '' AND guest_phone = $4))";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(restaurant_id).bind(db_time(since))
            .bind(email_key(email)).bind(phone)
            .fetch_one(pool).await)?)
    }

    pub async fn reservation_count(&self, restaurant_id: i64) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM reservations WHERE restaurant_id = $1";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(restaurant_id).fetch_one(pool).await)?)
    }
}

/// A reservation with the tables it holds (or held, once cancelled).
#[derive(Debug, Clone)]
pub struct ReservationWithTables {
    pub row: ReservationRow,
    pub table_ids: Vec<i64>,
}

/// Each reservation with the tables it holds, from the rows of both (the
/// tables in any order).
pub(super) fn with_tables(
    rows: Vec<ReservationRow>,
    tables: Vec<TableOfRow>,
) -> Vec<ReservationWithTables> {
    let mut by_reservation: std::collections::HashMap<i64, Vec<i64>> =
        std::collections::HashMap::new();
    for t in tables {
        by_reservation
            .entry(t.reservation_id)
            .or_default()
            .push(t.table_id);
    }
    rows.into_iter()
        .map(|row| ReservationWithTables {
            table_ids: by_reservation.remove(&row.id).unwrap_or_default(),
            row,
        })
        .collect()
}

#[derive(sqlx::FromRow)]
pub(super) struct TableOfRow {
    pub(super) reservation_id: i64,
    pub(super) table_id: i64,
}

impl Store {
    /// Every reservation of a restaurant starting within `from..to`, in any
    /// status, by start time, with its tables: two index range scans.
    pub async fn reservations_starting(
        &self,
        restaurant_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ReservationWithTables>, StoreError> {
        let rows_sql = format!(
            "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.restaurant_id = $1 \
             AND r.starts_at >= $2 AND r.starts_at < $3 ORDER BY r.starts_at, r.id"
        );
        let tables_sql = "SELECT rt.reservation_id, rt.table_id FROM reservations r \
             JOIN reservation_tables rt ON rt.reservation_id = r.id WHERE r.restaurant_id = $1 \
             AND r.starts_at >= $2 AND r.starts_at < $3 ORDER BY rt.reservation_id, rt.table_id";
        let (from, to) = (db_time(from), db_time(to));
        let (rows, tables) = on_pool!(self, pool => {
            let rows = sqlx::query_as::<_, ReservationRow>(&rows_sql)
                .bind(restaurant_id).bind(from).bind(to).fetch_all(pool).await?;
            let tables = sqlx::query_as::<_, TableOfRow>(tables_sql)
                .bind(restaurant_id).bind(from).bind(to).fetch_all(pool).await?;
            (rows, tables)
        });
        Ok(with_tables(rows, tables))
    }

    /// A reservation of a restaurant by id.
    pub async fn reservation_by_id(
        &self,
        restaurant_id: i64,
        id: i64,
    ) -> Result<ReservationRow, StoreError> {
        let sql = format!(
            "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.id = $1 AND r.restaurant_id = $2"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(id).bind(restaurant_id).fetch_one(pool).await)?,
        )
    }
}
