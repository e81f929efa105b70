//! The public booking wizard: 1. date and time, 2. your details, 3. review
//! (deposit and policy) and confirm, then, when the restaurant asks for a
//! deposit or a card guarantee, the payment page (`/book/payment`, which
//! sends the guest to Stripe), 4. confirmation.
//!
//! Every step is its own route and keeps its state in the query string
//! (`party`, `date`, `time`), so it works before hydration and with the
//! back button. The guest's details live in a server-side draft (the
//! session) between steps 2 and 3.

pub mod api;
mod pages;

pub use pages::{ChoosePage, ConfirmationPage, DetailsPage, PayPage, ReviewPage};

use crate::ui::dates;
use domain::{BookingPolicy, DayFlag, PaymentPage};
use serde::{Deserialize, Serialize};

/// The party size the wizard starts with.
pub const DEFAULT_PARTY: u32 = 2;

/// One month of the calendar in step 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    /// `YYYY-MM`.
    pub month: String,
    /// Today at the restaurant, `YYYY-MM-DD`.
    pub today: String,
    pub party_size: u32,
    /// Every date of the month, in order.
    pub days: Vec<DayFlag>,
    /// The neighbouring months, when they hold bookable dates.
    pub prev: Option<String>,
    pub next: Option<String>,
}

/// What the guest typed in step 2, kept as typed (so a form with errors
/// can be shown again) in the session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub consent: bool,
}

/// Step 2's data: the draft so far and the policy the guest agrees to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailsForm {
    pub draft: Draft,
    pub policy: BookingPolicy,
}

/// Step 3's data: the validated draft (`None` when there is none, or it is
/// incomplete) and the policy, with the deposit for this party size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub draft: Option<Draft>,
    pub policy: BookingPolicy,
}

/// The payment page's data: the booking, its payment and where to pay,
/// with what the page says of the hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentScreen {
    pub page: PaymentPage,
    /// While the hold lasts: its end at the restaurant (`HH:MM`, said
    /// before hydration) and the seconds left (the countdown, which does
    /// not trust the visitor's clock).
    pub held_until: Option<String>,
    pub seconds_left: Option<i64>,
    /// Once paid: the manage token of the confirmation page (from this
    /// visitor's session).
    pub manage_token: Option<String>,
}

/// The slot a wizard step is about, from its query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotQuery {
    pub party: u32,
    pub date: String,
    pub time: String,
}

impl SlotQuery {
    /// `None` unless the three parameters are present and well formed (the
    /// server checks them again).
    pub fn from_query(query: &leptos_router::params::ParamsMap) -> Option<Self> {
        let party = query.get_str("party")?.trim().parse::<u32>().ok()?;
        let date = query.get_str("date")?.trim();
        let time = query.get_str("time")?.trim();
        ((1..=domain::PartySize::MAX).contains(&party)
            && domain::Date::parse(date).is_ok()
            && dates::is_time(time))
        .then(|| SlotQuery {
            party,
            date: date.to_owned(),
            time: time.to_owned(),
        })
    }

    /// The query string of a step about this slot.
    pub fn query(&self) -> String {
        slot_query(self.party, &self.date, &self.time)
    }
}

/// `party=2&date=2026-12-01&time=19:30`.
pub fn slot_query(party: u32, date: &str, time: &str) -> String {
    format!("party={party}&date={date}&time={time}")
}
