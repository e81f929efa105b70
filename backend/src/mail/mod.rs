//! Booking e-mails: what the outbox holds ([`MailJob`]), how it is rendered
//! (fr/en, HTML + text, `.ics`), and the worker that sends it.

use domain::{Locale, ReservationView};
use serde::{Deserialize, Serialize};

/// The outbox `kind` of a booking e-mail.
pub const OUTBOX_KIND: &str = "email";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    Confirmation,
    Modification,
    Cancellation,
    /// To a booking's new address: confirm it before the booking's e-mails
    /// go there (the link proves the address).
    ConfirmEmail,
    /// To a booking's current address: someone asked to move its e-mails
    /// to `new_email`.
    EmailChangeRequested,
    /// A large party's booking holds its table until the guest confirms it
    /// from this e-mail, within `expires_in_minutes`.
    ConfirmBooking,
    /// A deposit paid after the booking's hold was released, when the table
    /// was taken meanwhile: it was refunded in full (the reservation's
    /// `payment` tells how much). Sent without a manage link.
    PaymentRefunded,
}

impl MailKind {
    /// Whether the e-mail shows what the guest typed (name, notes). Not to
    /// an address nobody has proved yet: the person who typed it could use
    /// it to send their words to anyone.
    pub fn shows_guest_text(self) -> bool {
        self != MailKind::ConfirmEmail
    }

    /// Whether the e-mail's link is a proof of the address (minted for the
    /// job's `proof_id`) rather than a manage link.
    pub fn asks_proof(self) -> bool {
        matches!(self, MailKind::ConfirmEmail | MailKind::ConfirmBooking)
    }
}

/// The restaurant as an e-mail shows it (a snapshot taken with the change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestaurantCard {
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub time_zone: String,
}

/// One e-mail to send, written to the outbox in the same transaction as the
/// change it announces. It never holds a secret: when `manage_link` asks
/// for one, the worker mints a manage token as it sends the message and
/// keeps only its hash ([`worker`]); `manage_token` is that token, in memory
/// only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailJob {
    pub kind: MailKind,
    pub locale: Locale,
    pub to: String,
    pub reservation: ReservationView,
    pub restaurant: RestaurantCard,
    #[serde(default)]
    pub manage_link: bool,
    #[serde(skip)]
    pub manage_token: Option<String>,
    /// The e-mail proof whose link this message carries
    /// ([`MailKind::asks_proof`]); the worker mints its token.
    #[serde(default)]
    pub proof_id: Option<i64>,
    #[serde(skip)]
    pub proof_token: Option<String>,
    /// The address a change was asked for ([`MailKind::EmailChangeRequested`]).
    #[serde(default)]
    pub new_email: Option<String>,
    /// How long the link works, for the text.
    #[serde(default)]
    pub expires_in_minutes: Option<u32>,
    /// The restaurant's words to the guest (a cancellation by staff),
    /// shown as written, escaped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_message: Option<String>,
    /// The refund rules the booking's payment was taken under, told in the
    /// confirmation and modification e-mails (with `reservation.payment`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_terms: Option<domain::PaymentTerms>,
}

impl MailJob {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

pub mod account;
pub mod contact;
pub mod ics;
mod message;
pub mod render;
pub mod worker;

#[cfg(test)]
mod address_tests {
    use proptest::prelude::*;

    proptest! {
        /// Every address the forms accept is one the mailer can send to:
        /// a booking's confirmation never parks on an address it took.
        #[test]
        fn every_accepted_address_is_sendable(
            raw in "[a-zA-Z0-9.@_+!#()<>,\"'%é-]{1,30}(@[a-zA-Z0-9.é_-]{1,20})?",
        ) {
            if let Ok(email) = domain::Email::parse(&raw) {
                let sendable = email.as_str().parse::<lettre::Address>();
                prop_assert!(sendable.is_ok(), "{:?} accepted, lettre says {:?}", raw, sendable);
            }
        }
    }

    #[test]
    fn accepted_addresses_include_unicode_ones() {
        for ok in [
            "élodie.dupré@example.com",
            "a+b@sub.example.co.uk",
            "o'neil@example.ie",
        ] {
            let email = domain::Email::parse(ok).unwrap();
            assert!(email.as_str().parse::<lettre::Address>().is_ok(), "{ok}");
        }
    }
}
