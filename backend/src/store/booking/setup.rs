//! A restaurant's booking setup: settings, service periods, exceptions,
//! tables and combinations, read into the booking rules' types.

use super::to_u32;
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use rules::{
    BookingWindow, Combination, Exception, PeriodHours, Rules, ServiceKind, ServicePeriod, Table,
    TurnTimes,
};

/// Everything the booking rules need about one restaurant.
#[derive(Debug, Clone)]
pub struct BookingSetup {
    pub restaurant_id: i64,
    pub rules: Rules,
    pub tables: Vec<Table>,
    /// What the rules do not need of each table: its name and area, in
    /// the order of `tables`.
    pub table_labels: Vec<TableLabel>,
    pub combinations: Vec<Combination>,
    pub cancel_cutoff_minutes: u32,
    /// What bookings are asked to pay.
    pub payment: domain::PaymentPolicy,
    /// Large parties confirm their booking by e-mail, when set.
    pub email_confirmation: Option<EmailConfirmation>,
}

/// A table's name and the area of the room it stands in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableLabel {
    pub id: i64,
    pub name: String,
    pub area: String,
}

/// From which party size a booking waits for the guest's confirmation by
/// e-mail, and how long it holds its table meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmailConfirmation {
    pub from_party: u32,
    pub hold_minutes: u32,
}

impl EmailConfirmation {
    /// Whether a party of this size must confirm.
    pub fn applies_to(&self, party: u32) -> bool {
        party >= self.from_party
    }
}

#[derive(sqlx::FromRow)]
struct SettingsRow {
    min_notice_minutes: i64,
    max_advance_days: i64,
    min_party: i64,
    max_party_online: i64,
    turn_times: String,
    cancel_cutoff_minutes: i64,
    confirm_email_from_party: Option<i64>,
    confirm_hold_minutes: i64,
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
    name: String,
    area: String,
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

fn minute_time(minute: i64) -> Result<NaiveTime, StoreError> {
    u32::try_from(minute)
        .ok()
        .filter(|m| *m < 24 * 60)
        .and_then(|m| NaiveTime::from_hms_opt(m / 60, m % 60, 0))
        .ok_or_else(|| StoreError::corrupt(format!("minute of day {minute}")))
}

impl SeatingRow {
    fn into_rule(self) -> Result<ServicePeriod, StoreError> {
        let weekday = u8::try_from(self.weekday)
            .ok()
            .and_then(|d| Weekday::try_from(d).ok())
            .ok_or_else(|| StoreError::corrupt(format!("weekday {}", self.weekday)))?;
        let kind = ServiceKind::parse(&self.kind)
            .ok_or_else(|| StoreError::corrupt(format!("service kind {:?}", self.kind)))?;
        // Without an explicit last seating, the last table sits down an hour
        // before closing (but never before opening).
        let last = self
            .last_seating_minute
            .unwrap_or((self.closes_minute - 60).max(self.opens_minute));
        let interval = to_u32(self.slot_interval_minutes, "interval")?;
        let mut hours = PeriodHours::new(kind, minute_time(self.opens_minute)?, minute_time(last)?)
            .and_then(|h| h.with_interval(interval))
            .map_err(StoreError::corrupt)?;
        let closes =
            domain::TimeOfDay::from_minutes(self.closes_minute).map_err(StoreError::corrupt)?;
        hours = hours.with_closing(closes).map_err(StoreError::corrupt)?;
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

const PERIODS_SQL: &str = "SELECT weekday, kind, opens_minute, closes_minute, \
     last_seating_minute, slot_interval_minutes, max_covers_per_slot \
     FROM service_periods WHERE restaurant_id = $1 ORDER BY weekday, opens_minute";

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
             max_party_online, turn_times, cancel_cutoff_minutes, confirm_email_from_party, confirm_hold_minutes \
             FROM booking_settings WHERE restaurant_id = $1";
        let periods_sql = PERIODS_SQL;
        let exceptions_sql = "SELECT kind, starts_on, ends_on, periods FROM booking_exceptions \
             WHERE restaurant_id = $1 ORDER BY starts_on, id";
        let tables_sql = "SELECT t.id, t.name, COALESCE(a.name, '') AS area, t.min_seats, \
             t.max_seats, t.bookable_online, t.active \
             FROM dining_tables t LEFT JOIN areas a ON a.id = t.area_id \
             WHERE t.restaurant_id = $1 ORDER BY t.id";
        let members_sql = "SELECT m.combination_id, m.table_id FROM table_combination_members m \
             JOIN table_combinations c ON c.id = m.combination_id WHERE c.restaurant_id = $1 \
             ORDER BY m.combination_id, m.table_id";
        let (settings, periods, exceptions, tables, members, payment) = on_pool!(self, pool => {
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
            let payment = sqlx::query_as::<_, super::payments::PolicyRow>(super::payments::POLICY_SQL)
                .bind(restaurant_id).fetch_optional(pool).await?;
            (settings, periods, exceptions, tables, members, payment)
        });
        let payment = payment.map_or_else(
            || Ok(domain::PaymentPolicy::default()),
            super::payments::PolicyRow::into_policy,
        )?;

        let mut rules = Rules::new(tz);
        let mut cancel_cutoff_minutes = 120;
        let mut email_confirmation = None;
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
            if let Some(from) = s.confirm_email_from_party {
                email_confirmation = Some(EmailConfirmation {
                    from_party: to_u32(from, "confirmation party")?,
                    hold_minutes: to_u32(s.confirm_hold_minutes, "confirmation hold")?,
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
        let table_labels = tables
            .iter()
            .map(|t| TableLabel {
                id: t.id,
                name: t.name.clone(),
                area: t.area.clone(),
            })
            .collect();
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
            table_labels,
            combinations,
            cancel_cutoff_minutes,
            payment,
            email_confirmation,
        })
    }
}

impl Store {
    /// Sets (or clears) the e-mail confirmation of large parties: from which
    /// size, and how long the table is held.
    pub async fn set_email_confirmation(
        &self,
        restaurant_id: i64,
        setting: Option<(u32, u32)>,
    ) -> Result<(), StoreError> {
        let (from, hold) = match setting {
            Some((from, hold)) => (Some(i64::from(from)), i64::from(hold)),
            None => (None, 30),
        };
        let sql = "UPDATE booking_settings SET confirm_email_from_party = $2, \
                   confirm_hold_minutes = $3 WHERE restaurant_id = $1";
        on_pool!(self, pool => sqlx::query(sql).bind(restaurant_id).bind(from).bind(hold)
            .execute(pool).await.map(drop))?;
        Ok(())
    }
}
