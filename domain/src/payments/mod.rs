//! Payments: what a restaurant asks of a booking (a deposit paid at booking,
//! or a card saved as a guarantee against a no-show), and what became of it.
//!
//! Amounts are whole minor units (cents) of the restaurant's currency.
//! `list`: the staff's payments list and the money moved each day.

mod list;

pub use list::{
    PaymentDay, PaymentFilter, PaymentFilterInput, PaymentList, PaymentTotals, StaffPayment,
};

use crate::form::FieldError;
use crate::menu::parse_price;
use crate::restaurant::ServiceKind;
use crate::settings::Errors;
use crate::time::Weekday;
use serde::{Deserialize, Serialize};

/// What the restaurant asks of a booking its policy covers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentMode {
    /// Nothing.
    #[default]
    Off,
    /// An amount per guest, charged when booking and refunded by the policy
    /// when the guest cancels.
    Deposit,
    /// A card saved when booking; staff may charge the no-show fee.
    Guarantee,
}

impl PaymentMode {
    pub const ALL: [PaymentMode; 3] = [
        PaymentMode::Off,
        PaymentMode::Deposit,
        PaymentMode::Guarantee,
    ];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMode::Off => "off",
            PaymentMode::Deposit => "deposit",
            PaymentMode::Guarantee => "guarantee",
        }
    }
}

/// The restaurant's payment policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentPolicy {
    pub mode: PaymentMode,
    /// The deposit per guest (deposit mode).
    pub deposit_per_guest_cents: i64,
    /// The no-show (or late cancellation) fee per guest (guarantee mode).
    pub no_show_fee_per_guest_cents: i64,
    /// The policy covers parties of at least this many guests…
    pub from_party: u32,
    /// …on these days (none listed: every day)…
    pub weekdays: Vec<Weekday>,
    /// …and in these services (none listed: every service).
    pub services: Vec<ServiceKind>,
    /// How long an unpaid booking holds its table.
    pub hold_minutes: u32,
    /// A cancellation at least this long before the meal is refunded in
    /// full (deposit) or free (guarantee)…
    pub refund_cutoff_minutes: u32,
    /// …a later one keeps this share of the deposit refunded (0 to 100).
    pub late_refund_percent: u32,
}

impl Default for PaymentPolicy {
    fn default() -> Self {
        PaymentPolicy {
            mode: PaymentMode::Off,
            deposit_per_guest_cents: 0,
            no_show_fee_per_guest_cents: 0,
            from_party: 1,
            weekdays: Vec::new(),
            services: Vec::new(),
            hold_minutes: DEFAULT_HOLD_MINUTES,
            refund_cutoff_minutes: 24 * 60,
            late_refund_percent: 0,
        }
    }
}

pub const DEFAULT_HOLD_MINUTES: u32 = 10;
pub const MAX_HOLD_MINUTES: u32 = 60;
pub const MAX_REFUND_CUTOFF_MINUTES: u32 = 14 * 24 * 60;
/// The most asked per guest: 1,000.00.
pub const MAX_PER_GUEST_CENTS: i64 = 100_000;

/// The policy as typed: amounts as "12.50", numbers as text, the lists as
/// the values of checked boxes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentPolicyInput {
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub deposit_per_guest: String,
    #[serde(default)]
    pub no_show_fee_per_guest: String,
    #[serde(default)]
    pub from_party: String,
    #[serde(default)]
    pub weekdays: Vec<String>,
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub hold_minutes: String,
    #[serde(default)]
    pub refund_cutoff_hours: String,
    #[serde(default)]
    pub late_refund_percent: String,
}

fn whole(raw: &str, field: &'static str, min: u32, max: u32) -> Result<u32, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    raw.parse::<u32>()
        .ok()
        .filter(|v| (min..=max).contains(v))
        .ok_or_else(|| FieldError::invalid(field))
}

/// An amount per guest; required (and above zero) only when `needed`.
fn amount(raw: &str, field: &'static str, needed: bool) -> Result<i64, FieldError> {
    if raw.trim().is_empty() && !needed {
        return Ok(0);
    }
    let cents = parse_price(raw, field)?;
    if cents > MAX_PER_GUEST_CENTS {
        return Err(FieldError::new(field, "too_large"));
    }
    if needed && cents == 0 {
        return Err(FieldError::invalid(field));
    }
    Ok(cents)
}

impl PaymentPolicy {
    /// A valid policy, or every field at fault.
    pub fn parse(input: &PaymentPolicyInput) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors(Vec::new());
        let mode = match PaymentMode::parse(input.mode.trim()) {
            Some(mode) => mode,
            None => {
                e.0.push(FieldError::invalid("mode"));
                PaymentMode::Off
            }
        };
        let deposit_per_guest_cents = e.keep(amount(
            &input.deposit_per_guest,
            "deposit_per_guest",
            mode == PaymentMode::Deposit,
        ));
        let no_show_fee_per_guest_cents = e.keep(amount(
            &input.no_show_fee_per_guest,
            "no_show_fee_per_guest",
            mode == PaymentMode::Guarantee,
        ));
        let from_party = e.keep(whole(&input.from_party, "from_party", 1, 99));
        let mut weekdays = Vec::new();
        for raw in &input.weekdays {
            match Weekday::ALL.into_iter().find(|d| d.as_str() == raw.trim()) {
                Some(d) if !weekdays.contains(&d) => weekdays.push(d),
                Some(_) => {}
                None => {
                    e.0.push(FieldError::invalid("weekdays"));
                    break;
                }
            }
        }
        weekdays.sort();
        let mut services = Vec::new();
        for raw in &input.services {
            match ServiceKind::parse(raw.trim()) {
                Some(k) if !services.contains(&k) => services.push(k),
                Some(_) => {}
                None => {
                    e.0.push(FieldError::invalid("services"));
                    break;
                }
            }
        }
        services.sort();
        let hold_minutes = e.keep(whole(
            &input.hold_minutes,
            "hold_minutes",
            1,
            MAX_HOLD_MINUTES,
        ));
        let refund_cutoff_hours = e.keep(whole(
            &input.refund_cutoff_hours,
            "refund_cutoff_hours",
            0,
            MAX_REFUND_CUTOFF_MINUTES / 60,
        ));
        let late_refund_percent = e.keep(whole(
            &input.late_refund_percent,
            "late_refund_percent",
            0,
            100,
        ));
        e.done(PaymentPolicy {
            mode,
            deposit_per_guest_cents,
            no_show_fee_per_guest_cents,
            from_party: from_party.max(1),
            weekdays,
            services,
            hold_minutes,
            refund_cutoff_minutes: refund_cutoff_hours * 60,
            late_refund_percent,
        })
    }

    /// The policy as the form shows it.
    pub fn to_input(&self) -> PaymentPolicyInput {
        let money = |cents: i64| {
            if cents == 0 {
                String::new()
            } else {
                format!("{}.{:02}", cents / 100, cents % 100)
            }
        };
        PaymentPolicyInput {
            mode: self.mode.as_str().to_owned(),
            deposit_per_guest: money(self.deposit_per_guest_cents),
            no_show_fee_per_guest: money(self.no_show_fee_per_guest_cents),
            from_party: self.from_party.to_string(),
            weekdays: self
                .weekdays
                .iter()
                .map(|d| d.as_str().to_owned())
                .collect(),
            services: self
                .services
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            hold_minutes: self.hold_minutes.to_string(),
            refund_cutoff_hours: (self.refund_cutoff_minutes / 60).to_string(),
            late_refund_percent: self.late_refund_percent.to_string(),
        }
    }
}

/// The payment policy as admins read it, with whether it can be changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentSettings {
    pub policy: PaymentPolicy,
    /// The restaurant's currency (ISO 4217, lower case as Stripe writes it).
    pub currency: String,
    /// Stripe is configured: the policy may be changed.
    pub configured: bool,
    /// When it is not, what is missing (`STRIPE_SECRET_KEY`, …).
    pub missing: Vec<String>,
}

/// What asking a guest to pay is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentKind {
    Deposit,
    Guarantee,
}

impl PaymentKind {
    pub const ALL: [PaymentKind; 2] = [PaymentKind::Deposit, PaymentKind::Guarantee];
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "deposit" => Some(PaymentKind::Deposit),
            "guarantee" => Some(PaymentKind::Guarantee),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentKind::Deposit => "deposit",
            PaymentKind::Guarantee => "guarantee",
        }
    }
}

/// Where a booking's payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// The guest was sent to pay; the table is held meanwhile.
    Pending,
    /// The deposit was paid.
    Paid,
    /// The card is saved (guarantee).
    CardSaved,
    /// Nothing was paid in time: the hold was released.
    Expired,
    /// The deposit was refunded in full.
    Refunded,
    /// The no-show fee was charged (guarantee).
    FeeCharged,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 6] = [
        PaymentStatus::Pending,
        PaymentStatus::Paid,
        PaymentStatus::CardSaved,
        PaymentStatus::Expired,
        PaymentStatus::Refunded,
        PaymentStatus::FeeCharged,
    ];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Pending => "pending",
            PaymentStatus::Paid => "paid",
            PaymentStatus::CardSaved => "card_saved",
            PaymentStatus::Expired => "expired",
            PaymentStatus::Refunded => "refunded",
            PaymentStatus::FeeCharged => "fee_charged",
        }
    }
}

/// A booking's payment as the guest and staff read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentView {
    pub kind: PaymentKind,
    pub status: PaymentStatus,
    /// The deposit (or, for a guarantee, the fee a no-show would cost).
    pub amount_cents: i64,
    pub currency: String,
    pub refunded_cents: i64,
    pub fee_charged_cents: i64,
    /// While pending: until when the table is held (RFC 3339).
    pub hold_until: Option<String>,
}

/// What a booking will be asked to pay, told before the guest confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentTerms {
    pub kind: PaymentKind,
    /// The deposit, or the fee a no-show would cost (a guarantee).
    pub amount_cents: i64,
    pub currency: String,
    /// How long the table is held while the guest pays.
    pub hold_minutes: u32,
    /// A cancellation at least this long before the meal is refunded in
    /// full (a guarantee: costs nothing)…
    pub refund_cutoff_minutes: u32,
    /// …a later one refunds this share of the deposit.
    pub late_refund_percent: u32,
}

/// The payment page of a booking made online: the booking (with its
/// payment) and, while its hold lasts, where the guest pays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentPage {
    pub reservation: crate::booking::ReservationView,
    pub checkout_url: Option<String>,
}

/// A refund or a fee, as staff ask for it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefundInput {
    /// "12.50"; blank: all that is left.
    #[serde(default)]
    pub amount: String,
    #[serde(default)]
    pub reason: String,
}

/// A valid refund request: `None` refunds what is left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundForm {
    pub amount_cents: Option<i64>,
    pub reason: String,
}

impl RefundForm {
    pub fn parse(input: &RefundInput) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors(Vec::new());
        let amount_cents = if input.amount.trim().is_empty() {
            None
        } else {
            let cents = e.keep(parse_price(&input.amount, "amount"));
            if cents == 0 && e.0.is_empty() {
                e.0.push(FieldError::invalid("amount"));
            }
            Some(cents)
        };
        let reason = input.reason.trim();
        if reason.is_empty() {
            e.0.push(FieldError::new("reason", "required"));
        } else if reason.chars().count() > 300 || reason.chars().any(char::is_control) {
            e.0.push(FieldError::invalid("reason"));
        }
        e.done(RefundForm {
            amount_cents,
            reason: reason.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> PaymentPolicyInput {
        PaymentPolicyInput {
            mode: "deposit".into(),
            deposit_per_guest: "15".into(),
            no_show_fee_per_guest: String::new(),
            from_party: "6".into(),
            weekdays: vec!["friday".into(), "saturday".into()],
            services: vec!["dinner".into()],
            hold_minutes: "10".into(),
            refund_cutoff_hours: "48".into(),
            late_refund_percent: "50".into(),
        }
    }

    #[test]
    fn a_deposit_policy_reads_back_as_typed() {
        let policy = PaymentPolicy::parse(&input()).unwrap();
        assert_eq!(policy.mode, PaymentMode::Deposit);
        assert_eq!(policy.deposit_per_guest_cents, 1500);
        assert_eq!(policy.weekdays, vec![Weekday::Friday, Weekday::Saturday]);
        assert_eq!(policy.services, vec![ServiceKind::Dinner]);
        assert_eq!(policy.refund_cutoff_minutes, 48 * 60);
        assert_eq!(PaymentPolicy::parse(&policy.to_input()).unwrap(), policy);
    }

    #[test]
    fn every_field_at_fault_is_named() {
        let bad = PaymentPolicyInput {
            mode: "guarantee".into(),
            deposit_per_guest: "abc".into(),
            no_show_fee_per_guest: String::new(),
            from_party: "0".into(),
            weekdays: vec!["someday".into()],
            services: vec!["supper".into()],
            hold_minutes: "90".into(),
            refund_cutoff_hours: String::new(),
            late_refund_percent: "101".into(),
        };
        let fields: Vec<String> = PaymentPolicy::parse(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "deposit_per_guest",
                "no_show_fee_per_guest",
                "from_party",
                "weekdays",
                "services",
                "hold_minutes",
                "refund_cutoff_hours",
                "late_refund_percent"
            ]
        );
    }

    #[test]
    fn a_refund_needs_a_reason_and_a_positive_amount() {
        let ok = RefundForm::parse(&RefundInput {
            amount: "12,5".into(),
            reason: "Late table".into(),
        })
        .unwrap();
        assert_eq!(ok.amount_cents, Some(1250));
        let all = RefundForm::parse(&RefundInput {
            amount: " ".into(),
            reason: "Goodwill".into(),
        })
        .unwrap();
        assert_eq!(all.amount_cents, None);
        let bad = RefundForm::parse(&RefundInput {
            amount: "0".into(),
            reason: String::new(),
        })
        .unwrap_err();
        assert_eq!(bad.len(), 2);
    }
}
