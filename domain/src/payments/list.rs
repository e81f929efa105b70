//! The staff's payments list: its filters as typed (a query string),
//! validated all at once, and what it answers: the payments of the bookings
//! of a date range, and the money moved on each day (deposits collected,
//! refunds, no-show fees) with their totals.

use super::{PaymentKind, PaymentStatus};
use crate::form::{given, FieldError};
use crate::time::Date;
use serde::{Deserialize, Serialize};

/// The filters as typed: every value is text, as in a query string; a
/// blank value is no filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentFilterInput {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
}

/// Validated filters. Dates left out are chosen by the service from the
/// restaurant's today ([`PaymentFilter::DAYS_AROUND`] days either side).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaymentFilter {
    /// The first and last dates of the bookings listed (their local day).
    pub from: Option<Date>,
    pub to: Option<Date>,
    pub status: Option<PaymentStatus>,
    pub kind: Option<PaymentKind>,
}

impl PaymentFilter {
    /// The longest range: `to` at most this many days after `from`.
    pub const MAX_DAYS: i64 = 366;
    /// With no dates: this many days before the restaurant's today and
    /// after it; with one date, the other is twice as far from it.
    pub const DAYS_AROUND: i64 = 30;
    /// The most payments one list shows (`more` tells there were more).
    pub const LIMIT: u32 = 500;

    /// Validates every filter; the error names each one at fault, in form
    /// order (`to` before `from`, or too far after it, is `to`'s fault).
    pub fn parse(input: &PaymentFilterInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let from = given(input.from.as_deref()).map(Date::parse);
        if matches!(from, Some(Err(_))) {
            errors.push(FieldError::invalid("from"));
        }
        let to = given(input.to.as_deref()).map(Date::parse);
        match (&from, &to) {
            (_, Some(Err(_))) => errors.push(FieldError::invalid("to")),
            (Some(Ok(f)), Some(Ok(t))) if t < f => errors.push(FieldError::invalid("to")),
            (Some(Ok(f)), Some(Ok(t))) if days_between(*f, *t) > Self::MAX_DAYS => {
                errors.push(FieldError::new("to", "too_long"))
            }
            _ => {}
        }
        let status = given(input.status.as_deref()).map(PaymentStatus::parse);
        if matches!(status, Some(None)) {
            errors.push(FieldError::invalid("status"));
        }
        let kind = given(input.kind.as_deref()).map(PaymentKind::parse);
        if matches!(kind, Some(None)) {
            errors.push(FieldError::invalid("kind"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PaymentFilter {
            from: from.and_then(Result::ok),
            to: to.and_then(Result::ok),
            status: status.flatten(),
            kind: kind.flatten(),
        })
    }

    /// The filters as a query string's values (for links: the CSV, a
    /// shared address), each left out when not set.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(from) = self.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.to {
            pairs.push(("to", to.to_string()));
        }
        if let Some(status) = self.status {
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(kind) = self.kind {
            pairs.push(("kind", kind.as_str().to_owned()));
        }
        pairs
    }
}

/// Days from `a` to `b` (negative when `b` is earlier).
fn days_between(a: Date, b: Date) -> i64 {
    day_number(b) - day_number(a)
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn day_number(d: Date) -> i64 {
    let (m, day) = (i64::from(d.month()), i64::from(d.day()));
    let y = i64::from(d.year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A booking's payment as staff list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffPayment {
    pub reservation_id: i64,
    pub reference: String,
    /// The booking's date and time at the restaurant (`YYYY-MM-DD`,
    /// `HH:MM`).
    pub date: String,
    pub time: String,
    /// The guest's name.
    pub guest: String,
    pub party_size: u32,
    pub kind: PaymentKind,
    pub status: PaymentStatus,
    /// The deposit asked, or the fee a no-show would cost (a guarantee).
    pub amount_cents: i64,
    /// What was charged when booking (a deposit; 0 for a card saved).
    pub paid_cents: i64,
    pub refunded_cents: i64,
    pub fee_charged_cents: i64,
    pub currency: String,
}

/// The money moved on one day at the restaurant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Deposits paid that day (a payment arriving after its hold was
    /// released counts too: its refund is in `refunded_cents`).
    pub collected_cents: i64,
    /// Refunds made that day.
    pub refunded_cents: i64,
    /// No-show fees charged that day.
    pub fees_cents: i64,
}

/// The figures of every day of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentTotals {
    pub collected_cents: i64,
    pub refunded_cents: i64,
    pub fees_cents: i64,
}

impl PaymentTotals {
    /// The totals of `days`.
    pub fn of(days: &[PaymentDay]) -> Self {
        days.iter()
            .fold(PaymentTotals::default(), |t, d| PaymentTotals {
                collected_cents: t.collected_cents + d.collected_cents,
                refunded_cents: t.refunded_cents + d.refunded_cents,
                fees_cents: t.fees_cents + d.fees_cents,
            })
    }
}

/// The payments list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentList {
    /// The first and last dates covered (the defaults filled in).
    pub from: String,
    pub to: String,
    /// The currency of the figures (ISO 4217, lower case).
    pub currency: String,
    /// The payments of the bookings of those dates matching the status and
    /// kind, by the booking's time.
    pub payments: Vec<StaffPayment>,
    /// More payments matched than [`PaymentFilter::LIMIT`]: narrow the
    /// dates.
    pub more: bool,
    /// The money moved on each of those dates (whatever the status and
    /// kind asked), days with none left out.
    pub days: Vec<PaymentDay>,
    pub totals: PaymentTotals,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(from: &str, to: &str, status: &str, kind: &str) -> PaymentFilterInput {
        let some = |s: &str| Some(s.to_owned());
        PaymentFilterInput {
            from: some(from),
            to: some(to),
            status: some(status),
            kind: some(kind),
        }
    }

    #[test]
    fn blank_filters_are_no_filters() {
        let f = PaymentFilter::parse(&input(" ", "", "", "")).unwrap();
        assert_eq!(f, PaymentFilter::default());
        assert!(f.query_pairs().is_empty());
        let f = PaymentFilter::parse(&PaymentFilterInput::default()).unwrap();
        assert_eq!(f, PaymentFilter::default());
    }

    #[test]
    fn filters_read_back_as_typed() {
        let f =
            PaymentFilter::parse(&input("2026-01-01", "2026-02-01", "paid", "deposit")).unwrap();
        assert_eq!(f.status, Some(PaymentStatus::Paid));
        assert_eq!(f.kind, Some(PaymentKind::Deposit));
        let pairs = f.query_pairs();
        assert_eq!(
            pairs,
            [
                ("from", "2026-01-01".to_owned()),
                ("to", "2026-02-01".to_owned()),
                ("status", "paid".to_owned()),
                ("kind", "deposit".to_owned())
            ]
        );
    }

    #[test]
    fn every_field_at_fault_is_named() {
        let fields = |i: PaymentFilterInput| -> Vec<(String, String)> {
            PaymentFilter::parse(&i)
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.reason))
                .collect()
        };
        let bad = fields(input("2026-13-01", "tomorrow", "lost", "cash"));
        let names: Vec<&str> = bad.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(names, ["from", "to", "status", "kind"]);
        let before = fields(input("2026-03-02", "2026-03-01", "", ""));
        assert_eq!(before, [("to".to_owned(), "invalid".to_owned())]);
        let long = fields(input("2024-01-01", "2025-01-02", "", ""));
        assert_eq!(long, [("to".to_owned(), "too_long".to_owned())]);
        assert!(PaymentFilter::parse(&input("2024-01-01", "2025-01-01", "", "")).is_ok());
    }

    #[test]
    fn days_are_counted_across_months_and_leap_years() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(days_between(d("1970-01-01"), d("1970-01-02")), 1);
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
        assert_eq!(days_between(d("2023-02-28"), d("2023-03-01")), 1);
        assert_eq!(days_between(d("2024-01-01"), d("2025-01-01")), 366);
        assert_eq!(days_between(d("2000-03-01"), d("1999-03-01")), -366);
    }
}
