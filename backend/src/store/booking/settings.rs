//! The settings admins change: the restaurant's page, the booking rules,
//! the weekly service periods and the exceptions to them. Each write runs
//! in a booking transaction (a change of hours cannot interleave with a
//! booking's availability check), moves `setup_version` (triggers), and
//! records what it changed in `audit_log`, before → after, in the same
//! transaction: a change without its line in the log cannot happen.

use super::{db_time, to_u32, ADVISORY_BOOKING_BASE};
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{DateTime, Utc};
use domain::{
    audit_changes, AuditChange, AuditEntry, AuditFields, AuditSubject, BookingRules, Date,
    ExceptionForm, HoursException, Localized, PeriodTimes, RestaurantForm, RestaurantSettings,
    RulesForm, ServiceKind, TimeOfDay, TurnBand, Weekday, WeeklyForm, WeeklyPeriod,
};
use rules::{PeriodHours, TurnTimes};

#[derive(sqlx::FromRow)]
struct RestaurantPageRow {
    name: String,
    tagline_fr: String,
    tagline_en: String,
    about_fr: String,
    about_en: String,
    street: String,
    postal_code: String,
    city: String,
    country: String,
    phone: String,
    email: String,
    time_zone: String,
}

impl From<RestaurantPageRow> for RestaurantSettings {
    fn from(r: RestaurantPageRow) -> Self {
        RestaurantSettings {
            name: r.name,
            tagline: Localized {
                fr: r.tagline_fr,
                en: r.tagline_en,
            },
            about: Localized {
                fr: r.about_fr,
                en: r.about_en,
            },
            address: domain::Address {
                street: r.street,
                postal_code: r.postal_code,
                city: r.city,
                country: r.country,
            },
            phone: r.phone,
            email: r.email,
            time_zone: r.time_zone,
        }
    }
}

#[derive(sqlx::FromRow)]
struct RulesRow {
    min_notice_minutes: i64,
    max_advance_days: i64,
    min_party: i64,
    max_party_online: i64,
    turn_times: String,
    cancel_cutoff_minutes: i64,
}

impl RulesRow {
    fn into_rules(self) -> Result<BookingRules, StoreError> {
        let turns: TurnTimes = serde_json::from_str(&self.turn_times)
            .map_err(|e| StoreError::corrupt(format!("turn times: {e}")))?;
        Ok(BookingRules {
            min_notice_minutes: to_u32(self.min_notice_minutes, "notice")?,
            max_advance_days: to_u32(self.max_advance_days, "advance")?,
            min_party: to_u32(self.min_party, "min party")?,
            max_party_online: to_u32(self.max_party_online, "max party")?,
            cancel_cutoff_minutes: to_u32(self.cancel_cutoff_minutes, "cut-off")?,
            turn_times: turns
                .bands()
                .iter()
                .map(|&(up_to, minutes)| TurnBand { up_to, minutes })
                .collect(),
            turn_larger_minutes: turns.larger(),
        })
    }
}

/// The rules of a restaurant that has none stored yet (the booking rules'
/// defaults).
fn default_rules() -> BookingRules {
    let window = rules::BookingWindow::default();
    let turns = TurnTimes::default();
    BookingRules {
        min_notice_minutes: window.min_notice_minutes(),
        max_advance_days: window.max_advance_days(),
        min_party: window.min_party(),
        max_party_online: window.max_party_online(),
        cancel_cutoff_minutes: 120,
        turn_times: turns
            .bands()
            .iter()
            .map(|&(up_to, minutes)| TurnBand { up_to, minutes })
            .collect(),
        turn_larger_minutes: turns.larger(),
    }
}

#[derive(sqlx::FromRow)]
struct PeriodRow {
    id: i64,
    weekday: i64,
    kind: String,
    opens_minute: i64,
    closes_minute: i64,
    last_seating_minute: Option<i64>,
    slot_interval_minutes: i64,
    max_covers_per_slot: Option<i64>,
}

fn minute(m: i64) -> Result<TimeOfDay, StoreError> {
    TimeOfDay::from_minutes(m).map_err(StoreError::corrupt)
}

impl PeriodRow {
    fn into_period(self) -> Result<WeeklyPeriod, StoreError> {
        let weekday = Weekday::from_index(self.weekday)
            .ok_or_else(|| StoreError::corrupt(format!("weekday {}", self.weekday)))?;
        let kind = ServiceKind::parse(&self.kind)
            .ok_or_else(|| StoreError::corrupt(format!("service kind {:?}", self.kind)))?;
        // As the booking rules read it: without a last seating, an hour
        // before closing (never before opening).
        let last = self
            .last_seating_minute
            .unwrap_or((self.closes_minute - 60).max(self.opens_minute));
        Ok(WeeklyPeriod {
            id: self.id,
            weekday,
            times: PeriodTimes {
                kind,
                opens: minute(self.opens_minute)?,
                last_seating: minute(last)?,
                closes: minute(self.closes_minute)?,
                slot_interval_minutes: to_u32(self.slot_interval_minutes, "interval")?,
                max_covers_per_slot: self
                    .max_covers_per_slot
                    .map(|m| to_u32(m, "pacing"))
                    .transpose()?,
            },
        })
    }
}

#[derive(sqlx::FromRow)]
struct ExceptionRow {
    id: i64,
    kind: String,
    starts_on: String,
    ends_on: String,
    periods: String,
    note: String,
}

fn stored_date(s: &str) -> Result<Date, StoreError> {
    Date::parse(s).map_err(|_| StoreError::corrupt(format!("date {s:?}")))
}

fn time_of(t: chrono::NaiveTime) -> TimeOfDay {
    use chrono::Timelike;
    TimeOfDay::from_minutes(i64::from(t.num_seconds_from_midnight() / 60))
        .unwrap_or(TimeOfDay::MIDNIGHT)
}

fn naive(t: TimeOfDay) -> Result<chrono::NaiveTime, StoreError> {
    chrono::NaiveTime::from_hms_opt(u32::from(t.hour()), u32::from(t.minute()), 0)
        .ok_or_else(|| StoreError::corrupt(format!("time {t}")))
}

/// The booking rules' hours of a service (a seating is never at 24:00).
pub fn period_hours(t: &PeriodTimes) -> Result<PeriodHours, StoreError> {
    let mut hours = PeriodHours::new(t.kind, naive(t.opens)?, naive(t.last_seating)?)
        .and_then(|h| h.with_interval(t.slot_interval_minutes))
        .and_then(|h| h.with_closing(t.closes))
        .map_err(StoreError::corrupt)?;
    if let Some(max) = t.max_covers_per_slot {
        hours = hours.with_pacing(max).map_err(StoreError::corrupt)?;
    }
    Ok(hours)
}

fn period_times(h: &PeriodHours) -> PeriodTimes {
    let last_seating = time_of(h.last_seating());
    PeriodTimes {
        kind: h.kind(),
        opens: time_of(h.first_seating()),
        last_seating,
        closes: h
            .display()
            .map_or(last_seating, |d| d.closes)
            .max(last_seating),
        slot_interval_minutes: h.slot_interval_minutes(),
        max_covers_per_slot: h.max_covers_per_slot(),
    }
}

impl ExceptionRow {
    /// One line per period of the row (a closed row: one line).
    fn into_exceptions(self) -> Result<Vec<HoursException>, StoreError> {
        let (from, to) = (stored_date(&self.starts_on)?, stored_date(&self.ends_on)?);
        let line = |hours| HoursException {
            id: self.id,
            from,
            to,
            note: self.note.clone(),
            hours,
        };
        match self.kind.as_str() {
            "closed" => Ok(vec![line(None)]),
            "special_hours" => {
                let periods: Vec<PeriodHours> = serde_json::from_str(&self.periods)
                    .map_err(|e| StoreError::corrupt(format!("special hours: {e}")))?;
                if periods.is_empty() {
                    return Ok(vec![line(None)]);
                }
                Ok(periods
                    .iter()
                    .map(|p| line(Some(period_times(p))))
                    .collect())
            }
            other => Err(StoreError::corrupt(format!("exception kind {other:?}"))),
        }
    }
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: DateTime<Utc>,
    who: Option<String>,
    subject: String,
    action: String,
    label: String,
    changes: String,
}

/// A booking to come, as the hours check reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UpcomingBooking {
    pub id: i64,
    pub reference: String,
    pub guest_name: String,
    pub starts_at: DateTime<Utc>,
    pub party_size: i64,
}

/// What a change of weekly hours ran into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursClash {
    /// On this weekday another service would share time with it.
    Overlaps(Weekday),
}

const PERIOD_COLUMNS: &str = "id, weekday, kind, opens_minute, closes_minute, \
     last_seating_minute, slot_interval_minutes, max_covers_per_slot";

const RULES_SQL: &str = "SELECT min_notice_minutes, max_advance_days, min_party, \
     max_party_online, turn_times, cancel_cutoff_minutes \
     FROM booking_settings WHERE restaurant_id = $1";

const PAGE_SQL: &str = "SELECT name, tagline_fr, tagline_en, about_fr, about_en, street, \
     postal_code, city, country, phone, email, time_zone FROM restaurants WHERE id = $1";

fn period_label(day: Weekday, kind: ServiceKind) -> String {
    format!("{} {}", day.as_str(), kind.as_str())
}

fn exception_label(from: Date, to: Date) -> String {
    if from == to {
        from.to_string()
    } else {
        format!("{from} – {to}")
    }
}

impl Store {
    /// The restaurant's page.
    pub async fn restaurant_page(
        &self,
        restaurant_id: i64,
    ) -> Result<RestaurantSettings, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, RestaurantPageRow>(PAGE_SQL)
            .bind(restaurant_id).fetch_optional(pool).await)?;
        row.map(Into::into).ok_or(StoreError::NotFound)
    }

    /// Changes the restaurant's page.
    pub async fn update_restaurant_page(
        &self,
        restaurant_id: i64,
        form: &RestaurantForm,
        user_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let update = "UPDATE restaurants SET name = $2, tagline_fr = $3, tagline_en = $4, \
             about_fr = $5, about_en = $6, street = $7, postal_code = $8, city = $9, \
             country = $10, phone = $11, email = $12 WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let before: Option<RestaurantPageRow> = sqlx::query_as(PAGE_SQL)
                .bind(restaurant_id).fetch_optional(&mut *tx).await?;
            let before: RestaurantSettings = before.ok_or(StoreError::NotFound)?.into();
            sqlx::query(update)
                .bind(restaurant_id).bind(&form.name).bind(&form.tagline.fr)
                .bind(&form.tagline.en).bind(&form.about.fr).bind(&form.about.en)
                .bind(&form.address.street).bind(&form.address.postal_code)
                .bind(&form.address.city).bind(&form.address.country)
                .bind(&form.phone).bind(&form.email)
                .execute(&mut *tx).await?;
            let changes = audit_changes(&before.audit_fields(), &form.audit_fields());
            record_audit!(tx, restaurant_id, now, user_id, AuditSubject::Restaurant, "update",
                form.name.clone(), &changes);
            Ok::<_, StoreError>(())
        })
    }

    /// The booking rules (their defaults while none are stored).
    pub async fn booking_rules(&self, restaurant_id: i64) -> Result<BookingRules, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, RulesRow>(RULES_SQL)
            .bind(restaurant_id).fetch_optional(pool).await)?;
        row.map_or_else(|| Ok(default_rules()), RulesRow::into_rules)
    }

    /// Changes the booking rules.
    pub async fn update_booking_rules(
        &self,
        restaurant_id: i64,
        form: &RulesForm,
        user_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let turns = TurnTimes::new(
            form.turn_times
                .iter()
                .map(|b| (b.up_to, b.minutes))
                .collect(),
            form.turn_larger_minutes,
        )
        .map_err(StoreError::corrupt)?;
        let turns = serde_json::to_string(&turns)
            .map_err(|e| StoreError::corrupt(format!("turn times: {e}")))?;
        let upsert = "INSERT INTO booking_settings (restaurant_id, min_notice_minutes, \
             max_advance_days, min_party, max_party_online, turn_times, cancel_cutoff_minutes) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (restaurant_id) DO UPDATE SET \
             min_notice_minutes = excluded.min_notice_minutes, \
             max_advance_days = excluded.max_advance_days, min_party = excluded.min_party, \
             max_party_online = excluded.max_party_online, turn_times = excluded.turn_times, \
             cancel_cutoff_minutes = excluded.cancel_cutoff_minutes";
        booking_tx!(self, restaurant_id, tx => {
            let before: Option<RulesRow> = sqlx::query_as(RULES_SQL)
                .bind(restaurant_id).fetch_optional(&mut *tx).await?;
            let before = before.map_or_else(|| Ok(default_rules()), RulesRow::into_rules)?;
            sqlx::query(upsert)
                .bind(restaurant_id).bind(i64::from(form.min_notice_minutes))
                .bind(i64::from(form.max_advance_days)).bind(i64::from(form.min_party))
                .bind(i64::from(form.max_party_online)).bind(&turns)
                .bind(i64::from(form.cancel_cutoff_minutes))
                .execute(&mut *tx).await?;
            let changes = audit_changes(&before.audit_fields(), &form.audit_fields());
            record_audit!(tx, restaurant_id, now, user_id, AuditSubject::Rules, "update",
                String::new(), &changes);
            Ok::<_, StoreError>(())
        })
    }

    /// The weekly service periods, by weekday then opening time.
    pub async fn weekly_periods(
        &self,
        restaurant_id: i64,
    ) -> Result<Vec<WeeklyPeriod>, StoreError> {
        let sql = format!(
            "SELECT {PERIOD_COLUMNS} FROM service_periods WHERE restaurant_id = $1 \
             ORDER BY weekday, opens_minute, id"
        );
        let rows = on_pool!(self, pool => sqlx::query_as::<_, PeriodRow>(&sql)
            .bind(restaurant_id).fetch_all(pool).await)?;
        rows.into_iter().map(PeriodRow::into_period).collect()
    }

    /// Sets a service's hours on some weekdays (creating it there or
    /// replacing its hours), unless on one of them it would share time with
    /// another service: then nothing changes.
    pub async fn set_weekly_hours(
        &self,
        restaurant_id: i64,
        form: &WeeklyForm,
        user_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Result<(), HoursClash>, StoreError> {
        let read = format!(
            "SELECT {PERIOD_COLUMNS} FROM service_periods WHERE restaurant_id = $1 \
             ORDER BY weekday, opens_minute, id"
        );
        let upsert = "INSERT INTO service_periods (restaurant_id, weekday, kind, opens_minute, \
             closes_minute, last_seating_minute, slot_interval_minutes, max_covers_per_slot) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (restaurant_id, weekday, kind) DO UPDATE SET \
             opens_minute = excluded.opens_minute, closes_minute = excluded.closes_minute, \
             last_seating_minute = excluded.last_seating_minute, \
             slot_interval_minutes = excluded.slot_interval_minutes, \
             max_covers_per_slot = excluded.max_covers_per_slot";
        let t = form.times;
        booking_tx!(self, restaurant_id, tx => {
            let rows: Vec<PeriodRow> = sqlx::query_as(&read)
                .bind(restaurant_id).fetch_all(&mut *tx).await?;
            let existing = rows.into_iter().map(PeriodRow::into_period)
                .collect::<Result<Vec<_>, _>>()?;
            let clash = form.weekdays.iter().copied().find(|day| {
                existing.iter().any(|p| p.weekday == *day && p.times.kind != t.kind
                    && p.times.overlaps(&t))
            });
            if let Some(day) = clash {
                return Ok(Err(HoursClash::Overlaps(day)));
            }
            for day in &form.weekdays {
                let before = existing.iter().find(|p| p.weekday == *day && p.times.kind == t.kind);
                sqlx::query(upsert)
                    .bind(restaurant_id).bind(i64::from(day.index())).bind(t.kind.as_str())
                    .bind(i64::from(t.opens.minutes())).bind(i64::from(t.closes.minutes()))
                    .bind(i64::from(t.last_seating.minutes()))
                    .bind(i64::from(t.slot_interval_minutes))
                    .bind(t.max_covers_per_slot.map(i64::from))
                    .execute(&mut *tx).await?;
                let before_fields = before.map(|p| p.times.audit_fields()).unwrap_or_default();
                let changes = audit_changes(&before_fields, &t.audit_fields());
                let action = if before.is_some() { "update" } else { "create" };
                record_audit!(tx, restaurant_id, now, user_id, AuditSubject::Hours, action,
                    period_label(*day, t.kind), &changes);
            }
            Ok::<_, StoreError>(Ok(()))
        })
    }

    /// Removes one weekly service period; false when there is none.
    pub async fn delete_weekly_period(
        &self,
        restaurant_id: i64,
        id: i64,
        user_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let read = format!(
            "SELECT {PERIOD_COLUMNS} FROM service_periods WHERE restaurant_id = $1 AND id = $2"
        );
        booking_tx!(self, restaurant_id, tx => {
            let row: Option<PeriodRow> = sqlx::query_as(&read)
                .bind(restaurant_id).bind(id).fetch_optional(&mut *tx).await?;
            let Some(row) = row else { return Ok(false) };
            let period = row.into_period()?;
            sqlx::query("DELETE FROM service_periods WHERE id = $1")
                .bind(id).execute(&mut *tx).await?;
            let changes = audit_changes(&period.times.audit_fields(), &[]);
            record_audit!(tx, restaurant_id, now, user_id, AuditSubject::Hours, "delete",
                period_label(period.weekday, period.times.kind), &changes);
            Ok::<_, StoreError>(true)
        })
    }

    /// The exceptions that end on or after `from`, by first date.
    pub async fn hours_exceptions(
        &self,
        restaurant_id: i64,
        from: Date,
    ) -> Result<Vec<HoursException>, StoreError> {
        let sql = "SELECT id, kind, starts_on, ends_on, periods, note FROM booking_exceptions \
             WHERE restaurant_id = $1 AND ends_on >= $2 ORDER BY starts_on, id";
        let rows = on_pool!(self, pool => sqlx::query_as::<_, ExceptionRow>(sql)
            .bind(restaurant_id).bind(from.to_string()).fetch_all(pool).await)?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(row.into_exceptions()?);
        }
        Ok(out)
    }

    /// A new exception; its id.
    pub async fn create_hours_exception(
        &self,
        restaurant_id: i64,
        form: &ExceptionForm,
        user_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let (kind, periods) = match &form.hours {
            None => ("closed", "[]".to_owned()),
            Some(t) => (
                "special_hours",
                serde_json::to_string(&[period_hours(t)?])
                    .map_err(|e| StoreError::corrupt(format!("special hours: {e}")))?,
            ),
        };
        let insert = "INSERT INTO booking_exceptions (restaurant_id, kind, starts_on, ends_on, \
             periods, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
        booking_tx!(self, restaurant_id, tx => {
            let id: i64 = sqlx::query_scalar(insert)
                .bind(restaurant_id).bind(kind).bind(form.from.to_string())
                .bind(form.to.to_string()).bind(&periods).bind(&form.note)
                .fetch_one(&mut *tx).await?;
            let changes = audit_changes(&[], &form.audit_fields());
            record_audit!(tx, restaurant_id, now, user_id, AuditSubject::Exception, "create",
                exception_label(form.from, form.to), &changes);
            Ok::<_, StoreError>(id)
        })
    }

    /// Removes an exception; false when there is none.
    pub async fn delete_hours_exception(
        &self,
        restaurant_id: i64,
        id: i64,
        user_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let read = "SELECT id, kind, starts_on, ends_on, periods, note FROM booking_exceptions \
             WHERE restaurant_id = $1 AND id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let row: Option<ExceptionRow> = sqlx::query_as(read)
                .bind(restaurant_id).bind(id).fetch_optional(&mut *tx).await?;
            let Some(row) = row else { return Ok(false) };
            let lines = row.into_exceptions()?;
            sqlx::query("DELETE FROM booking_exceptions WHERE id = $1")
                .bind(id).execute(&mut *tx).await?;
            if let Some(first) = lines.first() {
                let form = ExceptionForm {
                    from: first.from,
                    to: first.to,
                    note: first.note.clone(),
                    hours: first.hours,
                };
                let changes = audit_changes(&form.audit_fields(), &[]);
                record_audit!(tx, restaurant_id, now, user_id, AuditSubject::Exception, "delete",
                    exception_label(first.from, first.to), &changes);
            }
            Ok::<_, StoreError>(true)
        })
    }

    /// The audit log, newest first: at most `limit` lines older than
    /// `before` (an id), with the name of who made each change.
    pub async fn audit_log(
        &self,
        restaurant_id: i64,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let sql = "SELECT a.id, a.at, u.name AS who, a.subject, a.action, a.label, a.changes \
             FROM audit_log a LEFT JOIN users u ON u.id = a.user_id \
             WHERE a.restaurant_id = $1 AND a.id < $2 ORDER BY a.id DESC LIMIT $3";
        let rows = on_pool!(self, pool => sqlx::query_as::<_, AuditRow>(sql)
            .bind(restaurant_id).bind(before.unwrap_or(i64::MAX)).bind(i64::from(limit))
            .fetch_all(pool).await)?;
        rows.into_iter()
            .map(|r| {
                let subject = AuditSubject::parse(&r.subject)
                    .ok_or_else(|| StoreError::corrupt(format!("audit subject {:?}", r.subject)))?;
                let changes: Vec<AuditChange> = serde_json::from_str(&r.changes)
                    .map_err(|e| StoreError::corrupt(format!("audit changes: {e}")))?;
                Ok(AuditEntry {
                    id: r.id,
                    at: r.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    who: r.who,
                    subject,
                    action: r.action,
                    label: r.label,
                    changes,
                })
            })
            .collect()
    }

    /// Bookings from `now` on that still expect the guest (not cancelled,
    /// not over), by time.
    pub async fn upcoming_bookings(
        &self,
        restaurant_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<UpcomingBooking>, StoreError> {
        let sql = "SELECT id, reference, guest_name, starts_at, party_size FROM reservations \
             WHERE restaurant_id = $1 AND starts_at >= $2 \
             AND status IN ('pending_payment', 'pending_confirmation', 'confirmed') \
             ORDER BY starts_at, id";
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, UpcomingBooking>(sql)
            .bind(restaurant_id).bind(db_time(now)).fetch_all(pool).await)?,
        )
    }
}
