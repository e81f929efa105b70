//! The fake against the real Stripe client (async-stripe 1.0.0-rc.10, the
//! app's): requests encoded by it, answers and webhooks decoded by it.

#[path = "wire/expiry.rs"]
mod expiry;
#[path = "wire/page.rs"]
mod page;
#[path = "wire/setup.rs"]
mod setup;
mod support;

use fake_stripe::sign;
use stripe::{ApiErrorsCode, ApiErrorsType, IdempotencyKey, RequestStrategy, StripeRequest};
use stripe_checkout::checkout_session::RetrieveCheckoutSession;
use stripe_checkout::{CheckoutSessionMode, CheckoutSessionPaymentStatus, CheckoutSessionStatus};
use stripe_core::payment_intent::RetrievePaymentIntent;
use stripe_core::refund::{CreateRefund, RetrieveRefund};
use stripe_core::PaymentIntentStatus;
use stripe_types::Currency;
use stripe_webhook::{EventObject, Webhook, WebhookError};
use support::{deposit_session, metadata, setup, stripe_error, SECRET};

#[tokio::test]
async fn payment_checkout_webhooks_and_refunds() {
    let (fake, client, inbox) = setup().await;
    let session = deposit_session().send(&client).await.unwrap();
    assert!(session.id.as_str().starts_with("cs_test_"));
    let url = session.url.clone().unwrap();
    assert_eq!(url, format!("{}/pay/{}", fake.base_url(), session.id));
    assert_eq!(session.amount_total, Some(2400));
    assert_eq!(session.currency, Some(Currency::EUR));
    assert_eq!(session.status, Some(CheckoutSessionStatus::Open));
    assert_eq!(session.payment_status, CheckoutSessionPaymentStatus::Unpaid);
    assert_eq!(session.mode, CheckoutSessionMode::Payment);
    assert_eq!(session.client_reference_id.as_deref(), Some("ABC"));
    assert_eq!(session.metadata.as_ref().unwrap()["reservation"], "ABC");
    assert!(session.payment_intent.is_none());

    // The wire format: Stripe's nested form keys, as async-stripe sends them.
    let request = fake.requests().remove(0);
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("POST", "/v1/checkout/sessions")
    );
    let param = |k: &str| request.params.get(k).map(String::as_str);
    assert_eq!(
        param("line_items[0][price_data][unit_amount]"),
        Some("1200")
    );
    assert_eq!(param("line_items[0][price_data][currency]"), Some("eur"));
    assert_eq!(
        param("line_items[0][price_data][product_data][name]"),
        Some("Deposit, table for 2")
    );
    assert_eq!(param("line_items[0][quantity]"), Some("2"));
    assert_eq!(
        param("payment_intent_data[metadata][reservation]"),
        Some("ABC")
    );
    assert_eq!(param("mode"), Some("payment"));

    // Paid on the page: checkout.session.completed, then payment_intent.succeeded.
    let paid = fake.pay(session.id.as_str()).await;
    assert_eq!(paid["status"], "complete");
    assert_eq!(
        inbox.types(),
        ["checkout.session.completed", "payment_intent.succeeded"]
    );
    let events = inbox.events();
    let EventObject::CheckoutSessionCompleted(completed) = &events[0].data.object else {
        panic!(
            "not a CheckoutSessionCompleted: {:?}",
            events[0].data.object
        );
    };
    assert_eq!(completed.id, session.id);
    assert_eq!(completed.payment_status, CheckoutSessionPaymentStatus::Paid);
    assert_eq!(completed.status, Some(CheckoutSessionStatus::Complete));
    let pi_id = completed.payment_intent.as_ref().unwrap().id().clone();
    let EventObject::PaymentIntentSucceeded(succeeded) = &events[1].data.object else {
        panic!("not a PaymentIntentSucceeded");
    };
    assert_eq!(succeeded.id, pi_id);
    assert_eq!(succeeded.metadata["reservation"], "ABC");
    assert!(fake.events().iter().all(|e| e.status == Some(200)));

    let retrieved = RetrieveCheckoutSession::new(session.id.clone())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(retrieved.status, Some(CheckoutSessionStatus::Complete));
    assert_eq!(retrieved.payment_intent.unwrap().id(), &pi_id);
    let intent = RetrievePaymentIntent::new(pi_id.clone())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(intent.status, PaymentIntentStatus::Succeeded);
    assert_eq!((intent.amount, intent.amount_received), (2400, 2400));
    assert_eq!(intent.currency, Currency::EUR);
    assert!(intent.latest_charge.is_some());

    // The same idempotency key twice: one refund.
    let key = IdempotencyKey::new("refund-ABC-1").unwrap();
    let refund = || {
        CreateRefund::new()
            .payment_intent(pi_id.as_str())
            .amount(1000)
            .metadata(metadata(&[("reservation", "ABC")]))
            .customize()
            .request_strategy(RequestStrategy::Idempotent(key.clone()))
    };
    let first = refund().send(&client).await.unwrap();
    let again = refund().send(&client).await.unwrap();
    assert_eq!(first.id, again.id);
    assert_eq!(first.amount, 1000);
    assert_eq!(fake.refunds().len(), 1);
    assert_eq!(
        fake.requests().last().unwrap().idempotency_key.as_deref(),
        Some("refund-ABC-1")
    );

    // More than the 1400 left: refused.
    let (error, status) = stripe_error(
        CreateRefund::new()
            .payment_intent(pi_id.as_str())
            .amount(1500)
            .send(&client)
            .await,
    );
    assert_eq!(
        (status, error.code),
        (400, Some(ApiErrorsCode::AmountTooLarge))
    );
    assert_eq!(error.type_, ApiErrorsType::InvalidRequestError);
    let rest = CreateRefund::new()
        .payment_intent(pi_id.as_str())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(rest.amount, 1400);
    let (error, _) = stripe_error(
        CreateRefund::new()
            .payment_intent(pi_id.as_str())
            .send(&client)
            .await,
    );
    assert_eq!(error.code, Some(ApiErrorsCode::ChargeAlreadyRefunded));
    let read = RetrieveRefund::new(rest.id.clone())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(read.payment_intent.unwrap().id(), &pi_id);

    // refund.created (sent in the background after API calls).
    fake.flush().await;
    let refunds: Vec<_> = inbox
        .events()
        .into_iter()
        .filter_map(|e| match e.data.object {
            EventObject::RefundCreated(refund) => Some(refund.amount),
            _ => None,
        })
        .collect();
    assert_eq!(refunds, [1000, 1400]);

    // A resend: same payload, fresh signature, accepted again.
    let event = fake.events().remove(0);
    assert_eq!(fake.resend(&event.id).await, 200);
    let (payload, _) = inbox.raw().pop().unwrap();
    assert_eq!(payload, event.payload);
    assert_eq!(fake.resend("evt_unknown").await, 0);
}

#[tokio::test]
async fn forged_and_stale_events() {
    let (fake, client, _inbox) = setup().await;
    let session = deposit_session().send(&client).await.unwrap();
    let object = fake.session(session.id.as_str()).unwrap();
    let (payload, signature) = fake.event("checkout.session.completed", object);
    let event = Webhook::construct_event(&payload, &signature, SECRET).unwrap();
    assert!(matches!(
        event.data.object,
        EventObject::CheckoutSessionCompleted(_)
    ));
    let stale = sign(&payload, SECRET, support::now() - 600);
    assert!(matches!(
        Webhook::construct_event(&payload, &stale, SECRET),
        Err(WebhookError::BadTimestamp(_))
    ));
    let forged = sign(&payload, "whsec_other", support::now());
    assert!(matches!(
        Webhook::construct_event(&payload, &forged, SECRET),
        Err(WebhookError::BadSignature)
    ));
    assert!(fake.events().is_empty(), "event() sends nothing");
}
