//! Stripe through async-stripe: the few calls the services make, every
//! one that moves money under an idempotency key.

use super::{
    Checkout, CheckoutMode, CheckoutRequest, EventWhat, GatewayError, GatewayEvent, SessionState,
    StripeConfig, WebhookRefusal,
};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::time::Duration;
use stripe::{Client, ClientBuilder, StripeError};
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionLineItems, CreateCheckoutSessionLineItemsPriceData,
    CreateCheckoutSessionPaymentIntentData, CreateCheckoutSessionSetupIntentData,
    ExpireCheckoutSession, ProductData, RetrieveCheckoutSession,
};
use stripe_client_core::{RequestStrategy, StripeRequest};
use stripe_core::customer::CreateCustomer;
use stripe_core::payment_intent::{CreatePaymentIntent, CreatePaymentIntentOffSession};
use stripe_core::refund::{CreateRefund, CreateRefundReason};
use stripe_core::setup_intent::RetrieveSetupIntent;
use stripe_shared::{CheckoutSession, CheckoutSessionLocale, CheckoutSessionMode};
use stripe_types::Currency;
use stripe_webhook::{EventObject, Webhook};

/// A configured Stripe account.
#[derive(Clone)]
pub struct Stripe {
    client: Client,
    webhook_secret: String,
    currency: String,
}

impl std::fmt::Debug for Stripe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stripe")
            .field("currency", &self.currency)
            .finish_non_exhaustive()
    }
}

fn gateway_error(e: StripeError) -> GatewayError {
    match e {
        StripeError::Stripe(err, 402) => {
            tracing::info!(code = ?err.code, "card declined");
            GatewayError::Declined
        }
        StripeError::Stripe(err, status) if (400..500).contains(&status) && status != 429 => {
            GatewayError::Refused(format!("{status}: {:?}", err.code))
        }
        other => GatewayError::Unavailable(other.to_string()),
    }
}

fn idempotent(key: &str) -> Result<RequestStrategy, GatewayError> {
    stripe_client_core::IdempotencyKey::new(key)
        .map(RequestStrategy::Idempotent)
        .map_err(|e| GatewayError::Unavailable(format!("idempotency key: {e}")))
}

fn currency(code: &str) -> Result<Currency, GatewayError> {
    code.parse::<Currency>()
        .map_err(|_| GatewayError::Unavailable(format!("currency {code:?}")))
}

fn session_state(s: &CheckoutSession) -> SessionState {
    use stripe_shared::{CheckoutSessionPaymentStatus as Paid, CheckoutSessionStatus as Status};
    let status = match &s.status {
        Some(Status::Complete) => "complete",
        Some(Status::Expired) => "expired",
        _ => "open",
    };
    let done =
        status == "complete" && matches!(s.payment_status, Paid::Paid | Paid::NoPaymentRequired);
    SessionState {
        session_id: s.id.as_str().to_owned(),
        status: status.to_owned(),
        done,
        payment_intent_id: s
            .payment_intent
            .as_ref()
            .map(|p| p.id().as_str().to_owned()),
        setup_intent_id: s.setup_intent.as_ref().map(|p| p.id().as_str().to_owned()),
        customer_id: s.customer.as_ref().map(|c| c.id().as_str().to_owned()),
        amount_total: s.amount_total,
        reference: s
            .metadata
            .as_ref()
            .and_then(|m| m.get("reservation").cloned())
            .or_else(|| s.client_reference_id.clone()),
    }
}

impl Stripe {
    /// The client, or `None` when a secret is missing.
    pub fn from_config(config: &StripeConfig) -> Option<Result<Stripe, GatewayError>> {
        let key = config.secret_key.as_deref().filter(|k| !k.is_empty())?;
        let webhook_secret = config.webhook_secret.as_deref().filter(|k| !k.is_empty())?;
        let mut builder = ClientBuilder::new(key).timeout(Duration::from_secs(20));
        if let Some(base) = config.api_base.as_deref().filter(|b| !b.is_empty()) {
            let base = if base.ends_with('/') {
                base.to_owned()
            } else {
                format!("{base}/")
            };
            builder = builder.url(base);
        }
        Some(
            builder
                .build()
                .map(|client| Stripe {
                    client,
                    webhook_secret: webhook_secret.to_owned(),
                    currency: config.currency.clone(),
                })
                .map_err(|e| GatewayError::Unavailable(e.to_string())),
        )
    }

    /// The currency bookings are charged in.
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// Opens a Checkout Session for a booking (a customer first, for a
    /// card to be saved). Both calls are keyed by the booking's reference,
    /// so a retry opens the same session.
    pub async fn create_checkout(&self, req: &CheckoutRequest) -> Result<Checkout, GatewayError> {
        let metadata = HashMap::from([("reservation".to_owned(), req.reference.clone())]);
        let locale = if req.locale == "fr" {
            CheckoutSessionLocale::Fr
        } else {
            CheckoutSessionLocale::En
        };
        let mut create = CreateCheckoutSession::new()
            .success_url(req.success_url.clone())
            .cancel_url(req.cancel_url.clone())
            .client_reference_id(req.reference.clone())
            .metadata(metadata.clone())
            .locale(locale)
            .expires_at(req.expires_at.timestamp());
        match req.mode {
            CheckoutMode::Payment => {
                let mut price =
                    CreateCheckoutSessionLineItemsPriceData::new(currency(&req.currency)?);
                price.product_data = Some(ProductData::new(req.description.clone()));
                price.unit_amount = Some(req.amount_cents);
                let item = CreateCheckoutSessionLineItems {
                    price_data: Some(price),
                    quantity: Some(1),
                    ..CreateCheckoutSessionLineItems::new()
                };
                let mut intent = CreateCheckoutSessionPaymentIntentData::new();
                intent.metadata = Some(metadata);
                intent.description = Some(req.description.clone());
                create = create
                    .mode(CheckoutSessionMode::Payment)
                    .line_items(vec![item])
                    .customer_email(req.email.clone())
                    .payment_intent_data(intent);
            }
            CheckoutMode::Setup => {
                let customer = CreateCustomer::new()
                    .email(req.email.clone())
                    .name(req.name.clone())
                    .metadata(metadata.clone())
                    .customize()
                    .request_strategy(idempotent(&format!("customer-{}", req.reference))?)
                    .send(&self.client)
                    .await
                    .map_err(gateway_error)?;
                let mut intent = CreateCheckoutSessionSetupIntentData::new();
                intent.metadata = Some(metadata);
                intent.description = Some(req.description.clone());
                create = create
                    .mode(CheckoutSessionMode::Setup)
                    .currency(currency(&req.currency)?)
                    .customer(customer.id.as_str().to_owned())
                    .setup_intent_data(intent);
            }
        }
        let session = create
            .customize()
            .request_strategy(idempotent(&format!("checkout-{}", req.reference))?)
            .send(&self.client)
            .await
            .map_err(gateway_error)?;
        let url = session
            .url
            .clone()
            .ok_or_else(|| GatewayError::Unavailable("a session without a url".to_owned()))?;
        Ok(Checkout {
            session_id: session.id.as_str().to_owned(),
            url,
        })
    }

    /// What a session says now.
    pub async fn session(&self, session_id: &str) -> Result<SessionState, GatewayError> {
        RetrieveCheckoutSession::new(session_id)
            .send(&self.client)
            .await
            .map(|s| session_state(&s))
            .map_err(gateway_error)
    }

    /// Closes an open session, so that it can no longer be paid. Refused
    /// when it was completed meanwhile.
    pub async fn expire(&self, session_id: &str) -> Result<SessionState, GatewayError> {
        ExpireCheckoutSession::new(session_id)
            .send(&self.client)
            .await
            .map(|s| session_state(&s))
            .map_err(gateway_error)
    }

    /// The card a setup session saved: (customer, payment method).
    pub async fn saved_card(
        &self,
        setup_intent_id: &str,
    ) -> Result<(Option<String>, Option<String>), GatewayError> {
        let intent = RetrieveSetupIntent::new(setup_intent_id)
            .send(&self.client)
            .await
            .map_err(gateway_error)?;
        Ok((
            intent.customer.as_ref().map(|c| c.id().as_str().to_owned()),
            intent
                .payment_method
                .as_ref()
                .map(|p| p.id().as_str().to_owned()),
        ))
    }

    /// Refunds `amount_cents` of a payment; the key makes a retry the same
    /// refund.
    pub async fn refund(
        &self,
        payment_intent_id: &str,
        amount_cents: i64,
        reference: &str,
        key: &str,
    ) -> Result<String, GatewayError> {
        let refund = CreateRefund::new()
            .payment_intent(payment_intent_id.to_owned())
            .amount(amount_cents)
            .reason(CreateRefundReason::RequestedByCustomer)
            .metadata(HashMap::from([(
                "reservation".to_owned(),
                reference.to_owned(),
            )]))
            .customize()
            .request_strategy(idempotent(key)?)
            .send(&self.client)
            .await
            .map_err(gateway_error)?;
        Ok(refund.id.as_str().to_owned())
    }

    /// Charges a saved card without the guest (a no-show fee).
    pub async fn charge_saved_card(
        &self,
        customer_id: &str,
        payment_method_id: &str,
        amount_cents: i64,
        reference: &str,
        key: &str,
    ) -> Result<String, GatewayError> {
        let intent = CreatePaymentIntent::new(amount_cents, currency(&self.currency)?)
            .customer(customer_id.to_owned())
            .payment_method(payment_method_id.to_owned())
            .off_session(CreatePaymentIntentOffSession::Bool(true))
            .confirm(true)
            .metadata(HashMap::from([(
                "reservation".to_owned(),
                reference.to_owned(),
            )]))
            .customize()
            .request_strategy(idempotent(key)?)
            .send(&self.client)
            .await
            .map_err(gateway_error)?;
        Ok(intent.id.as_str().to_owned())
    }

    /// Verifies a webhook's signature (5 minutes' tolerance around `now`)
    /// and reads the event.
    pub fn event(
        &self,
        payload: &str,
        signature: &str,
        now: DateTime<Utc>,
    ) -> Result<GatewayEvent, WebhookRefusal> {
        let event = Webhook::construct_event_with_timestamp(
            payload,
            signature,
            &self.webhook_secret,
            now.timestamp(),
        )
        .map_err(|e| match e {
            stripe_webhook::WebhookError::BadParse(_) => WebhookRefusal::Payload,
            _ => WebhookRefusal::Signature,
        })?;
        let reference = |m: &HashMap<String, String>| m.get("reservation").cloned();
        let what = match &event.data.object {
            EventObject::CheckoutSessionCompleted(s)
            | EventObject::CheckoutSessionAsyncPaymentSucceeded(s) => {
                EventWhat::SessionCompleted(session_state(s))
            }
            EventObject::CheckoutSessionExpired(s) => EventWhat::SessionExpired(session_state(s)),
            EventObject::PaymentIntentSucceeded(p) => EventWhat::PaymentSucceeded {
                intent_id: p.id.as_str().to_owned(),
                amount_cents: p.amount_received,
                reference: reference(&p.metadata),
            },
            EventObject::PaymentIntentPaymentFailed(p) => EventWhat::PaymentFailed {
                intent_id: p.id.as_str().to_owned(),
                reference: reference(&p.metadata),
            },
            _ => EventWhat::Other,
        };
        Ok(GatewayEvent {
            id: event.id.as_str().to_owned(),
            kind: event.type_.to_string(),
            what,
        })
    }
}
