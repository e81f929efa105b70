//! The translated display of dates. The dates themselves are the domain's
//! `Date` and `Month` (`YYYY-MM-DD` / `YYYY-MM` on the wire, calendar
//! arithmetic included), so the server and the browser lay the calendar out
//! the same way (no date library in WASM).

use super::I18n;
use crate::i18n::*;
use domain::{Date, Month, Weekday};

/// The weekday name as used inside a sentence ("mardi", "Tuesday").
pub fn weekday_name(i18n: I18n, weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => t_string!(i18n, date.weekday.monday),
        Weekday::Tuesday => t_string!(i18n, date.weekday.tuesday),
        Weekday::Wednesday => t_string!(i18n, date.weekday.wednesday),
        Weekday::Thursday => t_string!(i18n, date.weekday.thursday),
        Weekday::Friday => t_string!(i18n, date.weekday.friday),
        Weekday::Saturday => t_string!(i18n, date.weekday.saturday),
        Weekday::Sunday => t_string!(i18n, date.weekday.sunday),
    }
}

/// The short weekday name of a calendar's column header.
pub fn weekday_short(i18n: I18n, weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => t_string!(i18n, date.short.monday),
        Weekday::Tuesday => t_string!(i18n, date.short.tuesday),
        Weekday::Wednesday => t_string!(i18n, date.short.wednesday),
        Weekday::Thursday => t_string!(i18n, date.short.thursday),
        Weekday::Friday => t_string!(i18n, date.short.friday),
        Weekday::Saturday => t_string!(i18n, date.short.saturday),
        Weekday::Sunday => t_string!(i18n, date.short.sunday),
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
    match Date::parse(raw) {
        Ok(d) => t_string!(
            i18n,
            date.long,
            weekday = weekday_name(i18n, d.weekday()),
            day = d.day(),
            month = month_name(i18n, d.month()),
            year = d.year()
        )
        .to_string(),
        Err(_) => raw.to_owned(),
    }
}

/// "lun. 7 décembre" / "Mon 7 December" (a table's dates); the raw text when it is
/// not a date.
pub fn short_date(i18n: I18n, raw: &str) -> String {
    match Date::parse(raw) {
        Ok(d) => format!(
            "{} {} {}",
            weekday_short(i18n, d.weekday()),
            d.day(),
            month_name(i18n, d.month())
        ),
        Err(_) => raw.to_owned(),
    }
}

/// "décembre 2026" / "December 2026".
pub fn month_title(i18n: I18n, month: Month) -> String {
    t_string!(
        i18n,
        date.month_year,
        month = month_name(i18n, month.month()),
        year = month.year()
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
    fn times() {
        assert!(is_time("19:30"));
        assert!(!is_time("24:00"));
        assert!(!is_time("9:30"));
        assert!(!is_time("19h30"));
    }
}
