//! Helpers of the wire tests: a webhook receiver that checks signatures like
//! the app, a fake with a real async-stripe client pointed at it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use fake_stripe::{Config, FakeStripe};
use stripe::{ApiErrors, Client, ClientBuilder, StripeError};
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionLineItems, CreateCheckoutSessionLineItemsPriceData,
    CreateCheckoutSessionPaymentIntentData, ProductData,
};
use stripe_checkout::{CheckoutSessionLocale, CheckoutSessionMode};
use stripe_types::Currency;
use stripe_webhook::{Event, Webhook};

pub const SECRET: &str = "whsec_wire_tests";

/// The webhooks received: (payload, Stripe-Signature).
#[derive(Clone, Default)]
pub struct Inbox(Arc<Mutex<Vec<(String, String)>>>);

impl Inbox {
    pub fn raw(&self) -> Vec<(String, String)> {
        self.0.lock().unwrap().clone()
    }

    /// Every webhook received, verified and parsed by async-stripe.
    pub fn events(&self) -> Vec<Event> {
        self.raw()
            .iter()
            .map(|(payload, signature)| {
                Webhook::construct_event(payload, signature, SECRET)
                    .unwrap_or_else(|e| panic!("webhook rejected: {e:?}\n{payload}"))
            })
            .collect()
    }

    pub fn types(&self) -> Vec<String> {
        self.events()
            .iter()
            .map(|e| e.type_.as_str().to_string())
            .collect()
    }
}

/// Answers 200 to a webhook async-stripe accepts, 400 otherwise (like the app).
async fn receive(State(inbox): State<Inbox>, headers: HeaderMap, body: String) -> StatusCode {
    let signature = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let accepted = Webhook::construct_event(&body, &signature, SECRET).is_ok();
    inbox.0.lock().unwrap().push((body, signature));
    if accepted {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    }
}

/// A webhook receiver on 127.0.0.1:0; answers its URL.
pub async fn receiver() -> (String, Inbox) {
    let inbox = Inbox::default();
    let app = Router::new()
        .route("/webhook", post(receive))
        .with_state(inbox.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, inbox)
}

/// A fake whose webhooks go to a receiver, and a client pointed at it.
pub async fn setup() -> (FakeStripe, Client, Inbox) {
    let (url, inbox) = receiver().await;
    let fake = FakeStripe::start(Config {
        webhook_url: None,
        webhook_secret: SECRET.to_string(),
    })
    .await;
    fake.set_webhook(url);
    let client = ClientBuilder::new("sk_test_wire")
        .url(fake.base_url())
        .build()
        .unwrap();
    (fake, client, inbox)
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn metadata(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A payment-mode session as the app makes it: 2 × EUR 12.00 with metadata.
pub fn deposit_session() -> CreateCheckoutSession {
    let mut price = CreateCheckoutSessionLineItemsPriceData::new(Currency::EUR);
    price.unit_amount = Some(1200);
    price.product_data = Some(ProductData::new("Deposit, table for 2"));
    let item = CreateCheckoutSessionLineItems {
        price_data: Some(price),
        quantity: Some(2),
        ..Default::default()
    };
    let mut intent_data = CreateCheckoutSessionPaymentIntentData::new();
    intent_data.metadata = Some(metadata(&[("reservation", "ABC")]));
    CreateCheckoutSession::new()
        .mode(CheckoutSessionMode::Payment)
        .line_items(vec![item])
        .success_url("http://app.test/paid?session={CHECKOUT_SESSION_ID}")
        .cancel_url("http://app.test/back")
        .client_reference_id("ABC")
        .customer_email("guest@example.com")
        .metadata(metadata(&[("reservation", "ABC")]))
        .payment_intent_data(intent_data)
        .locale(CheckoutSessionLocale::Fr)
        .expires_at(now() + 3600)
}

/// Stripe's error of a failed call, with its status.
pub fn stripe_error(result: Result<impl std::fmt::Debug, StripeError>) -> (ApiErrors, u16) {
    match result {
        Err(StripeError::Stripe(error, status)) => (*error, status),
        other => panic!("expected a Stripe error, got {other:?}"),
    }
}
