//! Reservations written as they are, for demo and load-test data
//! (`server demo bookings`): no availability re-check, no manage token and
//! no e-mail, but the same rows as a booking (the reservation, its table
//! holds, its first history line), written in booking transactions, so the
//! database still refuses overlapping holds.

use super::{db_time, Actor, ADVISORY_BOOKING_BASE};
use crate::error::StoreError;
use crate::store::{email_key, Store};
use chrono::{DateTime, Utc};
use domain::ReservationStatus;

/// A reservation whose tables and times were already chosen.
#[derive(Debug, Clone)]
pub struct ImportedReservation {
    pub reference: String,
    pub status: ReservationStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub party_size: u32,
    pub guest_name: String,
    pub guest_email: String,
    pub guest_phone: String,
    pub notes: String,
    pub locale: String,
    /// When the guest booked (also its `updated_at` and history line).
    pub created_at: DateTime<Utc>,
    pub table_ids: Vec<i64>,
}

/// The history line of an imported reservation says where it came from.
const IMPORTED_DETAILS: &str = r#"{"source":"demo"}"#;

impl Store {
    /// Writes `rows` for a restaurant in one booking transaction: each
    /// reservation, its holds and a `created` history line. A hold that
    /// overlaps an active one on the same table fails the whole batch with
    /// [`StoreError::Conflict`].
    pub async fn import_reservations(
        &self,
        restaurant_id: i64,
        rows: &[ImportedReservation],
    ) -> Result<(), StoreError> {
        booking_tx!(self, restaurant_id, tx => {
            for r in rows {
                let created = db_time(r.created_at);
                // The same row as `create_reservation` writes.
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO reservations (restaurant_id, reference, status, starts_at, \
                     ends_at, party_size, guest_name, guest_email, guest_phone, notes, locale, \
                     created_at, updated_at, guest_email_key) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
                )
                .bind(restaurant_id).bind(&r.reference).bind(r.status.as_str())
                .bind(db_time(r.starts_at)).bind(db_time(r.ends_at))
                .bind(i64::from(r.party_size)).bind(&r.guest_name).bind(&r.guest_email)
                .bind(&r.guest_phone).bind(&r.notes).bind(&r.locale).bind(created)
                .bind(email_key(&r.guest_email))
                .fetch_one(&mut *tx).await?;
                hold_tables!(tx, id, &r.table_ids, db_time(r.starts_at), db_time(r.ends_at),
                    r.status.is_active());
                link_guest!(tx, id, created);
                record_event!(tx, id, created, Actor::Guest, "created", IMPORTED_DETAILS);
            }
            Ok::<_, StoreError>(())
        })
    }
}
