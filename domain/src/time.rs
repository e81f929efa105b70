//! Wall-clock values in the restaurant's own time zone.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A time of day with minute precision, `00:00` to `24:00` inclusive
/// (`24:00` closes a period that ends at midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeOfDay(u16);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    #[error("expected a time as HH:MM")]
    Format,
    #[error("time out of range")]
    Range,
}

impl TimeOfDay {
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(24 * 60);

    /// Minutes since midnight, `0..=1440`.
    pub fn from_minutes(minutes: i64) -> Result<Self, TimeError> {
        if (0..=24 * 60).contains(&minutes) {
            Ok(TimeOfDay(minutes as u16))
        } else {
            Err(TimeError::Range)
        }
    }

    pub fn from_hm(hour: u8, minute: u8) -> Result<Self, TimeError> {
        if minute >= 60 || hour > 24 || (hour == 24 && minute != 0) {
            return Err(TimeError::Range);
        }
        Ok(TimeOfDay(hour as u16 * 60 + minute as u16))
    }

    /// Parses `HH:MM` (24-hour clock).
    pub fn parse(s: &str) -> Result<Self, TimeError> {
        let (h, m) = s.trim().split_once(':').ok_or(TimeError::Format)?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return Err(TimeError::Format);
        }
        let hour: u8 = h.parse().map_err(|_| TimeError::Format)?;
        let minute: u8 = m.parse().map_err(|_| TimeError::Format)?;
        Self::from_hm(hour, minute)
    }

    pub fn minutes(self) -> u16 {
        self.0
    }
    pub fn hour(self) -> u8 {
        (self.0 / 60) as u8
    }
    pub fn minute(self) -> u8 {
        (self.0 % 60) as u8
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl TryFrom<String> for TimeOfDay {
    type Error = TimeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<TimeOfDay> for String {
    fn from(value: TimeOfDay) -> Self {
        value.to_string()
    }
}

/// A calendar date (proleptic Gregorian), `YYYY-MM-DD` on the wire. Years
/// are limited to 1900–2200: enough for any booking or report, and date
/// arithmetic on them can never overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected a date as YYYY-MM-DD")]
    Format,
    #[error("date out of range")]
    Range,
}

impl Date {
    pub const MIN_YEAR: u16 = 1900;
    pub const MAX_YEAR: u16 = 2200;

    pub fn from_ymd(year: i32, month: u32, day: u32) -> Result<Self, DateError> {
        let year = u16::try_from(year).map_err(|_| DateError::Range)?;
        if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::Range);
        }
        let month = month as u8;
        if day == 0 || day > u32::from(days_in_month(year, month)) {
            return Err(DateError::Range);
        }
        Ok(Date {
            year,
            month,
            day: day as u8,
        })
    }

    /// Parses `YYYY-MM-DD` (exactly four, two and two digits).
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !digits(0..4)
            || !digits(5..7)
            || !digits(8..10)
        {
            return Err(DateError::Format);
        }
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().map_err(|_| DateError::Format);
        Self::from_ymd(n(0..4)? as i32, n(5..7)?, n(8..10)?)
    }

    pub fn year(self) -> i32 {
        i32::from(self.year)
    }
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }
    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// The day of the week (Sakamoto's method).
    pub fn weekday(self) -> Weekday {
        weekday_of(
            i32::from(self.year),
            u32::from(self.month),
            u32::from(self.day),
        )
    }

    /// The month this date is in.
    pub fn month_of(self) -> Month {
        Month {
            year: self.year,
            month: self.month,
        }
    }
}

/// A calendar month, `YYYY-MM` on the wire (years as for [`Date`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Month {
    year: u16,
    month: u8,
}

impl Month {
    /// Parses `YYYY-MM` (exactly four and two digits).
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 7
            || b[4] != b'-'
            || !b
                .iter()
                .enumerate()
                .all(|(i, c)| i == 4 || c.is_ascii_digit())
        {
            return Err(DateError::Format);
        }
        let year: u16 = s[..4].parse().map_err(|_| DateError::Format)?;
        let month: u8 = s[5..].parse().map_err(|_| DateError::Format)?;
        if !(Date::MIN_YEAR..=Date::MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::Range);
        }
        Ok(Month { year, month })
    }

    pub fn year(self) -> i32 {
        i32::from(self.year)
    }
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// How many days it has.
    pub fn days(self) -> u32 {
        u32::from(days_in_month(self.year, self.month))
    }

    /// The day of the week of its 1st.
    pub fn first_weekday(self) -> Weekday {
        weekday_of(self.year(), self.month(), 1)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for Month {
    type Error = DateError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Month> for String {
    fn from(value: Month) -> Self {
        value.to_string()
    }
}

/// Sakamoto's method.
fn weekday_of(year: i32, month: u32, day: u32) -> Weekday {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_based = (y + y.div_euclid(4) - y.div_euclid(100)
        + y.div_euclid(400)
        + T[(month as usize).clamp(1, 12) - 1]
        + day as i32)
        .rem_euclid(7);
    Weekday::ALL[((sunday_based + 6) % 7) as usize]
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = DateError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Date> for String {
    fn from(value: Date) -> Self {
        value.to_string()
    }
}

/// Day of the week, ISO order (Monday = 0 … Sunday = 6), as stored in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// From the ISO index stored in the database (Monday = 0).
    pub fn from_index(index: i64) -> Option<Self> {
        usize::try_from(index)
            .ok()
            .and_then(|i| Self::ALL.get(i).copied())
    }

    pub fn index(self) -> u8 {
        self as u8
    }

    /// Its English name in lower case, as on the wire (`monday` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_valid_times() {
        assert_eq!(TimeOfDay::parse("12:00").unwrap().minutes(), 720);
        assert_eq!(TimeOfDay::parse("9:05").unwrap().to_string(), "09:05");
        assert_eq!(TimeOfDay::parse("24:00").unwrap(), TimeOfDay::END_OF_DAY);
    }

    #[test]
    fn rejects_invalid_times() {
        for bad in [
            "", "12", "12:0", "25:00", "24:01", "12:60", "ab:cd", "-1:00", "123:00",
        ] {
            assert!(TimeOfDay::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn serde_uses_hh_mm() {
        let t = TimeOfDay::from_hm(19, 30).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"19:30\"");
        assert!(serde_json::from_str::<TimeOfDay>("\"19:99\"").is_err());
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(Date::parse("2028-02-29").unwrap().to_string(), "2028-02-29");
        assert_eq!(Date::parse(" 2026-12-01 ").unwrap().day(), 1);
        for bad in [
            "",
            "2026-1-01",
            "2026-13-01",
            "2026-02-29",
            "1900-02-29",
            "+262143-12-31",
            "2201-01-01",
            "1899-12-31",
            "2026-00-10",
            "2026-04-31",
            "２０２６-01-01",
            "2026/01/01",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(Date::parse("2000-02-29").unwrap().month(), 2);
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }

    #[test]
    fn weekdays_and_months() {
        let d = |s: &str| Date::parse(s).unwrap();
        // 1 December 2026 is a Tuesday; 1 January 2000 a Saturday.
        assert_eq!(d("2026-12-01").weekday(), Weekday::Tuesday);
        assert_eq!(d("2000-01-01").weekday(), Weekday::Saturday);
        assert_eq!(d("2026-11-30").weekday(), Weekday::Monday);
        assert_eq!(d("2027-02-28").weekday(), Weekday::Sunday);
        let m = Month::parse("2026-12").unwrap();
        assert_eq!(m.to_string(), "2026-12");
        assert_eq!(m.first_weekday(), Weekday::Tuesday);
        assert_eq!(d("2026-12-31").month_of(), m);
        assert_eq!(Month::parse("2027-02").unwrap().days(), 28);
        assert_eq!(Month::parse("2028-02").unwrap().days(), 29);
        for bad in [
            "2026-00", "2026-1", "2026-13", "1899-12", "26-12", "2026/12",
        ] {
            assert!(Month::parse(bad).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn dates_round_trip(y in 1900i32..=2200, m in 1u32..=12, d in 1u32..=31) {
            match Date::from_ymd(y, m, d) {
                Ok(date) => prop_assert_eq!(Date::parse(&date.to_string()).unwrap(), date),
                Err(_) => prop_assert!(d > 28),
            }
        }
    }

    #[test]
    fn weekday_index_round_trips() {
        for d in Weekday::ALL {
            assert_eq!(Weekday::from_index(d.index() as i64), Some(d));
        }
        assert_eq!(Weekday::from_index(7), None);
        assert_eq!(Weekday::from_index(-1), None);
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(m in 0i64..=1440) {
            let t = TimeOfDay::from_minutes(m).unwrap();
            prop_assert_eq!(TimeOfDay::parse(&t.to_string()).unwrap(), t);
        }
    }
}
