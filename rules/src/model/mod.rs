//! The inputs of the booking rules: service periods, exceptions, booking
//! window, turn times, tables and existing bookings.
//!
//! `hours` (service periods and exceptions), `window` (the booking window
//! and turn times) and `tables` (tables, combinations, bookings holding
//! them); `Rules` gathers the first two.

mod hours;
mod tables;
mod window;

pub use hours::{Exception, PeriodHours, ServiceKind, ServicePeriod};
pub use tables::{Combination, ExistingBooking, Table};
pub use window::{BookingWindow, TurnTimes};

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
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
        periods.sort_by_key(|p| (p.first_seating(), p.kind()));
        periods
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveTime, Weekday};
    use domain::TimeOfDay;

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
