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

use super::{on_pool, Store};
use crate::error::StoreError;
use chrono::{DateTime, NaiveDate, NaiveTime, SubsecRound, Utc, Weekday};
use chrono_tz::Tz;
use domain::ReservationStatus;
use rules::{
    BookingWindow, Combination, DepositPolicy, Exception, ExistingBooking, PeriodHours, PeriodKind,
    Rules, ServicePeriod, Table, TurnTimes,
};

/// Instants are written with whole seconds so that SQLite's text order is
/// time order.
pub fn db_time(t: DateTime<Utc>) -> DateTime<Utc> {
    t.trunc_subsecs(0)
}

/// Everything the booking rules need about one restaurant.
#[derive(Debug, Clone)]
pub struct BookingSetup {
    pub restaurant_id: i64,
    pub rules: Rules,
    pub tables: Vec<Table>,
    pub combinations: Vec<Combination>,
    pub cancel_cutoff_minutes: u32,
    pub deposit: Option<DepositPolicy>,
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    min_notice_minutes: i64,
    max_advance_days: i64,
    min_party: i64,
    max_party_online: i64,
    turn_times: String,
    cancel_cutoff_minutes: i64,
    deposit_per_guest_cents: Option<i64>,
    deposit_from_party: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct SeatingRow {
    weekday: i64,
    kind: String,
    opens_minute: i64,
    closes_minute: i64,
    last_seating_minute: Option<i64>,
    slot_interval_minutes: i64,
    max_covers_per_slot: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct ExceptionRow {
    kind: String,
    starts_on: String,
    ends_on: String,
    periods: String,
}

#[derive(sqlx::FromRow)]
struct TableRow {
    id: i64,
    min_seats: i64,
    max_seats: i64,
    bookable_online: bool,
    active: bool,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    combination_id: i64,
    table_id: i64,
}

#[derive(sqlx::FromRow)]
struct HoldRow {
    reservation_id: i64,
    table_id: i64,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    party_size: i64,
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
}

impl ReservationRow {
    pub fn status(&self) -> Result<ReservationStatus, StoreError> {
        ReservationStatus::parse(&self.status)
            .ok_or_else(|| StoreError::corrupt(format!("reservation status {:?}", self.status)))
    }
}

/// A new reservation, with its tables already chosen.
#[derive(Debug, Clone)]
pub struct NewReservation {
    pub restaurant_id: i64,
    pub reference: String,
    pub token_hash: String,
    pub status: ReservationStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub party_size: u32,
    pub guest_name: String,
    pub guest_email: String,
    pub guest_phone: String,
    pub notes: String,
    pub locale: String,
    pub table_ids: Vec<i64>,
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

/// A line of a reservation's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Guest,
    Staff,
    System,
}

impl Actor {
    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Guest => "guest",
            Actor::Staff => "staff",
            Actor::System => "system",
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub details: String,
}

/// An e-mail waiting in the outbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
}

pub(crate) const RESERVATION_COLUMNS: &str =
    "r.id, r.restaurant_id, r.reference, r.status, r.starts_at, \
     r.ends_at, r.party_size, r.guest_name, r.guest_email, r.guest_phone, r.notes, r.locale, \
     r.created_at, r.updated_at";

fn minute_time(minute: i64) -> Result<NaiveTime, StoreError> {
    u32::try_from(minute)
        .ok()
        .filter(|m| *m < 24 * 60)
        .and_then(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0))
        .ok_or_else(|| StoreError::corrupt(format!("minute of day {minute}")))
}

fn to_u32(n: i64, what: &str) -> Result<u32, StoreError> {
    u32::try_from(n).map_err(|_| StoreError::corrupt(format!("{what} {n}")))
}

impl SeatingRow {
    fn into_rule(self) -> Result<ServicePeriod, StoreError> {
        let weekday = u8::try_from(self.weekday)
            .ok()
            .and_then(|d| Weekday::try_from(d).ok())
            .ok_or_else(|| StoreError::corrupt(format!("weekday {}", self.weekday)))?;
        let kind = match self.kind.as_str() {
            "lunch" => PeriodKind::Lunch,
            "dinner" => PeriodKind::Dinner,
            other => return Err(StoreError::corrupt(format!("service kind {other:?}"))),
        };
        // Without an explicit last seating, the last table sits down an hour
        // before closing (but never before opening).
        let last = self
            .last_seating_minute
            .unwrap_or((self.closes_minute - 60).max(self.opens_minute));
        let interval = to_u32(self.slot_interval_minutes, "interval")?;
        let mut hours = PeriodHours::new(kind, minute_time(self.opens_minute)?, minute_time(last)?)
            .and_then(|h| h.with_interval(interval))
            .map_err(StoreError::corrupt)?;
        if let Some(max) = self.max_covers_per_slot {
            hours = hours
                .with_pacing(to_u32(max, "pacing")?)
                .map_err(StoreError::corrupt)?;
        }
        Ok(ServicePeriod::new(weekday, hours))
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::corrupt(format!("date {s:?}")))
}

impl ExceptionRow {
    fn into_rule(self) -> Result<Vec<Exception>, StoreError> {
        let (from, to) = (parse_date(&self.starts_on)?, parse_date(&self.ends_on)?);
        match self.kind.as_str() {
            "closed" => Ok(vec![
                Exception::closed(from, to).map_err(StoreError::corrupt)?
            ]),
            "special_hours" => {
                let periods: Vec<PeriodHours> = serde_json::from_str(&self.periods)
                    .map_err(|e| StoreError::corrupt(format!("special hours: {e}")))?;
                Ok(from
                    .iter_days()
                    .take_while(|d| *d <= to)
                    .map(|date| Exception::SpecialHours {
                        date,
                        periods: periods.clone(),
                    })
                    .collect())
            }
            other => Err(StoreError::corrupt(format!("exception kind {other:?}"))),
        }
    }
}

/// Groups table rows into bookings, in the order of the rows (by reservation).
fn group_holds(rows: Vec<HoldRow>) -> Result<Vec<ExistingBooking>, StoreError> {
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

const HOLDS_SQL: &str = "SELECT rt.reservation_id, rt.table_id, rt.starts_at, rt.ends_at, \
     r.party_size FROM reservation_tables rt JOIN reservations r ON r.id = rt.reservation_id \
     WHERE r.restaurant_id = $1 AND rt.active AND rt.starts_at < $3 AND rt.ends_at > $2 \
     AND r.id <> $4 ORDER BY rt.reservation_id, rt.table_id";

/// Runs `$body` in a booking transaction on whichever backend the store
/// holds, with `$tx` bound to the transaction; commits when the body returns
/// `Ok`, rolls back otherwise.
macro_rules! booking_tx {
    ($store:expr, $restaurant_id:expr, $tx:ident => $body:expr) => {
        match $store {
            Store::Sqlite(pool) => {
                let mut $tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let result = $body;
                if result.is_ok() {
                    $tx.commit().await?;
                }
                result
            }
            Store::Postgres(pool) => {
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

/// Advisory lock keys for booking transactions (one per restaurant).
pub(crate) const ADVISORY_BOOKING_BASE: i64 = 0x7465_6368_0000_0000;

impl Store {
    /// The rules, tables and combinations of a restaurant.
    pub async fn booking_setup(
        &self,
        restaurant_id: i64,
        time_zone: &str,
    ) -> Result<BookingSetup, StoreError> {
        let tz: Tz = time_zone
            .parse()
            .map_err(|_| StoreError::corrupt(format!("time zone {time_zone:?}")))?;
        let settings_sql = "SELECT min_notice_minutes, max_advance_days, min_party, \
             max_party_online, turn_times, cancel_cutoff_minutes, deposit_per_guest_cents, \
             deposit_from_party FROM booking_settings WHERE restaurant_id = $1";
        let periods_sql = "SELECT weekday, kind, opens_minute, closes_minute, \
             last_seating_minute, slot_interval_minutes, max_covers_per_slot \
             FROM service_periods WHERE restaurant_id = $1 ORDER BY weekday, opens_minute";
        let exceptions_sql = "SELECT kind, starts_on, ends_on, periods FROM booking_exceptions \
             WHERE restaurant_id = $1 ORDER BY starts_on, id";
        let tables_sql = "SELECT id, min_seats, max_seats, bookable_online, active \
             FROM dining_tables WHERE restaurant_id = $1 ORDER BY id";
        let members_sql = "SELECT m.combination_id, m.table_id FROM table_combination_members m \
             JOIN table_combinations c ON c.id = m.combination_id WHERE c.restaurant_id = $1 \
             ORDER BY m.combination_id, m.table_id";
        let (settings, periods, exceptions, tables, members) = on_pool!(self, pool => {
            let settings = sqlx::query_as::<_, SettingsRow>(settings_sql)
                .bind(restaurant_id).fetch_optional(pool).await?;
            let periods = sqlx::query_as::<_, SeatingRow>(periods_sql)
                .bind(restaurant_id).fetch_all(pool).await?;
            let exceptions = sqlx::query_as::<_, ExceptionRow>(exceptions_sql)
                .bind(restaurant_id).fetch_all(pool).await?;
            let tables = sqlx::query_as::<_, TableRow>(tables_sql)
                .bind(restaurant_id).fetch_all(pool).await?;
            let members = sqlx::query_as::<_, MemberRow>(members_sql)
                .bind(restaurant_id).fetch_all(pool).await?;
            (settings, periods, exceptions, tables, members)
        });

        let mut rules = Rules::new(tz);
        let mut cancel_cutoff_minutes = 120;
        let mut deposit = None;
        if let Some(s) = settings {
            rules.window = BookingWindow::new(
                to_u32(s.min_notice_minutes, "notice")?,
                to_u32(s.max_advance_days, "advance")?,
                to_u32(s.min_party, "min party")?,
                to_u32(s.max_party_online, "max party")?,
            )
            .map_err(StoreError::corrupt)?;
            rules.turn_times = serde_json::from_str::<TurnTimes>(&s.turn_times)
                .map_err(|e| StoreError::corrupt(format!("turn times: {e}")))?;
            cancel_cutoff_minutes = to_u32(s.cancel_cutoff_minutes, "cut-off")?;
            if let (Some(per_guest_cents), Some(from)) =
                (s.deposit_per_guest_cents, s.deposit_from_party)
            {
                deposit = Some(DepositPolicy {
                    per_guest_cents,
                    from_party: to_u32(from, "deposit party")?,
                });
            }
        }
        rules.periods = periods
            .into_iter()
            .map(SeatingRow::into_rule)
            .collect::<Result<_, _>>()?;
        for row in exceptions {
            rules.exceptions.extend(row.into_rule()?);
        }
        let tables = tables
            .into_iter()
            .map(|t| {
                Ok(Table {
                    id: t.id,
                    min_seats: to_u32(t.min_seats, "seats")?,
                    max_seats: to_u32(t.max_seats, "seats")?,
                    bookable_online: t.bookable_online,
                    active: t.active,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let mut combinations: Vec<Combination> = Vec::new();
        for m in members {
            match combinations.last_mut() {
                Some(c) if c.id == m.combination_id => c.table_ids.push(m.table_id),
                _ => combinations.push(Combination {
                    id: m.combination_id,
                    table_ids: vec![m.table_id],
                }),
            }
        }
        Ok(BookingSetup {
            restaurant_id,
            rules,
            tables,
            combinations,
            cancel_cutoff_minutes,
            deposit,
        })
    }

    /// Active bookings of a restaurant overlapping `from..to`.
    pub async fn active_bookings(
        &self,
        restaurant_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ExistingBooking>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, HoldRow>(HOLDS_SQL)
            .bind(restaurant_id).bind(db_time(from)).bind(db_time(to)).bind(-1_i64)
            .fetch_all(pool).await)?;
        group_holds(rows)
    }

    /// Runs `decide` on the active bookings overlapping `from..to` (leaving
    /// out `exclude`) inside a booking transaction, and creates the
    /// reservation it returns, with its token, its first history line and
    /// its outbox message, all in that transaction. `decide` returning
    /// `Err` writes nothing.
    pub async fn create_reservation<E>(
        &self,
        restaurant_id: i64,
        window: (DateTime<Utc>, DateTime<Utc>),
        decide: impl FnOnce(&[ExistingBooking]) -> Result<NewReservation, E>,
        event: (Actor, &str, &str),
        outbox: impl FnOnce(&ReservationRow) -> Option<(String, String)>,
        now: DateTime<Utc>,
    ) -> Result<Result<ReservationRow, E>, StoreError> {
        let now = db_time(now);
        booking_tx!(self, restaurant_id, tx => {
            let rows = sqlx::query_as::<_, HoldRow>(HOLDS_SQL)
                .bind(restaurant_id).bind(db_time(window.0)).bind(db_time(window.1)).bind(-1_i64)
                .fetch_all(&mut *tx).await?;
            let bookings = group_holds(rows)?;
            match decide(&bookings) {
                Err(e) => Ok::<_, StoreError>(Err(e)),
                Ok(new) => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO reservations (restaurant_id, reference, status, starts_at, \
                         ends_at, party_size, guest_name, guest_email, guest_phone, notes, locale, \
                         created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
                    )
                    .bind(new.restaurant_id).bind(&new.reference).bind(new.status.as_str())
                    .bind(db_time(new.starts_at)).bind(db_time(new.ends_at))
                    .bind(i64::from(new.party_size)).bind(&new.guest_name).bind(&new.guest_email)
                    .bind(&new.guest_phone).bind(&new.notes).bind(&new.locale).bind(now)
                    .fetch_one(&mut *tx).await?;
                    sqlx::query("INSERT INTO reservation_tokens (token_hash, reservation_id, created_at) VALUES ($1, $2, $3)")
                        .bind(&new.token_hash).bind(id).bind(now).execute(&mut *tx).await?;
                    for table_id in &new.table_ids {
                        sqlx::query("INSERT INTO reservation_tables (reservation_id, table_id, starts_at, ends_at, active) VALUES ($1, $2, $3, $4, $5)")
                            .bind(id).bind(table_id).bind(db_time(new.starts_at)).bind(db_time(new.ends_at))
                            .bind(new.status.is_active())
                            .execute(&mut *tx).await?;
                    }
                    sqlx::query("INSERT INTO reservation_events (reservation_id, at, actor, action, details) VALUES ($1, $2, $3, $4, $5)")
                        .bind(id).bind(now).bind(event.0.as_str()).bind(event.1).bind(event.2)
                        .execute(&mut *tx).await?;
                    let row = sqlx::query_as::<_, ReservationRow>(&format!(
                        "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.id = $1"))
                        .bind(id).fetch_one(&mut *tx).await?;
                    if let Some((kind, payload)) = outbox(&row) {
                        sqlx::query("INSERT INTO outbox (kind, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $3)")
                            .bind(kind).bind(payload).bind(now).execute(&mut *tx).await?;
                    }
                    Ok(Ok(row))
                }
            }
        })
    }

    /// Changes a reservation inside a booking transaction: `decide` sees the
    /// reservation as it is now and the other active bookings overlapping
    /// `window`, and returns the change (or refuses it). The change, its
    /// history line and its outbox message are written together.
    #[allow(clippy::too_many_arguments)]
    pub async fn change_reservation<E>(
        &self,
        restaurant_id: i64,
        reservation_id: i64,
        window: (DateTime<Utc>, DateTime<Utc>),
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
            let rows = sqlx::query_as::<_, HoldRow>(HOLDS_SQL)
                .bind(restaurant_id).bind(db_time(window.0)).bind(db_time(window.1)).bind(reservation_id)
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
                                 updated_at = $9 WHERE id = $1")
                                .bind(reservation_id).bind(db_time(c.starts_at)).bind(db_time(c.ends_at))
                                .bind(i64::from(c.party_size)).bind(&c.guest_name).bind(&c.guest_email)
                                .bind(&c.guest_phone).bind(&c.notes).bind(now)
                                .execute(&mut *tx).await?;
                            sqlx::query("DELETE FROM reservation_tables WHERE reservation_id = $1")
                                .bind(reservation_id).execute(&mut *tx).await?;
                            for table_id in &c.table_ids {
                                sqlx::query("INSERT INTO reservation_tables (reservation_id, table_id, starts_at, ends_at, active) VALUES ($1, $2, $3, $4, $5)")
                                    .bind(reservation_id).bind(table_id).bind(db_time(c.starts_at))
                                    .bind(db_time(c.ends_at)).bind(true)
                                    .execute(&mut *tx).await?;
                            }
                        }
                        Change::Status { status, .. } => {
                            sqlx::query("UPDATE reservations SET status = $2, updated_at = $3 WHERE id = $1")
                                .bind(reservation_id).bind(status.as_str()).bind(now)
                                .execute(&mut *tx).await?;
                            sqlx::query("UPDATE reservation_tables SET active = $2 WHERE reservation_id = $1")
                                .bind(reservation_id).bind(status.is_active())
                                .execute(&mut *tx).await?;
                        }
                    }
                    sqlx::query("INSERT INTO reservation_events (reservation_id, at, actor, action, details) VALUES ($1, $2, $3, $4, $5)")
                        .bind(reservation_id).bind(now).bind(actor.as_str()).bind(action).bind(details)
                        .execute(&mut *tx).await?;
                    let row = sqlx::query_as::<_, ReservationRow>(&format!(
                        "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.id = $1"))
                        .bind(reservation_id).fetch_one(&mut *tx).await?;
                    if let Some((kind, payload)) = outbox(&row) {
                        sqlx::query("INSERT INTO outbox (kind, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $3)")
                            .bind(kind).bind(payload).bind(now).execute(&mut *tx).await?;
                    }
                    Ok(Ok(row))
                }
            }
        })
    }

    /// The reservation a manage token opens, by the token's hash.
    pub async fn reservation_by_token_hash(
        &self,
        token_hash: &str,
    ) -> Result<ReservationRow, StoreError> {
        let sql = format!(
            "SELECT {RESERVATION_COLUMNS} FROM reservations r \
             JOIN reservation_tokens t ON t.reservation_id = r.id WHERE t.token_hash = $1"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(token_hash).fetch_one(pool).await)?,
        )
    }

    /// The reservation with this reference and guest e-mail (case-insensitive).
    pub async fn reservation_by_reference(
        &self,
        restaurant_id: i64,
        reference: &str,
        email: &str,
    ) -> Result<ReservationRow, StoreError> {
        let sql = format!(
            "SELECT {RESERVATION_COLUMNS} FROM reservations r WHERE r.restaurant_id = $1 \
             AND r.reference = $2 AND LOWER(r.guest_email) = LOWER($3)"
        );
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, ReservationRow>(&sql)
            .bind(restaurant_id).bind(reference).bind(email).fetch_one(pool).await)?,
        )
    }

    /// Adds a manage token to a reservation.
    pub async fn add_reservation_token(
        &self,
        reservation_id: i64,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let sql = "INSERT INTO reservation_tokens (token_hash, reservation_id, created_at) VALUES ($1, $2, $3)";
        on_pool!(self, pool => sqlx::query(sql).bind(token_hash).bind(reservation_id)
            .bind(db_time(now)).execute(pool).await.map(drop))?;
        Ok(())
    }

    /// The tables a reservation holds (or held), by id.
    pub async fn reservation_table_ids(&self, reservation_id: i64) -> Result<Vec<i64>, StoreError> {
        let sql =
            "SELECT table_id FROM reservation_tables WHERE reservation_id = $1 ORDER BY table_id";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(reservation_id).fetch_all(pool).await)?)
    }

    /// The history of a reservation, oldest first.
    pub async fn reservation_events(
        &self,
        reservation_id: i64,
    ) -> Result<Vec<EventRow>, StoreError> {
        let sql = "SELECT at, actor, action, details FROM reservation_events \
                   WHERE reservation_id = $1 ORDER BY id";
        Ok(on_pool!(self, pool => sqlx::query_as::<_, EventRow>(sql)
            .bind(reservation_id).fetch_all(pool).await)?)
    }

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

    /// Marks a message sent and replaces its payload (secrets removed).
    pub async fn outbox_sent(
        &self,
        id: i64,
        now: DateTime<Utc>,
        scrubbed_payload: &str,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE outbox SET sent_at = $2, locked_until = NULL, payload = $3, \
                   attempts = attempts + 1 WHERE id = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(id).bind(db_time(now))
            .bind(scrubbed_payload).execute(pool).await.map(drop))?;
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

    /// Reservations of a restaurant, for tests and the staff tools.
    pub async fn reservation_count(&self, restaurant_id: i64) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM reservations WHERE restaurant_id = $1";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql)
            .bind(restaurant_id).fetch_one(pool).await)?)
    }
}

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
