//! Booking: availability, making a reservation, and the guest's own changes
//! through the manage token. The web layer (server functions and the JSON
//! API) calls only these.
//!
//! Every function takes `now` instead of reading the clock, so tests can
//! pick the instant.

//!
//! The module is cut along its seams: `context` (the restaurant's setup
//! loaded once per request, and the views made from it), `availability`,
//! `book`, `guest` (by manage token), `staff` (by reference, for a signed-in
//! guest or staff), `host` (the host stand: a day's bookings and their statuses), `change` (the booking transactions that modify or cancel)
//! and `tokens`.

mod availability;
mod book;
mod change;
mod context;
mod guest;
mod guests;
mod host;
mod list;
mod payments;
mod shift;
mod staff;
mod tokens;

pub use availability::{
    day_availability, month_availability, next_free, policy, set_email_confirmation,
};
pub use book::{book, release_unconfirmed};
pub use change::{EMAIL_CHANGES_PER_DAY, EMAIL_CHANGE_VALID};
pub use guest::{
    by_token, calendar_file, cancel, find_by_reference, modify, use_email_proof,
    TOKEN_LIFE_AFTER_END,
};
pub use guests::{guest_profile, search_guests, set_guest_notes};
pub use host::{
    add_note, calendar, cancel_with_reason, day_sheet, house_tables, live_floor, move_booking,
    resend_confirmation, reservation_details, set_status, take_booking, Placement, MAX_STAFF_PARTY,
    MIN_DURATION_MINUTES,
};
pub use list::{bulk_status, explain_list, export_csv, list_reservations, CsvExport, CSV_HEADER};
pub use payments::{
    abandon, charge_no_show_fee, payment_settings, pending, refund, refund_cancelled,
    release_unpaid, returned, save_payment_settings, webhook, MoneyOutcome, Returned,
    WebhookOutcome,
};
pub use payments::{
    payments_csv, payments_list, PaymentsCsv, PAYMENTS_CSV_HEADER, PAYMENTS_CSV_LIMIT,
};
pub use shift::set_shift_note;
pub use staff::{cancel_as, get_as, list_all, modify_as, views};
pub use tokens::{hash_token, new_reference, new_token};

use super::ServiceError;
use chrono::{Datelike, NaiveDate, NaiveTime};
use domain::{GuestDetails, Locale, PartySize};

/// How many other slots are offered when the asked one is taken.
pub const ALTERNATIVES: usize = 3;
/// Dates further ahead are refused outright.
const MAX_LOOKAHEAD_DAYS: u64 = 366;
/// How many days after the asked date alternatives are looked for.
const ALTERNATIVE_DAYS: u64 = 7;

/// Parses a `YYYY-MM-DD` date from a form or the API.
/// Years outside 1900–2200 are refused ([`domain::Date`]), so date
/// arithmetic on a parsed date cannot overflow.
pub fn parse_date(raw: &str) -> Result<NaiveDate, ServiceError> {
    domain::Date::parse(raw)
        .ok()
        .and_then(naive_date)
        .ok_or(ServiceError::Invalid("date"))
}

/// Parses an `HH:MM` time from a form or the API.
pub fn parse_time(raw: &str) -> Result<NaiveTime, ServiceError> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M").map_err(|_| ServiceError::Invalid("time"))
}

/// Parses a `YYYY-MM` month.
pub fn parse_month(raw: &str) -> Result<(i32, u32), ServiceError> {
    let date = NaiveDate::parse_from_str(&format!("{}-01", raw.trim()), "%Y-%m-%d")
        .map_err(|_| ServiceError::Invalid("month"))?;
    Ok((date.year(), date.month()))
}

/// A guest's booking request, validated at the boundary.
#[derive(Debug, Clone)]
pub struct BookingRequest {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub party: PartySize,
    pub guest: GuestDetails,
    pub locale: Locale,
}

/// A wire date as the restaurant's calendar date.
pub(crate) fn naive_date(date: domain::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year(), date.month(), date.day())
}

/// A wire time of day as a clock time (`24:00` is not one).
pub(crate) fn naive_time(time: domain::TimeOfDay) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(u32::from(time.hour()), u32::from(time.minute()), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_parsers() {
        assert_eq!(
            parse_date("2026-12-01").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
        );
        assert!(matches!(
            parse_date("2026-13-01"),
            Err(ServiceError::Invalid("date"))
        ));
        assert!(matches!(
            parse_date("+262143-12-31"),
            Err(ServiceError::Invalid("date"))
        ));
        assert!(matches!(
            parse_date("tomorrow"),
            Err(ServiceError::Invalid("date"))
        ));
        assert_eq!(
            parse_time("19:30").unwrap(),
            NaiveTime::from_hms_opt(19, 30, 0).unwrap()
        );
        assert!(matches!(
            parse_time("25:00"),
            Err(ServiceError::Invalid("time"))
        ));
        assert_eq!(parse_month("2026-02").unwrap(), (2026, 2));
        assert!(matches!(
            parse_month("2026-00"),
            Err(ServiceError::Invalid("month"))
        ));
    }
}
