//! Expiry, declined cards and Stripe's errors.

use stripe::{ApiErrorsCode, ApiErrorsType, IdempotencyKey, RequestStrategy, StripeRequest};
use stripe_checkout::checkout_session::{ExpireCheckoutSession, RetrieveCheckoutSession};
use stripe_checkout::CheckoutSessionStatus;
use stripe_webhook::EventObject;

use crate::support::{deposit_session, setup, stripe_error};

#[tokio::test]
async fn expiry_declines_and_errors() {
    let (fake, client, inbox) = setup().await;
    let session = deposit_session().send(&client).await.unwrap();
    let expired = ExpireCheckoutSession::new(session.id.clone())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(expired.status, Some(CheckoutSessionStatus::Expired));
    fake.flush().await;
    let EventObject::CheckoutSessionExpired(event) = &inbox.events()[0].data.object else {
        panic!("not a CheckoutSessionExpired");
    };
    assert_eq!(event.id, session.id);
    let (error, status) = stripe_error(
        ExpireCheckoutSession::new(session.id.clone())
            .send(&client)
            .await,
    );
    assert_eq!(
        (status, error.type_),
        (400, ApiErrorsType::InvalidRequestError)
    );
    assert_eq!(
        fake.pay(session.id.as_str()).await["error"]["type"],
        "invalid_request_error"
    );

    // A declined card keeps the session open; a timeout then expires it.
    let session = deposit_session().send(&client).await.unwrap();
    let open = fake.decline(session.id.as_str()).await;
    assert_eq!(open["status"], "open");
    let EventObject::PaymentIntentPaymentFailed(failed) = &inbox.events()[1].data.object else {
        panic!("not a PaymentIntentPaymentFailed");
    };
    assert_eq!(failed.metadata["reservation"], "ABC");
    let last_error = failed.last_payment_error.as_ref().unwrap();
    assert_eq!(last_error.code, Some(ApiErrorsCode::CardDeclined));
    assert_eq!(fake.expire(session.id.as_str()).await["status"], "expired");
    assert_eq!(
        fake.session(session.id.as_str()).unwrap()["status"],
        "expired"
    );
    assert_eq!(
        &inbox.types()[2..],
        ["checkout.session.expired", "payment_intent.canceled"]
    );

    // A wrong key: 401, parsed as Stripe's error.
    let wrong = stripe::ClientBuilder::new("sk_live_nope")
        .url(fake.base_url())
        .build()
        .unwrap();
    let (error, status) = stripe_error(
        RetrieveCheckoutSession::new(session.id.clone())
            .send(&wrong)
            .await,
    );
    assert_eq!(
        (status, error.type_),
        (401, ApiErrorsType::InvalidRequestError)
    );
    let (error, status) = stripe_error(
        RetrieveCheckoutSession::new("cs_test_nope")
            .send(&client)
            .await,
    );
    assert_eq!(
        (status, error.code),
        (404, Some(ApiErrorsCode::ResourceMissing))
    );

    // An idempotency key reused with other parameters.
    let key = IdempotencyKey::new("session-1").unwrap();
    let strategy = RequestStrategy::Idempotent(key);
    deposit_session()
        .customize()
        .request_strategy(strategy.clone())
        .send(&client)
        .await
        .unwrap();
    let other = deposit_session().client_reference_id("OTHER");
    let (error, status) = stripe_error(
        other
            .customize()
            .request_strategy(strategy)
            .send(&client)
            .await,
    );
    assert_eq!(
        (status, error.type_),
        (400, ApiErrorsType::IdempotencyError)
    );
}
