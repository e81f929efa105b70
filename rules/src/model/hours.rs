//! Service periods (seatings, closing time, pacing) and the exceptions
//! that replace them on given dates.

use super::{RulesError, MINUTES_PER_DAY};
use chrono::{NaiveDate, NaiveTime, Timelike, Weekday};
use domain::TimeOfDay;
use serde::{Deserialize, Serialize};

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
