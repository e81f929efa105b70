//! A fake Stripe server for the tests (the real Stripe cannot be reached).
//!
//! It speaks Stripe's wire format — form-encoded requests with nested keys,
//! JSON answers, Stripe's error objects, `Idempotency-Key` — for the few
//! endpoints TechPlus uses: Customers, Checkout Sessions (payment and setup
//! mode), PaymentIntents (retrieve; create off-session), SetupIntents,
//! Refunds. It serves its own hosted checkout page (`/pay/{session id}`, the
//! session's `url`) and sends signed webhook events (`Stripe-Signature`) to a
//! configured URL. Every object is built from Stripe's own complete example
//! objects, so async-stripe can read them.
//!
//! ```no_run
//! # async fn demo() {
//! use fake_stripe::{Config, FakeStripe};
//! let fake = FakeStripe::start(Config {
//!     webhook_url: None,
//!     webhook_secret: "whsec_test".into(),
//! })
//! .await;
//! // Point the app at fake.base_url(); once its port is known:
//! fake.set_webhook("http://127.0.0.1:3000/stripe/webhook".into());
//! # }
//! ```
//!
//! Tests drive it in-process ([`FakeStripe::pay`], [`FakeStripe::events`]…)
//! or over HTTP with the `/_fake/…` control endpoints (see the crate README).

mod api;
mod control;
mod error;
mod form;
mod objects;
mod page;
mod payments;
mod sessions;
mod state;
mod webhooks;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::routing::{any, get};
use axum::Router;
use serde_json::Value;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use control::Action;
pub use state::{Recorded, SentEvent};
use state::{Shared, State};
pub use webhooks::sign;

/// How the fake is set up.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Where the webhook events are POSTed (none: they are only recorded).
    pub webhook_url: Option<String>,
    /// The endpoint's signing secret (`whsec_…`) for `Stripe-Signature`.
    pub webhook_secret: String,
}

/// A running fake Stripe. Dropping it stops the server.
#[derive(Debug)]
pub struct FakeStripe {
    shared: Arc<Shared>,
    addr: SocketAddr,
    tasks: Vec<JoinHandle<()>>,
}

impl FakeStripe {
    /// Starts the fake on `127.0.0.1` at a free port, serving in a tokio task.
    ///
    /// # Panics
    /// If no local port can be bound.
    pub async fn start(config: Config) -> FakeStripe {
        let listen = SocketAddr::from(([127, 0, 0, 1], 0));
        Self::start_at(config, listen)
            .await
            .expect("fake Stripe: cannot bind 127.0.0.1:0")
    }

    /// Starts the fake on `listen` (the `fake-stripe` binary's `--listen`).
    ///
    /// # Errors
    /// If the address cannot be bound.
    pub async fn start_at(config: Config, listen: SocketAddr) -> std::io::Result<FakeStripe> {
        let listener = tokio::net::TcpListener::bind(listen).await?;
        let addr = listener.local_addr()?;
        let (queue, jobs) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                webhook_url: config.webhook_url,
                ..State::default()
            }),
            secret: config.webhook_secret,
            base_url: format!("http://{addr}"),
            queue,
        });
        let app = Router::new()
            .route("/v1/{*path}", any(api::handle))
            .route("/pay/{id}", get(page::show).post(page::submit))
            .merge(control::routes())
            .with_state(shared.clone());
        let worker = tokio::spawn(webhooks::worker(shared.clone(), jobs));
        let server = tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, app).await {
                tracing::error!(%error, "fake Stripe server stopped");
            }
        });
        Ok(FakeStripe {
            shared,
            addr,
            tasks: vec![server, worker],
        })
    }

    /// The URL to give the Stripe client, e.g. `http://127.0.0.1:PORT`
    /// (no trailing slash; the API is under `/v1`).
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Sets where the webhook events go from now on (the app's port is often
    /// known only after the fake started).
    pub fn set_webhook(&self, url: String) {
        self.shared.lock().webhook_url = Some(url);
    }

    /// The page's "Pay" ("Save card" in setup mode) for a session, without the
    /// redirect: completes it, delivers the webhooks, answers the session — or
    /// Stripe's `{"error": …}` object if the session is unknown or not open.
    pub async fn pay(&self, session_id: &str) -> Value {
        control::act(&self.shared, session_id, Action::Pay).await.1
    }

    /// The page's "Decline": payment mode, a declined card (the session stays
    /// open, `payment_intent.payment_failed`); setup mode, a card is saved
    /// whose later off-session charges are declined. Answers the session.
    pub async fn decline(&self, session_id: &str) -> Value {
        control::act(&self.shared, session_id, Action::Decline)
            .await
            .1
    }

    /// The session times out as Stripe would: status `expired`,
    /// `checkout.session.expired` delivered. Answers the session.
    pub async fn expire(&self, session_id: &str) -> Value {
        control::act(&self.shared, session_id, Action::Expire)
            .await
            .1
    }

    /// Delivers a recorded event again, same payload with a fresh signature;
    /// answers the app's status (0 if the delivery failed or the event is unknown).
    pub async fn resend(&self, event_id: &str) -> u16 {
        webhooks::resend(&self.shared, event_id).await.unwrap_or(0)
    }

    /// Waits until every event made so far was delivered (those caused by
    /// API calls are delivered in the background, as Stripe does).
    pub async fn flush(&self) {
        webhooks::flush(&self.shared).await;
    }

    /// Every Stripe API call received, oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// Every event made, oldest first, with the outcome of its delivery.
    pub fn events(&self) -> Vec<SentEvent> {
        self.shared.lock().events.clone()
    }

    /// Every refund, oldest first.
    pub fn refunds(&self) -> Vec<Value> {
        self.shared.lock().refunds.clone()
    }

    /// Every PaymentIntent, oldest first.
    pub fn payment_intents(&self) -> Vec<Value> {
        self.shared.lock().payment_intents.clone()
    }

    /// A Checkout Session as it is now.
    pub fn session(&self, id: &str) -> Option<Value> {
        self.shared.lock().session(id).map(|s| s.object.clone())
    }

    /// A signed event of `kind` for any `object`, without sending it (for
    /// forged, stale or out-of-order deliveries made by the tests): the
    /// payload and its `Stripe-Signature` at the current time. Re-sign with
    /// [`sign`] for another time or secret.
    pub fn event(&self, kind: &str, object: Value) -> (String, String) {
        let request = serde_json::json!({ "id": null, "idempotency_key": null });
        let event = objects::event(kind, object, request, 1);
        let payload = serde_json::to_string_pretty(&event).unwrap_or_default();
        let signature = sign(&payload, &self.shared.secret, objects::now());
        (payload, signature)
    }

    /// Forgets every object, request and event (the webhook URL stays).
    pub async fn reset(&self) {
        webhooks::flush(&self.shared).await;
        self.shared.lock().reset();
    }
}

impl Drop for FakeStripe {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}
