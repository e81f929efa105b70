//! Calendar arithmetic on `YYYY-MM-DD` / `YYYY-MM` strings, the way dates
//! cross the wire, and their translated display. Pure, so the server and
//! the browser lay the calendar out the same way (no date library in WASM).

use super::I18n;
use crate::i18n::*;

/// A calendar date, as parsed from `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Ymd {
    pub fn parse(raw: &str) -> Option<Self> {
        let mut parts = raw.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let (year, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then_some(Ymd { year, month, day })
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        weekday(self.year, self.month, self.day)
    }

    pub fn month(self) -> Month {
        Month {
            year: self.year,
            month: self.month,
        }
    }
}

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A month, as parsed from `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn parse(raw: &str) -> Option<Self> {
        let (y, m) = raw.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// Weekday of the 1st (0 = Monday).
    pub fn first_weekday(self) -> u32 {
        weekday(self.year, self.month, 1)
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Sakamoto's method; 0 = Monday … 6 = Sunday.
fn weekday(year: i32, month: u32, day: u32) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_based = (y + y.div_euclid(4) - y.div_euclid(100)
        + y.div_euclid(400)
        + T[month as usize - 1]
        + day as i32)
        .rem_euclid(7);
    ((sunday_based + 6) % 7) as u32
}

/// The weekday name as used inside a sentence ("mardi", "Tuesday").
pub fn weekday_name(i18n: I18n, weekday: u32) -> &'static str {
    match weekday {
        0 => t_string!(i18n, date.weekday.monday),
        1 => t_string!(i18n, date.weekday.tuesday),
        2 => t_string!(i18n, date.weekday.wednesday),
        3 => t_string!(i18n, date.weekday.thursday),
        4 => t_string!(i18n, date.weekday.friday),
        5 => t_string!(i18n, date.weekday.saturday),
        _ => t_string!(i18n, date.weekday.sunday),
    }
}

/// The short weekday name of a calendar's column header.
pub fn weekday_short(i18n: I18n, weekday: u32) -> &'static str {
    match weekday {
        0 => t_string!(i18n, date.short.monday),
        1 => t_string!(i18n, date.short.tuesday),
        2 => t_string!(i18n, date.short.wednesday),
        3 => t_string!(i18n, date.short.thursday),
        4 => t_string!(i18n, date.short.friday),
        5 => t_string!(i18n, date.short.saturday),
        _ => t_string!(i18n, date.short.sunday),
    }
}

pub fn month_name(i18n: I18n, month: u32) -> &'static str {
    match month {
        1 => t_string!(i18n, date.month.january),
        2 => t_string!(i18n, date.month.february),
        3 => t_string!(i18n, date.month.march),
        4 => t_string!(i18n, date.month.april),
        5 => t_string!(i18n, date.month.may),
        6 => t_string!(i18n, date.month.june),
        7 => t_string!(i18n, date.month.july),
        8 => t_string!(i18n, date.month.august),
        9 => t_string!(i18n, date.month.september),
        10 => t_string!(i18n, date.month.october),
        11 => t_string!(i18n, date.month.november),
        _ => t_string!(i18n, date.month.december),
    }
}

/// "mardi 1 décembre 2026" / "Tuesday 1 December 2026"; the raw text when
/// it is not a date.
pub fn long_date(i18n: I18n, raw: &str) -> String {
    match Ymd::parse(raw) {
        Some(d) => t_string!(
            i18n,
            date.long,
            weekday = weekday_name(i18n, d.weekday()),
            day = d.day,
            month = month_name(i18n, d.month),
            year = d.year
        )
        .to_string(),
        None => raw.to_owned(),
    }
}

/// "décembre 2026" / "December 2026".
pub fn month_title(i18n: I18n, month: Month) -> String {
    t_string!(
        i18n,
        date.month_year,
        month = month_name(i18n, month.month),
        year = month.year
    )
    .to_string()
}

/// Whether `raw` is an `HH:MM` time.
pub fn is_time(raw: &str) -> bool {
    let b = raw.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && raw[..2].parse::<u32>().is_ok_and(|h| h < 24)
        && raw[3..].parse::<u32>().is_ok_and(|m| m < 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_dates() {
        let d = Ymd::parse("2026-12-01").unwrap();
        assert_eq!((d.year, d.month, d.day), (2026, 12, 1));
        assert_eq!(d.to_string(), "2026-12-01");
        assert_eq!(Ymd::parse("2026-02-29"), None);
        assert!(Ymd::parse("2028-02-29").is_some());
        assert_eq!(Ymd::parse("2026-13-01"), None);
        assert_eq!(Ymd::parse("tomorrow"), None);
        assert_eq!(Ymd::parse("2026-1-01"), None);
    }

    #[test]
    fn weekdays_are_monday_based() {
        // 1 December 2026 is a Tuesday; 1 January 2000 a Saturday.
        assert_eq!(Ymd::parse("2026-12-01").unwrap().weekday(), 1);
        assert_eq!(Ymd::parse("2000-01-01").unwrap().weekday(), 5);
        assert_eq!(Ymd::parse("2026-11-30").unwrap().weekday(), 0);
        assert_eq!(Ymd::parse("2027-02-28").unwrap().weekday(), 6);
    }

    #[test]
    fn months() {
        let m = Month::parse("2026-12").unwrap();
        assert_eq!(m.to_string(), "2026-12");
        assert_eq!(m.first_weekday(), 1);
        assert_eq!(Ymd::parse("2026-12-31").unwrap().month(), m);
        assert_eq!(days_in_month(2027, 2), 28);
        assert_eq!(days_in_month(2028, 2), 29);
        assert_eq!(Month::parse("2026-00"), None);
        assert_eq!(Month::parse("2026-1"), None);
    }

    #[test]
    fn times() {
        assert!(is_time("19:30"));
        assert!(!is_time("24:00"));
        assert!(!is_time("9:30"));
        assert!(!is_time("19h30"));
    }
}
