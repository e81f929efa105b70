//! Signed webhook deliveries, one at a time and in order, by one task.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::sync::{mpsc, oneshot};

use crate::objects::now;
use crate::state::{Job, Shared};

/// How long the fake waits for the app to answer a webhook.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(5);

/// Stripe's `Stripe-Signature` header for `payload` signed with `secret` at
/// `timestamp` (Unix seconds): `t=<timestamp>,v1=<hex HMAC-SHA256 of "<t>.<payload>">`.
pub fn sign(payload: &str, secret: &str, timestamp: i64) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any size");
    mac.update(format!("{timestamp}.{payload}").as_bytes());
    let v1 = hex::encode(mac.finalize().into_bytes());
    format!("t={timestamp},v1={v1}")
}

/// The delivery task: runs the jobs of `queue` one after the other.
pub(crate) async fn worker(shared: Arc<Shared>, mut queue: mpsc::UnboundedReceiver<Job>) {
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap_or_default();
    while let Some(job) = queue.recv().await {
        match job {
            Job::Deliver { event_id, done } => {
                let status = deliver(&shared, &client, &event_id).await;
                if let Some(done) = done {
                    let _ = done.send(status);
                }
            }
            Job::Flush(done) => {
                let _ = done.send(());
            }
        }
    }
}

/// Waits until every webhook queued so far was delivered (or failed).
pub(crate) async fn flush(shared: &Shared) {
    let (done, wait) = oneshot::channel();
    if shared.queue.send(Job::Flush(done)).is_ok() {
        let _ = wait.await;
    }
}

/// Delivers a recorded event again (same payload, fresh signature), after the
/// queued ones; answers the app's status, 0 if it failed, `None` if unknown.
pub(crate) async fn resend(shared: &Shared, event_id: &str) -> Option<u16> {
    if !shared.lock().events.iter().any(|e| e.id == event_id) {
        return None;
    }
    let (done, wait) = oneshot::channel();
    let job = Job::Deliver {
        event_id: event_id.to_string(),
        done: Some(done),
    };
    shared.queue.send(job).ok()?;
    Some(wait.await.unwrap_or(0))
}

/// POSTs the event with a fresh signature, records the outcome and answers
/// the app's status (0 when the delivery failed).
async fn deliver(shared: &Shared, client: &reqwest::Client, event_id: &str) -> u16 {
    let (url, payload) = {
        let state = shared.lock();
        let Some(event) = state.events.iter().find(|e| e.id == event_id) else {
            return 0;
        };
        (state.webhook_url.clone(), event.payload.clone())
    };
    let outcome = match url {
        None => Err("no webhook URL configured".to_string()),
        Some(url) => post(client, &url, &payload, &shared.secret).await,
    };
    let mut state = shared.lock();
    let Some(event) = state.events.iter_mut().find(|e| e.id == event_id) else {
        return 0;
    };
    event.deliveries += 1;
    match outcome {
        Ok((status, body)) => {
            tracing::debug!(event = event_id, status, "webhook delivered");
            event.status = Some(status);
            event.error = None;
            event.response = Some(body);
            status
        }
        Err(error) => {
            tracing::warn!(event = event_id, %error, "webhook delivery failed");
            event.status = None;
            event.error = Some(error);
            event.response = None;
            0
        }
    }
}

async fn post(
    client: &reqwest::Client,
    url: &str,
    payload: &str,
    secret: &str,
) -> Result<(u16, String), String> {
    let response = client
        .post(url)
        .header("Content-Type", "application/json; charset=utf-8")
        .header(
            "User-Agent",
            "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        )
        .header("Stripe-Signature", sign(payload, secret, now()))
        .body(payload.to_string())
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response.text().await.unwrap_or_default();
    Ok((status, body.chars().take(1000).collect()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn signature_matches_stripe_docs_shape() {
        let header = super::sign("{}", "whsec_x", 1_700_000_000);
        let (t, v1) = header.split_once(',').unwrap();
        assert_eq!(t, "t=1700000000");
        assert_eq!(v1.len(), 3 + 64);
        assert_ne!(header, super::sign("{} ", "whsec_x", 1_700_000_000));
    }
}
