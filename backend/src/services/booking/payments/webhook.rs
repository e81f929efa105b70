//! Stripe's webhooks: verified (signature, 5 minutes' tolerance), applied
//! once (every event is recorded by id after it was applied; a replay
//! changes nothing), in any order (a payment after its hold was released
//! re-books the table if it is still free, else is refunded at once).

use super::settle;
use crate::payments::{EventWhat, Payments, WebhookRefusal};
use crate::services::ServiceError;
use crate::store::{Actor, Store};
use chrono::{DateTime, Utc};

/// What became of a webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookOutcome {
    Applied,
    /// Seen before: nothing changed.
    Duplicate,
    /// Refused (bad or stale signature, unreadable): nothing changed.
    Refused(WebhookRefusal),
    /// Payments are not configured here.
    NotConfigured,
}

/// Verifies and applies one webhook delivery. A failure to apply (the
/// database) is an error, so that Stripe delivers the event again.
#[tracing::instrument(skip_all)]
pub async fn webhook(
    store: &Store,
    payments: &Payments,
    payload: &str,
    signature: &str,
    now: DateTime<Utc>,
) -> Result<WebhookOutcome, ServiceError> {
    let Some(stripe) = payments.stripe() else {
        return Ok(WebhookOutcome::NotConfigured);
    };
    let event = match stripe.event(payload, signature, now) {
        Ok(event) => event,
        Err(refusal) => {
            tracing::warn!(security_event = "webhook_refused", %refusal, "stripe webhook refused");
            return Ok(WebhookOutcome::Refused(refusal));
        }
    };
    if store.stripe_event_seen(&event.id).await? {
        return Ok(WebhookOutcome::Duplicate);
    }
    tracing::info!(event = %event.id, kind = %event.kind, "stripe event");
    match event.what {
        EventWhat::SessionCompleted(state) if state.done => {
            if let Some(payment) = store.payment_by_session(&state.session_id).await? {
                let amount = state.amount_total.unwrap_or(payment.amount_cents);
                settle(
                    store,
                    payments,
                    &payment,
                    state.payment_intent_id,
                    state.setup_intent_id,
                    amount,
                    now,
                )
                .await?;
            }
        }
        EventWhat::SessionExpired(state) => {
            if let Some(payment) = store.payment_by_session(&state.session_id).await? {
                store
                    .release_payment_hold(
                        payment.id,
                        payment.restaurant_id,
                        "payment_expired",
                        Actor::System,
                        now,
                    )
                    .await?;
            }
        }
        EventWhat::PaymentSucceeded {
            intent_id,
            amount_cents,
            reference,
        } => {
            let payment = match store.payment_by_intent(&intent_id).await? {
                Some(p) => Some(p),
                None => match reference {
                    Some(r) => store.payment_by_reference(&r).await?,
                    None => None,
                },
            };
            // A deposit's payment (a fee's intent has no pending payment).
            if let Some(payment) =
                payment.filter(|p| p.status == "pending" || p.status == "expired")
            {
                if payment.kind == "deposit" {
                    settle(
                        store,
                        payments,
                        &payment,
                        Some(intent_id),
                        None,
                        amount_cents,
                        now,
                    )
                    .await?;
                }
            }
        }
        EventWhat::PaymentFailed { reference, .. } => {
            // The guest may try another card while the hold lasts.
            tracing::info!(reference = ?reference, "a payment attempt failed");
        }
        EventWhat::SessionCompleted(_) | EventWhat::Other => {}
    }
    store
        .record_stripe_event(&event.id, &event.kind, now)
        .await?;
    Ok(WebhookOutcome::Applied)
}
