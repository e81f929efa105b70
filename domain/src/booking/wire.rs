//! The shapes that cross the wire between the server and the browser:
//! availability, reservations, policies.

use super::guest::Locale;
use crate::restaurant::ServiceKind;
use serde::{Deserialize, Serialize};

/// Why a slot cannot be booked online (mirrors the booking rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotReason {
    /// The restaurant is closed that day.
    Closed,
    /// The party is too small or too large to book online.
    PartySize,
    /// Further ahead than the restaurant takes bookings.
    TooFarAhead,
    /// Too close to now (minimum notice), or in the past.
    TooSoon,
    /// Enough guests already arrive at that time.
    Pacing,
    /// No table is free.
    Full,
}

impl SlotReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotReason::Closed => "closed",
            SlotReason::PartySize => "party_size",
            SlotReason::TooFarAhead => "too_far_ahead",
            SlotReason::TooSoon => "too_soon",
            SlotReason::Pacing => "pacing",
            SlotReason::Full => "full",
        }
    }
}

/// One seating time of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotView {
    /// Local time, `HH:MM`.
    pub time: String,
    /// The instant, RFC 3339 with the restaurant's offset.
    pub start: String,
    pub available: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<SlotReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodSlots {
    pub kind: ServiceKind,
    pub slots: Vec<SlotView>,
}

/// The slots of one date for one party size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySlots {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub party_size: u32,
    pub closed: bool,
    pub periods: Vec<PeriodSlots>,
}

impl DaySlots {
    pub fn any_available(&self) -> bool {
        self.periods
            .iter()
            .flat_map(|p| &p.slots)
            .any(|s| s.available)
    }
}

/// The first free seating times for a party from now on, as the home page
/// offers them, with today's date at the restaurant (which day of the week
/// the page's opening hours call "today").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextFree {
    /// Today at the restaurant, `YYYY-MM-DD`, and its day of the week.
    pub today: String,
    pub weekday: crate::Weekday,
    pub party_size: u32,
    /// In time order; empty when nothing is free within the days looked at.
    pub slots: Vec<FreeSlot>,
}

/// A free seating time: a local date (`YYYY-MM-DD`) and time (`HH:MM`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FreeSlot {
    pub date: String,
    pub time: String,
}

/// Whether a date of a month has at least one bookable slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayFlag {
    pub date: String,
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthDays {
    /// `YYYY-MM`.
    pub month: String,
    pub party_size: u32,
    pub days: Vec<DayFlag>,
}

/// A bookable slot offered instead of one that was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    pub date: String,
    pub time: String,
    pub start: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReservationStatus {
    /// Waiting for a deposit (the payments feature).
    PendingPayment,
    /// A large party's booking, holding its table until the guest confirms
    /// it from the e-mailed link (or the hold ends).
    PendingConfirmation,
    Confirmed,
    /// The guest is at the restaurant, not seated yet (the host stand).
    Arrived,
    Seated,
    Completed,
    Cancelled,
    NoShow,
}

impl ReservationStatus {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending_payment" => ReservationStatus::PendingPayment,
            "pending_confirmation" => ReservationStatus::PendingConfirmation,
            "confirmed" => ReservationStatus::Confirmed,
            "arrived" => ReservationStatus::Arrived,
            "seated" => ReservationStatus::Seated,
            "completed" => ReservationStatus::Completed,
            "cancelled" => ReservationStatus::Cancelled,
            "no_show" => ReservationStatus::NoShow,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReservationStatus::PendingPayment => "pending_payment",
            ReservationStatus::PendingConfirmation => "pending_confirmation",
            ReservationStatus::Confirmed => "confirmed",
            ReservationStatus::Arrived => "arrived",
            ReservationStatus::Seated => "seated",
            ReservationStatus::Completed => "completed",
            ReservationStatus::Cancelled => "cancelled",
            ReservationStatus::NoShow => "no_show",
        }
    }

    /// Whether the reservation holds its tables.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            ReservationStatus::PendingPayment
                | ReservationStatus::PendingConfirmation
                | ReservationStatus::Confirmed
                | ReservationStatus::Arrived
                | ReservationStatus::Seated
        )
    }
}

/// A reservation as its guest sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationView {
    pub reference: String,
    pub status: ReservationStatus,
    /// Local date and time at the restaurant.
    pub date: String,
    pub time: String,
    /// RFC 3339 instants with the restaurant's offset.
    pub start: String,
    pub end: String,
    pub party_size: u32,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub locale: Locale,
    /// The guest may still change or cancel it online (before the cut-off).
    pub can_change: bool,
    /// Minutes before the start after which only a phone call can change it.
    pub cancel_cutoff_minutes: u32,
    /// The address the guest asked to move the booking's e-mails to, until
    /// that address confirms it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_email: Option<String>,
    /// The booking's deposit or card guarantee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<crate::payments::PaymentView>,
    /// What cancelling now would refund of the deposit (told before the
    /// guest confirms a cancellation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_if_cancelled_cents: Option<i64>,
}

/// A reservation that was just made: the view plus its secret manage token
/// (shown once; only its hash is stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookedReservation {
    pub reservation: ReservationView,
    pub manage_token: String,
    /// Where the guest pays (Stripe Checkout) while the booking holds its
    /// table as `pending_payment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_url: Option<String>,
}

/// What the wizard tells a diner before they confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingPolicy {
    pub min_party: u32,
    pub max_party_online: u32,
    pub max_advance_days: u32,
    pub min_notice_minutes: u32,
    pub cancel_cutoff_minutes: u32,
    /// What a booking of the asked size (and slot, when given) will be asked
    /// to pay; `None` when nothing.
    pub payment: Option<crate::payments::PaymentTerms>,
}
