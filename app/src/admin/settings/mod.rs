//! `/admin/settings[?done=...][&audit_before=ID]`: the restaurant's
//! settings — bookings to come that fall outside the hours (first, when
//! there are some), the weekly opening hours, the exceptions to them
//! (closed days, special hours), the booking rules, what guests are asked
//! to pay (deposits, card guarantees), the restaurant's page and its
//! photos, and, for admins, the audit log of every change. Staff read them; admins
//! change them. Every form works before hydration.

/// Counts the actions that succeeded: what they change is read again
/// after each, and only then (a refused form keeps what was typed).
macro_rules! count_successes {
    ($count:expr, $($action:expr),+ $(,)?) => {
        $(
            let action = $action;
            Effect::watch(
                move || action.version().get(),
                move |_, _, _| {
                    if matches!(action.value().get_untracked(), Some(Ok(_))) {
                        $count.update(|n| *n += 1);
                    }
                },
                false,
            );
        )+
    };
}

pub mod api;
mod audit;
mod errors;
mod exceptions;
mod fields;
mod gallery;
mod hours;
mod outside;
mod page;
mod payments;
mod restaurant;
mod rules;

use serde::{Deserialize, Serialize};

pub use page::SettingsPage;

/// The settings, and whether the reader may change them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsView {
    pub settings: domain::Settings,
    pub editable: bool,
}

/// The payment policy, and whether the reader is an admin (who may change
/// it once Stripe is configured).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentsView {
    pub settings: domain::PaymentSettings,
    pub editable: bool,
}
