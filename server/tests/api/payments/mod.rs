//! Payments against a fake Stripe (`fakes/stripe`: Stripe's wire format,
//! signed webhooks): deposits and card guarantees, holds, webhooks, refunds
//! and fees, the staff's payments list, on both databases.

mod deposits;
mod list;
mod money;
mod webhooks;

use crate::helpers::{dates, reference, Booking, Db, Role, TestApp};
use backend::payments::{Payments, StripeConfig};
use chrono::{NaiveDate, TimeDelta, Utc, Weekday};
use fake_stripe::{Config, FakeStripe};
use serde_json::{json, Value};

pub const WEBHOOK_SECRET: &str = "whsec_test_techplus";

/// The app with Stripe configured (pointed at the fake), and the fake with
/// the app's webhook address.
pub struct PaidApp {
    pub app: TestApp,
    pub stripe: FakeStripe,
}

impl PaidApp {
    pub async fn spawn(db: Db) -> PaidApp {
        let stripe = FakeStripe::start(Config {
            webhook_url: None,
            webhook_secret: WEBHOOK_SECRET.into(),
        })
        .await;
        let base = stripe.base_url();
        let app = TestApp::spawn_with(
            db,
            &[
                ("STRIPE_SECRET_KEY", "sk_test_techplus"),
                ("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET),
                ("STRIPE_API_BASE", &base),
                // The tests release holds themselves, at a chosen instant.
                ("HOLD_SWEEP_SECONDS", "3600"),
            ],
        )
        .await;
        stripe.set_webhook(app.url("/webhooks/stripe"));
        PaidApp { app, stripe }
    }

    /// The payment provider as the server has it (for the services the
    /// tests call directly).
    pub fn payments(&self) -> Payments {
        Payments::new(
            &StripeConfig {
                secret_key: Some("sk_test_techplus".into()),
                webhook_secret: Some(WEBHOOK_SECRET.into()),
                api_base: Some(self.stripe.base_url()),
                currency: "eur".into(),
            },
            &self.app.origin,
        )
        .expect("payments configured")
    }

    /// Sets the payment policy through the admin API.
    pub async fn policy(&self, policy: Value) {
        let mut admin = self.app.signed_in(Role::Admin).await;
        let (status, body) = admin.put("/api/admin/settings/payments", policy).await;
        assert_eq!(status, 200, "{body}");
    }

    /// A deposit of 15.00 per guest for every party, refunded in full up
    /// to 48 hours before, half after.
    pub async fn deposits(&self) {
        self.policy(json!({
            "mode": "deposit", "deposit_per_guest_cents": 1500, "from_party": 1,
            "hold_minutes": 10, "refund_cutoff_hours": 48, "late_refund_percent": 50,
        }))
        .await;
    }

    /// A booking that must pay: 201, `pending_payment`, with where to pay.
    pub async fn book_pending(&self, booking: &Booking) -> Value {
        let created = self.app.book(booking).await;
        assert_eq!(created["status"], "pending_payment", "{created}");
        assert!(created["payment"]["url"].as_str().is_some(), "{created}");
        created
    }

    /// The Checkout Session a booking was sent to.
    pub async fn session_of(&self, created: &Value) -> String {
        let reference = reference(created);
        let sql = format!(
            "SELECT p.id FROM payments p JOIN reservations r ON r.id = p.reservation_id \
             WHERE r.reference = '{reference}'"
        );
        assert!(self.app.count(&sql).await > 0, "a payment row");
        let url = created["payment"]["url"].as_str().unwrap();
        url.rsplit('/').next().unwrap().to_owned()
    }

    /// A booking's status and its payment's, as stored.
    pub async fn statuses(&self, created: &Value) -> (String, String) {
        let reference = reference(created);
        let row: (String, String) = on_store!(&self.app.store, pool => sqlx::query_as(
            "SELECT r.status, p.status FROM reservations r JOIN payments p ON p.reservation_id = r.id \
             WHERE r.reference = $1")
            .bind(&reference).fetch_one(pool).await.unwrap());
        row
    }

    /// The history actions of a booking, oldest first.
    pub async fn history(&self, created: &Value) -> Vec<String> {
        let reference = reference(created);
        on_store!(&self.app.store, pool => sqlx::query_scalar::<_, String>(
            "SELECT e.action FROM reservation_events e JOIN reservations r ON r.id = e.reservation_id \
             WHERE r.reference = $1 ORDER BY e.id")
            .bind(&reference).fetch_all(pool).await.unwrap())
    }

    pub async fn stop(self) {
        self.app.stop().await;
    }
}

/// A Thursday far enough ahead for every rule (and the refund cut-off).
pub async fn thursday(app: &TestApp) -> NaiveDate {
    dates::next_after(app, Weekday::Thu, 7).await
}

/// Past every hold the policy may set.
pub fn after_the_hold() -> chrono::DateTime<Utc> {
    Utc::now() + TimeDelta::minutes(61)
}
