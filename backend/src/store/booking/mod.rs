//! Booking data: the restaurant's booking rules, its tables, reservations
//! and their tables, history, manage tokens, and the e-mail outbox.
//!
//! Every write that can change who holds a table runs in a *booking
//! transaction* ([`Store::booking_tx`]): `BEGIN IMMEDIATE` on SQLite (one
//! writer at a time) and a transaction-scoped advisory lock per restaurant on
//! PostgreSQL, so the availability re-check inside it cannot race. Below
//! that, the database itself refuses two active rows of one table over
//! overlapping times (an exclusion constraint on PostgreSQL, triggers on
//! SQLite); such a refusal surfaces as [`StoreError::Conflict`].
//!
//! The module is cut along its seams: `setup` (the restaurant's booking
//! rules and tables), `reservations` (holds, creating and changing
//! reservations in booking transactions, lookups, history), `proofs`
//! (e-mailed links that prove an address), `outbox`, and `import`
//! (reservations written as they are, for demo and load-test data).

/// Runs `$body` in a booking transaction on whichever backend the store
/// holds, with `$tx` bound to the transaction; commits when the body returns
/// `Ok`, rolls back otherwise.
macro_rules! booking_tx {
    ($store:expr, $restaurant_id:expr, $tx:ident => $body:expr) => {
        match $store.pool() {
            $crate::store::Pool::Sqlite(pool) => {
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let result = $body;
                if result.is_ok() {
                    $tx.commit().await?;
                }
                result
            }
            $crate::store::Pool::Postgres(pool) => {
                let mut $tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(ADVISORY_BOOKING_BASE + $restaurant_id)
                    .execute(&mut *$tx)
                    .await?;
                let result = $body;
                if result.is_ok() {
                    $tx.commit().await?;
                }
                result
            }
        }
    };
}

/// Adds a line to the audit log in the caller's transaction (nothing when
/// nothing changed).
macro_rules! record_audit {
    ($tx:expr, $restaurant_id:expr, $now:expr, $user:expr, $subject:expr, $action:expr, $label:expr, $changes:expr) => {{
        let changes: &[domain::AuditChange] = $changes;
        if !changes.is_empty() || $action != "update" {
            let json = serde_json::to_string(changes)
                .map_err(|e| $crate::error::StoreError::corrupt(format!("audit changes: {e}")))?;
            let subject: domain::AuditSubject = $subject;
            sqlx::query(
                "INSERT INTO audit_log (restaurant_id, at, user_id, subject, action, label, changes) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind($restaurant_id)
            .bind($crate::store::booking::db_time($now))
            .bind($user)
            .bind(subject.as_str())
            .bind($action)
            .bind($label)
            .bind(json)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Moves row `$id` of `$rows` (`(id, position)` in order) one place
/// `$direction`, writing every position with `$set` (`$1` id, `$2`
/// position) in the caller's transaction; not found when `$id` is not in
/// the list. Evaluates to the move as audit changes (its place before →
/// after).
macro_rules! reorder {
    ($tx:expr, $set:expr, $rows:expr, $id:expr, $direction:expr) => {{
        let rows: &[(i64, i64)] = $rows;
        let id: i64 = $id;
        let order = $crate::store::booking::order::swapped(rows, id, $direction)
            .ok_or($crate::error::StoreError::NotFound)?;
        for (position, row_id) in (1_i64..).zip(&order) {
            sqlx::query($set)
                .bind(row_id)
                .bind(position)
                .execute(&mut *$tx)
                .await?;
        }
        let before: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
        domain::audit_changes(
            &[(
                "position",
                $crate::store::booking::order::place(&before, id),
            )],
            &[("position", $crate::store::booking::order::place(&order, id))],
        )
    }};
}

mod blocks;
mod calendar;
mod details;
mod floor;
mod import;
mod list;
mod menu;
mod order;
mod outbox;
mod payments;
mod photos;
mod proofs;
mod reservations;
mod settings;
mod setup;

pub use blocks::{BlockRow, BlockingBooking, NewBlock};
pub use details::NoteRow;
pub use floor::{AreaRow, CombinationMemberRow, FloorTableRow, InUse, TableBookingRow};
pub use import::ImportedReservation;
pub(crate) use list::search_patterns;
pub use list::{ListQuery, ListTotals, Span};
pub use menu::MenuRefusal;
pub use outbox::OutboxRow;
pub use payments::{
    Begun, NewOperation, NewPayment, OperationKind, OperationRow, OverdueHold, PaymentRow, Settled,
    Settlement,
};
pub use payments::{MoneyMove, MoneyMoved, PaymentListQuery, PaymentListRow};
pub use photos::{StoredPhoto, MEDIA_PATH};
pub use proofs::{ProofPurpose, Proved};
pub use reservations::ReservationWithTables;
pub use settings::{period_hours, HoursClash, UpcomingBooking};
pub use setup::{BookingSetup, EmailConfirmation, TableLabel};

use crate::error::StoreError;
use chrono::{DateTime, SubsecRound, Utc};
use domain::{ReservationSource, ReservationStatus};
use rules::ExistingBooking;

/// Who makes a change of the restaurant's setup, and when: its line in the
/// audit log.
#[derive(Debug, Clone, Copy)]
pub struct Author {
    pub user_id: Option<i64>,
    pub at: DateTime<Utc>,
}

/// Instants are written with whole seconds so that SQLite's text order is
/// time order.
pub fn db_time(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(0)
}

/// A reservation as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReservationRow {
    pub id: i64,
    pub restaurant_id: i64,
    pub reference: String,
    pub status: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub party_size: i64,
    pub guest_name: String,
    pub guest_email: String,
    pub guest_phone: String,
    pub notes: String,
    pub locale: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub source: String,
    pub seated_at: Option<DateTime<Utc>>,
    /// The guest's profile, and what staff keep on it (tags, notes) and
    /// know of the guest's other bookings.
    pub guest_id: Option<i64>,
    pub guest_tags: String,
    pub guest_notes: String,
    /// The profile's no-shows and visits (arrived, seated or completed),
    /// this booking included.
    pub guest_no_shows: i64,
    pub guest_visits: i64,
    /// Its payment's status (`pending`, `paid`, ...), when it has one.
    pub payment_status: Option<String>,
}

impl ReservationRow {
    pub fn status(&self) -> Result<ReservationStatus, StoreError> {
        ReservationStatus::parse(&self.status)
            .ok_or_else(|| StoreError::corrupt(format!("reservation status {:?}", self.status)))
    }

    pub fn source(&self) -> Result<ReservationSource, StoreError> {
        ReservationSource::parse(&self.source)
            .ok_or_else(|| StoreError::corrupt(format!("reservation source {:?}", self.source)))
    }
}

/// A new reservation, with its tables already chosen.
#[derive(Debug, Clone)]
pub struct NewReservation {
    pub restaurant_id: i64,
    pub reference: String,
    pub token_hash: String,
    pub status: ReservationStatus,
    pub source: ReservationSource,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub party_size: u32,
    pub guest_name: String,
    pub guest_email: String,
    pub guest_phone: String,
    pub notes: String,
    pub locale: String,
    pub table_ids: Vec<i64>,
    /// What the booking owes (it is then `pending_payment`, holding its
    /// tables until the payment's hold ends).
    pub payment: Option<NewPayment>,
}

/// New values for a reservation's time, size, guest and tables.
#[derive(Debug, Clone)]
pub struct ReservationChange {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub party_size: u32,
    pub guest_name: String,
    pub guest_email: String,
    pub guest_phone: String,
    pub notes: String,
    pub table_ids: Vec<i64>,
}

/// Who wrote a line of a reservation's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Guest,
    /// A staff member, by account id.
    Staff(i64),
    System,
}

impl Actor {
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Guest => "guest",
            Actor::Staff(_) => "staff",
            Actor::System => "system",
        }
    }

    /// The staff member's account.
    pub fn user_id(self) -> Option<i64> {
        match self {
            Actor::Staff(id) => Some(id),
            Actor::Guest | Actor::System => None,
        }
    }

    pub fn is_staff(self) -> bool {
        matches!(self, Actor::Staff(_))
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub details: String,
    /// The staff member's name, if their account remains.
    pub author: Option<String>,
}

/// A reservation's columns (of `reservations r`), with its guest's profile:
/// index lookups by `guests.id` and `reservations(guest_id, status)`.
pub(crate) const RESERVATION_COLUMNS: &str =
    "r.id, r.restaurant_id, r.reference, r.status, r.starts_at, \
     r.ends_at, r.party_size, r.guest_name, r.guest_email, r.guest_phone, r.notes, r.locale, \
     r.created_at, r.updated_at, r.source, r.seated_at, r.guest_id, \
     COALESCE((SELECT g.tags FROM guests g WHERE g.id = r.guest_id), '') AS guest_tags, \
     COALESCE((SELECT g.notes FROM guests g WHERE g.id = r.guest_id), '') AS guest_notes, \
     (SELECT COUNT(*) FROM reservations x WHERE x.guest_id = r.guest_id \
      AND x.status = 'no_show') AS guest_no_shows, \
     (SELECT COUNT(*) FROM reservations x WHERE x.guest_id = r.guest_id \
      AND x.status IN ('arrived', 'seated', 'completed')) AS guest_visits, \
     (SELECT p.status FROM payments p WHERE p.reservation_id = r.id) AS payment_status";

#[derive(sqlx::FromRow)]
pub(super) struct HoldRow {
    reservation_id: i64,
    table_id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    party_size: i64,
}

pub(super) fn to_u32(n: i64, what: &str) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::corrupt(format!("{what} {n}")))
}

/// Groups table rows into bookings, in the order of the rows (by reservation).
pub(super) fn group_holds(rows: Vec<HoldRow>) -> Result<Vec<ExistingBooking>, StoreError> {
    let mut out: Vec<ExistingBooking> = Vec::new();
    for row in rows {
        match out.last_mut() {
            Some(b) if b.id == row.reservation_id => b.table_ids.push(row.table_id),
            _ => out.push(ExistingBooking {
                id: row.reservation_id,
                start: row.starts_at,
                end: row.ends_at,
                party_size: to_u32(row.party_size, "party size")?,
                table_ids: vec![row.table_id],
            }),
        }
    }
    Ok(out)
}

/// The longest a reservation (and so a hold) may last: the rules' longest
/// turn time. The database refuses longer ones, which lets [`holds!`] find
/// the holds overlapping a window through the index on
/// `reservations(restaurant_id, starts_at)`: whatever overlaps `from..to`
/// started at or after `from - MAX_SPAN`.
pub const MAX_SPAN: chrono::TimeDelta = chrono::TimeDelta::minutes(1440);

/// A hold's span is its reservation's (copied on every write), so bounding
/// `r.starts_at` on both sides keeps the scan to the window. A block holds
/// its tables too: as a booking of no guests whose id is the block's,
/// negated (so it never equals a reservation's).
pub(super) const HOLDS_SQL: &str =
    "SELECT rt.reservation_id, rt.table_id, rt.starts_at, rt.ends_at, \
     r.party_size FROM reservations r JOIN reservation_tables rt ON rt.reservation_id = r.id \
     WHERE r.restaurant_id = $1 AND r.starts_at >= $5 AND r.starts_at < $3 \
     AND rt.active AND rt.starts_at < $3 AND rt.ends_at > $2 \
     AND r.id <> $4 \
     UNION ALL SELECT -b.id, bt.table_id, b.starts_at, b.ends_at, 0 \
     FROM table_blocks b JOIN block_tables bt ON bt.block_id = b.id \
     WHERE b.restaurant_id = $1 AND b.ends_at > $2 AND b.starts_at < $3 \
     ORDER BY 1, 2";

/// The query of the active holds of `restaurant_id` overlapping
/// `from..to`, leaving out reservation `exclude` (-1: none).
macro_rules! holds {
    ($restaurant_id:expr, $from:expr, $to:expr, $exclude:expr) => {{
        let (from, to) = ($from, $to);
        sqlx::query_as::<_, $crate::store::booking::HoldRow>($crate::store::booking::HOLDS_SQL)
            .bind($restaurant_id)
            .bind($crate::store::booking::db_time(from))
            .bind($crate::store::booking::db_time(to))
            .bind($exclude)
            .bind($crate::store::booking::db_time(
                from - $crate::store::booking::MAX_SPAN,
            ))
    }};
}
pub(super) use holds;

/// Advisory lock keys for booking transactions (one per restaurant).
pub(crate) const ADVISORY_BOOKING_BASE: i64 = 0x7465_6368_0000_0000;

/// What a booking transaction does to an existing reservation.
#[derive(Debug, Clone)]
pub enum Change {
    /// New time, size, guest details or tables; `details` is the history's JSON.
    Modify {
        change: ReservationChange,
        details: String,
    },
    /// A new status (cancelled, seated, ...).
    Status {
        status: ReservationStatus,
        details: String,
    },
}
