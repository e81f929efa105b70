//! The payment provider: Stripe, through async-stripe, when it is
//! configured (`STRIPE_SECRET_KEY` and `STRIPE_WEBHOOK_SECRET`; the API's
//! address can be changed with `STRIPE_API_BASE`, which the tests point at
//! a local fake speaking Stripe's wire format).
//!
//! The rest of the backend sees only the calls it needs, in its own words:
//! a Checkout Session to send a guest to, what a session or an event says
//! was paid, a refund, an off-session charge of a saved card.

mod stripe_api;

pub use stripe_api::Stripe;

use chrono::{DateTime, Utc};

/// How payments are configured for this process.
#[derive(Debug, Clone, Default)]
pub struct StripeConfig {
    pub secret_key: Option<String>,
    pub webhook_secret: Option<String>,
    /// Stripe's API address (tests: a local fake).
    pub api_base: Option<String>,
    /// ISO 4217, lower case (`eur`).
    pub currency: String,
}

impl StripeConfig {
    /// What is missing for payments to work (empty: nothing).
    pub fn missing(&self) -> Vec<String> {
        let mut missing = Vec::new();
        if self.secret_key.as_deref().is_none_or(str::is_empty) {
            missing.push("STRIPE_SECRET_KEY".to_owned());
        }
        if self.webhook_secret.as_deref().is_none_or(str::is_empty) {
            missing.push("STRIPE_WEBHOOK_SECRET".to_owned());
        }
        missing
    }
}

/// A failure talking to the provider, in the words the services need.
#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// The card was declined (an off-session charge).
    #[error("card declined")]
    Declined,
    /// The provider refused the request (the session is no longer open,
    /// nothing left to refund, ...).
    #[error("refused by the provider: {0}")]
    Refused(String),
    /// The provider could not be reached or answered nonsense.
    #[error("payment provider unavailable: {0}")]
    Unavailable(String),
}

/// What a Checkout Session is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckoutMode {
    /// Charge `amount_cents` now.
    Payment,
    /// Save a card for later (the guarantee).
    Setup,
}

/// A Checkout Session to open for a booking.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub mode: CheckoutMode,
    pub amount_cents: i64,
    pub currency: String,
    /// The booking's reference (metadata and client reference).
    pub reference: String,
    pub email: String,
    pub name: String,
    /// `fr` or `en`.
    pub locale: String,
    /// The line the guest reads on Stripe's page.
    pub description: String,
    pub success_url: String,
    pub cancel_url: String,
    /// Stripe keeps a session open at least 30 minutes.
    pub expires_at: DateTime<Utc>,
}

/// An open Checkout Session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkout {
    pub session_id: String,
    pub url: String,
}

/// What a Checkout Session says now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionState {
    pub session_id: String,
    /// `open`, `complete` or `expired`.
    pub status: String,
    /// Paid (payment mode) or the card saved (setup mode).
    pub done: bool,
    pub payment_intent_id: Option<String>,
    pub setup_intent_id: Option<String>,
    pub customer_id: Option<String>,
    pub amount_total: Option<i64>,
    pub reference: Option<String>,
}

/// A verified webhook event, as the services need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayEvent {
    pub id: String,
    pub kind: String,
    pub what: EventWhat,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventWhat {
    /// `checkout.session.completed` (and its async success).
    SessionCompleted(SessionState),
    /// `checkout.session.expired`.
    SessionExpired(SessionState),
    /// `payment_intent.succeeded`: the booking's reference is in its
    /// metadata.
    PaymentSucceeded {
        intent_id: String,
        amount_cents: i64,
        reference: Option<String>,
    },
    /// `payment_intent.payment_failed`.
    PaymentFailed {
        intent_id: String,
        reference: Option<String>,
    },
    /// Anything else: recorded, nothing to do.
    Other,
}

/// Why a webhook was refused.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
pub enum WebhookRefusal {
    #[error("bad or stale signature")]
    Signature,
    #[error("unreadable event")]
    Payload,
}

/// The payment provider as the services use it: Stripe when configured,
/// with the site's address (for the pages Stripe sends guests back to).
#[derive(Debug, Clone, Default)]
pub struct Payments {
    stripe: Option<std::sync::Arc<Stripe>>,
    missing: Vec<String>,
    currency: String,
    public_url: String,
}

impl Payments {
    /// Payments as configured; an unusable configuration is an error at
    /// start, not a surprise at the first booking.
    pub fn new(config: &StripeConfig, public_url: &str) -> Result<Payments, GatewayError> {
        let stripe = Stripe::from_config(config)
            .transpose()?
            .map(std::sync::Arc::new);
        Ok(Payments {
            stripe,
            missing: config.missing(),
            currency: config.currency.clone(),
            public_url: public_url.trim_end_matches('/').to_owned(),
        })
    }

    /// No payment provider: nothing is ever asked.
    pub fn off() -> Payments {
        Payments {
            stripe: None,
            missing: StripeConfig::default().missing(),
            currency: "eur".to_owned(),
            public_url: String::new(),
        }
    }

    pub fn stripe(&self) -> Option<&Stripe> {
        self.stripe.as_deref()
    }

    /// Whether guests can be asked to pay.
    pub fn available(&self) -> bool {
        self.stripe.is_some()
    }

    /// What is missing for payments to work.
    pub fn missing(&self) -> &[String] {
        &self.missing
    }

    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// An absolute address on this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}
