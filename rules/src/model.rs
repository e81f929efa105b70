//! The inputs of the booking rules: service periods, exceptions, booking
//! window, turn times, tables and existing bookings.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use domain::TimeOfDay;
use serde::{Deserialize, Serialize};

/// Minutes in a day; the upper bound for slot intervals and turn times.
const MINUTES_PER_DAY: u32 = 24 * 60;

/// Why a rules value was rejected by its constructor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    /// The last seating is before the first one (periods cannot cross midnight).
    #[error("the last seating must not be before the first seating")]
    LastBeforeFirst,
    /// The slot interval is 0 or longer than a day.
    #[error("the slot interval must be between 1 and 1440 minutes")]
    Interval,
    /// The service closes before its last seating.
    #[error("a service must not close before its last seating")]
    ClosesBeforeLastSeating,
    /// The pacing limit is 0 (use exceptions to close a period instead).
    #[error("the maximum number of covers per slot must be at least 1")]
    Pacing,
    /// A closed range ends before it starts.
    #[error("a closed range must not end before it starts")]
    EmptyRange,
    /// `min_party` is 0 or greater than `max_party_online`.
    #[error("the minimum party size must be at least 1 and at most the maximum online party size")]
    PartyBounds,
    /// Turn-time bands are not strictly increasing, or a duration is out of range.
    #[error(
        "turn times must have strictly increasing party bounds and durations of 1 to 1440 minutes"
    )]
    TurnTimes,
}

/// The name of a service: the domain's one kind, shared with the pages.
pub use domain::ServiceKind;

/// The seatings of one service: from `first_seating` every
/// `slot_interval_minutes` up to and including `last_seating` (the last slot
/// is the last step that does not pass `last_seating`). A service cannot cross
/// midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPeriodHours")]
pub struct PeriodHours {
    kind: ServiceKind,
    first_seating: NaiveTime,
    last_seating: NaiveTime,
    slot_interval_minutes: u32,
    max_covers_per_slot: Option<u32>,
    /// When the service ends (the kitchen closes), for display; `24:00`
    /// is midnight. Not stated: the last seating.
    closes: Option<TimeOfDay>,
}

#[derive(Deserialize)]
struct RawPeriodHours {
    kind: ServiceKind,
    first_seating: NaiveTime,
    last_seating: NaiveTime,
    #[serde(default = "default_interval")]
    slot_interval_minutes: u32,
    #[serde(default)]
    max_covers_per_slot: Option<u32>,
    #[serde(default)]
    closes: Option<TimeOfDay>,
}

fn default_interval() -> u32 {
    PeriodHours::DEFAULT_INTERVAL_MINUTES
}

impl TryFrom<RawPeriodHours> for PeriodHours {
    type Error = RulesError;
    fn try_from(raw: RawPeriodHours) -> Result<Self, RulesError> {
        let mut hours = PeriodHours::new(raw.kind, raw.first_seating, raw.last_seating)?
            .with_interval(raw.slot_interval_minutes)?;
        if let Some(closes) = raw.closes {
            hours = hours.with_closing(closes)?;
        }
        match raw.max_covers_per_slot {
            Some(max) => hours.with_pacing(max),
            None => Ok(hours),
        }
    }
}

impl PeriodHours {
    /// Slot interval used by [`PeriodHours::new`].
    pub const DEFAULT_INTERVAL_MINUTES: u32 = 15;

    /// Seatings every 15 minutes, no pacing limit.
    pub fn new(
        kind: ServiceKind,
        first_seating: NaiveTime,
        last_seating: NaiveTime,
    ) -> Result<Self, RulesError> {
        if last_seating < first_seating {
            return Err(RulesError::LastBeforeFirst);
        }
        Ok(PeriodHours {
            kind,
            first_seating,
            last_seating,
            slot_interval_minutes: Self::DEFAULT_INTERVAL_MINUTES,
            max_covers_per_slot: None,
            closes: None,
        })
    }

    /// The same period with its closing time (not before the last seating).
    pub fn with_closing(mut self, closes: TimeOfDay) -> Result<Self, RulesError> {
        if closes < time_of_day(self.last_seating) {
            return Err(RulesError::ClosesBeforeLastSeating);
        }
        self.closes = Some(closes);
        Ok(self)
    }

    /// The opening hours shown to guests: from the first seating to the
    /// closing time (or the last seating when none is stated).
    pub fn display(&self) -> Option<domain::ServicePeriod> {
        let opens = time_of_day(self.first_seating);
        let closes = self.closes.unwrap_or(time_of_day(self.last_seating));
        domain::ServicePeriod::parse(self.kind, opens, closes).ok()
    }

    /// The same period with another slot interval (1 to 1440 minutes).
    pub fn with_interval(mut self, minutes: u32) -> Result<Self, RulesError> {
        if minutes == 0 || minutes > MINUTES_PER_DAY {
            return Err(RulesError::Interval);
        }
        self.slot_interval_minutes = minutes;
        Ok(self)
    }

    /// The same period with a pacing limit: at most `max_covers` guests may
    /// start their meal within one slot.
    pub fn with_pacing(mut self, max_covers: u32) -> Result<Self, RulesError> {
        if max_covers == 0 {
            return Err(RulesError::Pacing);
        }
        self.max_covers_per_slot = Some(max_covers);
        Ok(self)
    }

    pub fn kind(&self) -> ServiceKind {
        self.kind
    }

    pub fn first_seating(&self) -> NaiveTime {
        self.first_seating
    }

    pub fn last_seating(&self) -> NaiveTime {
        self.last_seating
    }

    pub fn slot_interval_minutes(&self) -> u32 {
        self.slot_interval_minutes
    }

    /// The pacing limit, if any.
    pub fn max_covers_per_slot(&self) -> Option<u32> {
        self.max_covers_per_slot
    }

    /// Whether `time` lies within `first_seating..=last_seating`.
    pub fn contains(&self, time: NaiveTime) -> bool {
        (self.first_seating..=self.last_seating).contains(&time)
    }

    /// The local slot times, in order.
    pub fn seatings(&self) -> impl Iterator<Item = NaiveTime> + '_ {
        let first = self.first_seating.num_seconds_from_midnight();
        let last = self.last_seating.num_seconds_from_midnight();
        let step = self.slot_interval_minutes as usize * 60;
        let nanos = self.first_seating.nanosecond();
        (first..=last)
            .step_by(step)
            .filter_map(move |secs| NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos))
    }
}

/// A weekly service: the seatings of `hours` every `weekday`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePeriod {
    pub weekday: Weekday,
    pub hours: PeriodHours,
}

impl ServicePeriod {
    pub fn new(weekday: Weekday, hours: PeriodHours) -> Self {
        ServicePeriod { weekday, hours }
    }

    /// The weekday and hours shown to guests (the one model of opening
    /// hours, projected for display).
    pub fn display(&self) -> Option<(domain::Weekday, domain::ServicePeriod)> {
        let day = domain::Weekday::from_index(i64::from(self.weekday.num_days_from_monday()))?;
        Some((day, self.hours.display()?))
    }
}

/// A clock time as the domain's time of day (minute precision).
fn time_of_day(t: NaiveTime) -> TimeOfDay {
    TimeOfDay::from_minutes(i64::from(t.num_seconds_from_midnight() / 60))
        .unwrap_or(TimeOfDay::MIDNIGHT)
}

/// A departure from the weekly periods on given dates.
///
/// `Closed` wins over `SpecialHours`; several `SpecialHours` on the same date
/// add up. A `Closed` range with `from > to` covers no date (use
/// [`Exception::closed`] to reject it up front).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Exception {
    /// Closed every date of `from..=to` (holidays, private events).
    Closed { from: NaiveDate, to: NaiveDate },
    /// These periods replace the weekly ones on `date`; empty means closed.
    SpecialHours {
        date: NaiveDate,
        periods: Vec<PeriodHours>,
    },
}

impl Exception {
    /// A blackout over `from..=to`, rejecting an inverted range.
    pub fn closed(from: NaiveDate, to: NaiveDate) -> Result<Self, RulesError> {
        if to < from {
            return Err(RulesError::EmptyRange);
        }
        Ok(Exception::Closed { from, to })
    }
}

/// How early, how far ahead and for how many guests one may book online.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawBookingWindow")]
pub struct BookingWindow {
    min_notice_minutes: u32,
    max_advance_days: u32,
    min_party: u32,
    max_party_online: u32,
}

#[derive(Deserialize)]
struct RawBookingWindow {
    min_notice_minutes: u32,
    max_advance_days: u32,
    min_party: u32,
    max_party_online: u32,
}

impl TryFrom<RawBookingWindow> for BookingWindow {
    type Error = RulesError;
    fn try_from(raw: RawBookingWindow) -> Result<Self, RulesError> {
        BookingWindow::new(
            raw.min_notice_minutes,
            raw.max_advance_days,
            raw.min_party,
            raw.max_party_online,
        )
    }
}

impl Default for BookingWindow {
    /// 2 hours' notice, 60 days ahead, parties of 1 to 8.
    fn default() -> Self {
        BookingWindow {
            min_notice_minutes: 120,
            max_advance_days: 60,
            min_party: 1,
            max_party_online: 8,
        }
    }
}

impl BookingWindow {
    /// Requires `1 <= min_party <= max_party_online`.
    pub fn new(
        min_notice_minutes: u32,
        max_advance_days: u32,
        min_party: u32,
        max_party_online: u32,
    ) -> Result<Self, RulesError> {
        if min_party == 0 || min_party > max_party_online {
            return Err(RulesError::PartyBounds);
        }
        Ok(BookingWindow {
            min_notice_minutes,
            max_advance_days,
            min_party,
            max_party_online,
        })
    }

    /// A slot must start at least this long after `now`.
    pub fn min_notice_minutes(&self) -> u32 {
        self.min_notice_minutes
    }

    /// The last bookable date is the restaurant's local date of `now` plus this.
    pub fn max_advance_days(&self) -> u32 {
        self.max_advance_days
    }

    pub fn min_party(&self) -> u32 {
        self.min_party
    }

    /// Larger parties must call the restaurant.
    pub fn max_party_online(&self) -> u32 {
        self.max_party_online
    }

    /// Whether a party of this size may book online.
    pub fn accepts_party(&self, party: u32) -> bool {
        (self.min_party..=self.max_party_online).contains(&party)
    }
}

/// How long a table is held, by party size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawTurnTimes")]
pub struct TurnTimes {
    /// `(largest party, minutes)`, largest party strictly increasing.
    bands: Vec<(u32, u32)>,
    /// Minutes for parties larger than every band.
    larger: u32,
}

#[derive(Deserialize)]
struct RawTurnTimes {
    bands: Vec<(u32, u32)>,
    larger: u32,
}

impl TryFrom<RawTurnTimes> for TurnTimes {
    type Error = RulesError;
    fn try_from(raw: RawTurnTimes) -> Result<Self, RulesError> {
        TurnTimes::new(raw.bands, raw.larger)
    }
}

impl Default for TurnTimes {
    /// 1–2 guests: 90 min, 3–4: 105, 5–6: 120, 7 and more: 150.
    fn default() -> Self {
        TurnTimes {
            bands: vec![(2, 90), (4, 105), (6, 120)],
            larger: 150,
        }
    }
}

impl TurnTimes {
    /// `bands` are `(largest party, minutes)` pairs with strictly increasing
    /// party bounds; `larger` applies above the last band. Durations must be
    /// 1 to 1440 minutes.
    pub fn new(bands: Vec<(u32, u32)>, larger: u32) -> Result<Self, RulesError> {
        let valid_minutes = |m: u32| (1..=MINUTES_PER_DAY).contains(&m);
        let increasing = bands.windows(2).all(|w| w[0].0 < w[1].0);
        if !increasing || !valid_minutes(larger) || !bands.iter().all(|&(_, m)| valid_minutes(m)) {
            return Err(RulesError::TurnTimes);
        }
        Ok(TurnTimes { bands, larger })
    }

    /// The same duration for every party.
    pub fn uniform(minutes: u32) -> Result<Self, RulesError> {
        TurnTimes::new(Vec::new(), minutes)
    }

    /// Minutes a party of this size holds its table.
    pub fn minutes_for(&self, party: u32) -> u32 {
        self.bands
            .iter()
            .find(|&&(up_to, _)| party <= up_to)
            .map_or(self.larger, |&(_, minutes)| minutes)
    }

    /// The longest duration of any party.
    pub fn max_minutes(&self) -> u32 {
        self.bands
            .iter()
            .map(|&(_, m)| m)
            .fold(self.larger, u32::max)
    }
}

/// Everything that decides availability, apart from tables and bookings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rules {
    /// The restaurant's zone: service hours are local times in it.
    pub time_zone: Tz,
    pub periods: Vec<ServicePeriod>,
    pub exceptions: Vec<Exception>,
    pub window: BookingWindow,
    pub turn_times: TurnTimes,
}

impl Rules {
    /// No periods, no exceptions, default window and turn times.
    pub fn new(time_zone: Tz) -> Self {
        Rules {
            time_zone,
            periods: Vec::new(),
            exceptions: Vec::new(),
            window: BookingWindow::default(),
            turn_times: TurnTimes::default(),
        }
    }

    /// The periods in force on `date`, ordered by first seating; empty when
    /// the restaurant is closed that day.
    pub fn periods_on(&self, date: NaiveDate) -> Vec<PeriodHours> {
        let closed = self
            .exceptions
            .iter()
            .any(|e| matches!(e, Exception::Closed { from, to } if (*from..=*to).contains(&date)));
        if closed {
            return Vec::new();
        }
        let mut special = self
            .exceptions
            .iter()
            .filter_map(|e| match e {
                Exception::SpecialHours { date: d, periods } if *d == date => Some(periods),
                _ => None,
            })
            .peekable();
        let mut periods: Vec<PeriodHours> = if special.peek().is_some() {
            special.flatten().copied().collect()
        } else {
            let weekday = date.weekday();
            self.periods
                .iter()
                .filter(|p| p.weekday == weekday)
                .map(|p| p.hours)
                .collect()
        };
        periods.sort_by_key(|p| (p.first_seating, p.kind));
        periods
    }
}

/// A table of the dining room.
///
/// A table whose `min_seats > max_seats` fits no party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub id: i64,
    /// The smallest party it may be given to.
    pub min_seats: u32,
    pub max_seats: u32,
    /// Offline tables are kept for walk-ins and phone bookings.
    pub bookable_online: bool,
    pub active: bool,
}

/// Tables that may be pushed together for a larger party.
///
/// Its capacity is the sum of its tables' `max_seats`; its minimum is the
/// *largest* of their `min_seats` (not the sum): a combination is only tried
/// when no single table fits, and the minimum is there to keep small parties
/// off big tables, not to refuse a party that physically fits. It is usable
/// only when it lists at least one table, no table twice, and every table
/// exists, is active and bookable online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Combination {
    pub id: i64,
    pub table_ids: Vec<i64>,
}

/// An active booking, holding its tables over `start..end` (half-open,
/// `start < end` expected). Cancelled or finished bookings are not passed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingBooking {
    pub id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub party_size: u32,
    pub table_ids: Vec<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn opening_hours_are_the_service_periods_projected_for_display() {
        let hours = PeriodHours::new(ServiceKind::Dinner, t(19, 0), t(22, 0)).unwrap();
        let tod = |s: &str| TimeOfDay::parse(s).unwrap();
        // Without a closing time, the last seating is shown.
        let shown = hours.display().unwrap();
        assert_eq!((shown.opens, shown.closes), (tod("19:00"), tod("22:00")));
        let late = hours.with_closing(TimeOfDay::END_OF_DAY).unwrap();
        let (day, shown) = ServicePeriod::new(Weekday::Sun, late).display().unwrap();
        assert_eq!(day, domain::Weekday::Sunday);
        assert_eq!(
            (shown.kind, shown.closes),
            (ServiceKind::Dinner, TimeOfDay::END_OF_DAY)
        );
        assert_eq!(
            hours.with_closing(tod("21:59")),
            Err(RulesError::ClosesBeforeLastSeating)
        );
    }

    #[test]
    fn seatings_include_last_seating() {
        let p = PeriodHours::new(ServiceKind::Dinner, t(19, 0), t(20, 0)).unwrap();
        let got: Vec<_> = p.seatings().collect();
        assert_eq!(got, [t(19, 0), t(19, 15), t(19, 30), t(19, 45), t(20, 0)]);
    }

    #[test]
    fn seatings_stop_before_passing_last_seating() {
        let p = PeriodHours::new(ServiceKind::Lunch, t(12, 0), t(13, 0))
            .unwrap()
            .with_interval(25)
            .unwrap();
        let got: Vec<_> = p.seatings().collect();
        assert_eq!(got, [t(12, 0), t(12, 25), t(12, 50)]);
    }

    #[test]
    fn single_seating_period() {
        let p = PeriodHours::new(ServiceKind::Lunch, t(12, 0), t(12, 0)).unwrap();
        assert_eq!(p.seatings().collect::<Vec<_>>(), [t(12, 0)]);
    }

    #[test]
    fn constructors_reject_invalid_values() {
        assert_eq!(
            PeriodHours::new(ServiceKind::Lunch, t(13, 0), t(12, 0)),
            Err(RulesError::LastBeforeFirst)
        );
        let p = PeriodHours::new(ServiceKind::Lunch, t(12, 0), t(13, 0)).unwrap();
        assert_eq!(p.with_interval(0), Err(RulesError::Interval));
        assert_eq!(p.with_interval(1441), Err(RulesError::Interval));
        assert_eq!(p.with_pacing(0), Err(RulesError::Pacing));
        let d = NaiveDate::from_ymd_opt(2026, 5, 2).unwrap();
        assert_eq!(
            Exception::closed(d, d.pred_opt().unwrap()),
            Err(RulesError::EmptyRange)
        );
        assert_eq!(
            BookingWindow::new(0, 60, 0, 8),
            Err(RulesError::PartyBounds)
        );
        assert_eq!(
            BookingWindow::new(0, 60, 9, 8),
            Err(RulesError::PartyBounds)
        );
        assert_eq!(
            TurnTimes::new(vec![(4, 90), (2, 60)], 120),
            Err(RulesError::TurnTimes)
        );
        assert_eq!(TurnTimes::uniform(0), Err(RulesError::TurnTimes));
    }

    #[test]
    fn default_turn_times_by_party() {
        let turns = TurnTimes::default();
        let got: Vec<_> = (1..=9).map(|p| turns.minutes_for(p)).collect();
        assert_eq!(got, [90, 90, 105, 105, 120, 120, 150, 150, 150]);
        assert_eq!(turns.max_minutes(), 150);
    }

    #[test]
    fn deserialization_validates() {
        let ok: PeriodHours = serde_json::from_str(
            r#"{"kind":"dinner","first_seating":"19:00:00","last_seating":"21:30:00"}"#,
        )
        .unwrap();
        assert_eq!(ok.slot_interval_minutes(), 15);
        let bad = serde_json::from_str::<PeriodHours>(
            r#"{"kind":"dinner","first_seating":"21:00:00","last_seating":"19:00:00"}"#,
        );
        assert!(bad.is_err());
        let bad = serde_json::from_str::<BookingWindow>(
            r#"{"min_notice_minutes":0,"max_advance_days":1,"min_party":3,"max_party_online":2}"#,
        );
        assert!(bad.is_err());
    }

    #[test]
    fn special_hours_replace_weekly_periods_and_closed_wins() {
        let mut rules = Rules::new(chrono_tz::Europe::Paris);
        let dinner = PeriodHours::new(ServiceKind::Dinner, t(19, 0), t(21, 0)).unwrap();
        let lunch = PeriodHours::new(ServiceKind::Lunch, t(12, 0), t(13, 0)).unwrap();
        rules.periods = vec![
            ServicePeriod::new(Weekday::Sat, dinner),
            ServicePeriod::new(Weekday::Sat, lunch),
        ];
        let sat = NaiveDate::from_ymd_opt(2026, 5, 2).unwrap();
        assert_eq!(rules.periods_on(sat), [lunch, dinner]);
        assert!(rules.periods_on(sat.succ_opt().unwrap()).is_empty());

        rules.exceptions.push(Exception::SpecialHours {
            date: sat,
            periods: vec![lunch],
        });
        assert_eq!(rules.periods_on(sat), [lunch]);

        rules.exceptions.push(Exception::closed(sat, sat).unwrap());
        assert!(rules.periods_on(sat).is_empty());
    }
}
