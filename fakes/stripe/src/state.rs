//! The fake's memory: every object it made, the requests it received, the
//! events it sent. Guarded by one `std::sync::Mutex`, never held across an
//! `.await`: each operation is synchronous, which also makes the idempotency
//! check-and-store atomic.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use crate::objects;

/// One Stripe API call the fake received (see [`crate::FakeStripe::requests`]).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Recorded {
    /// `GET` or `POST`.
    pub method: String,
    /// The path, e.g. `/v1/checkout/sessions`.
    pub path: String,
    /// The decoded form (POST) or query (GET) parameters by their full
    /// nested name, e.g. `line_items[0][price_data][unit_amount]` → `1200`.
    pub params: BTreeMap<String, String>,
    /// The `Idempotency-Key` header, if any.
    pub idempotency_key: Option<String>,
    /// The status of the fake's answer.
    pub status: u16,
}

/// One webhook event the fake made (see [`crate::FakeStripe::events`]).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SentEvent {
    /// The event id, `evt_…`.
    pub id: String,
    /// The event type, e.g. `checkout.session.completed`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The exact JSON body that was (or will be) POSTed.
    pub payload: String,
    /// The status of the app's answer to the last delivery; `None` while the
    /// delivery is pending or when it failed (see `error`).
    pub status: Option<u16>,
    /// Why the last delivery failed (no webhook URL, connection refused,
    /// 5 s timeout…), if it did.
    pub error: Option<String>,
    /// The start of the app's last answer body (for test diagnostics).
    pub response: Option<String>,
    /// How many deliveries were attempted (the first one and resends).
    pub deliveries: u32,
}

/// A card saved or used by the fake.
#[derive(Debug, Clone)]
pub(crate) struct Card {
    pub object: Value,
    /// Charges with it are declined (the card of a "Decline" setup checkout).
    pub declines: bool,
}

/// A line item of a payment-mode session.
#[derive(Debug, Clone)]
pub(crate) struct LineItem {
    pub name: String,
    pub unit_amount: i64,
    pub quantity: i64,
}

/// A Checkout Session and the parameters that only matter later.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub object: Value,
    pub line_items: Vec<LineItem>,
    pub payment_intent_metadata: BTreeMap<String, String>,
    pub payment_intent_description: Option<String>,
    pub setup_intent_metadata: BTreeMap<String, String>,
    /// `payment_intent_data[setup_future_usage]` was given: keep the card.
    pub save_card: bool,
    /// `customer_creation=always`: create a customer on completion.
    pub create_customer: bool,
}

/// The first answer to an `Idempotency-Key`.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub fingerprint: String,
    pub status: u16,
    pub body: Value,
}

/// A job for the webhook delivery task.
#[derive(Debug)]
pub(crate) enum Job {
    /// Deliver (or redeliver) an event; answer the app's status (0: failed).
    Deliver {
        event_id: String,
        done: Option<oneshot::Sender<u16>>,
    },
    /// Answers once every job queued before it is done.
    Flush(oneshot::Sender<()>),
}

/// Everything the fake remembers.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub webhook_url: Option<String>,
    pub customers: Vec<Value>,
    pub sessions: Vec<Session>,
    pub payment_intents: Vec<Value>,
    pub setup_intents: Vec<Value>,
    pub cards: Vec<Card>,
    pub charges: Vec<Value>,
    pub refunds: Vec<Value>,
    pub requests: Vec<Recorded>,
    pub events: Vec<SentEvent>,
    pub idempotency: HashMap<String, Stored>,
}

/// The object with this `id` in `list`.
pub(crate) fn find<'a>(list: &'a mut [Value], id: &str) -> Option<&'a mut Value> {
    list.iter_mut()
        .find(|o| o.get("id").and_then(Value::as_str) == Some(id))
}

impl State {
    /// Forgets every object, request and event (the webhook URL stays).
    pub fn reset(&mut self) {
        let webhook_url = self.webhook_url.take();
        *self = State {
            webhook_url,
            ..State::default()
        };
    }

    pub fn session(&mut self, id: &str) -> Option<&mut Session> {
        self.sessions
            .iter_mut()
            .find(|s| s.object.get("id").and_then(Value::as_str) == Some(id))
    }

    pub fn card(&self, id: &str) -> Option<&Card> {
        self.cards
            .iter()
            .find(|c| c.object.get("id").and_then(Value::as_str) == Some(id))
    }

    /// Any object by id, for `expand[]` (the prefix tells its kind).
    pub fn object(&mut self, id: &str) -> Option<Value> {
        let found = if id.starts_with("cs_") {
            self.session(id).map(|s| &mut s.object)
        } else if id.starts_with("pi_") {
            find(&mut self.payment_intents, id)
        } else if id.starts_with("seti_") {
            find(&mut self.setup_intents, id)
        } else if id.starts_with("cus_") {
            find(&mut self.customers, id)
        } else if id.starts_with("ch_") {
            find(&mut self.charges, id)
        } else if id.starts_with("re_") {
            find(&mut self.refunds, id)
        } else if id.starts_with("pm_") {
            return self.card(id).map(|c| c.object.clone());
        } else {
            None
        };
        found.map(|o| o.clone())
    }
}

/// What the server, the delivery task and the handle share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub state: Mutex<State>,
    pub secret: String,
    pub base_url: String,
    pub queue: mpsc::UnboundedSender<Job>,
}

impl Shared {
    /// The state; a panic elsewhere while it was held does not poison it.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Makes an event of `kind` for the current `object`, records it and
    /// queues its delivery (in order, after the events made before it).
    /// `request` is Stripe's `{"id", "idempotency_key"}` of the API call that
    /// caused it (both null for the checkout page and timeouts).
    pub fn emit(&self, state: &mut State, kind: &str, object: &Value, request: &Value) -> String {
        let pending = i64::from(state.webhook_url.is_some());
        let event = objects::event(kind, object.clone(), request.clone(), pending);
        let id = event
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let payload = serde_json::to_string_pretty(&event).unwrap_or_default();
        state.events.push(SentEvent {
            id: id.clone(),
            kind: kind.to_string(),
            payload,
            status: None,
            error: None,
            response: None,
            deliveries: 0,
        });
        let _ = self.queue.send(Job::Deliver {
            event_id: id.clone(),
            done: None,
        });
        id
    }
}
