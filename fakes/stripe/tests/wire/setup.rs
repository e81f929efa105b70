//! Setup mode (a saved card) and off-session PaymentIntents.

use stripe::{ApiErrorsCode, ApiErrorsType};
use stripe_checkout::checkout_session::{
    CreateCheckoutSession, CreateCheckoutSessionSetupIntentData,
};
use stripe_checkout::{CheckoutSessionMode, CheckoutSessionPaymentStatus};
use stripe_core::customer::CreateCustomer;
use stripe_core::payment_intent::{CreatePaymentIntent, CreatePaymentIntentOffSession};
use stripe_core::setup_intent::RetrieveSetupIntent;
use stripe_core::{PaymentIntentStatus, SetupIntentStatus};
use stripe_types::Currency;
use stripe_webhook::EventObject;

use crate::support::{metadata, setup, stripe_error};

#[tokio::test]
async fn setup_mode_then_off_session_payments() {
    let (fake, client, inbox) = setup().await;
    let customer = CreateCustomer::new()
        .email("guest@example.com")
        .name("Ada Guest")
        .metadata(metadata(&[("guest", "42")]))
        .send(&client)
        .await
        .unwrap();
    assert!(customer.id.as_str().starts_with("cus_"));
    assert_eq!(customer.email.as_deref(), Some("guest@example.com"));

    let setup_session = |customer: &str| {
        let mut data = CreateCheckoutSessionSetupIntentData::new();
        data.metadata = Some(metadata(&[("reservation", "XYZ")]));
        CreateCheckoutSession::new()
            .mode(CheckoutSessionMode::Setup)
            .currency(Currency::EUR)
            .customer(customer)
            .setup_intent_data(data)
            .success_url("http://app.test/saved?session={CHECKOUT_SESSION_ID}")
            .cancel_url("http://app.test/back")
    };
    let session = setup_session(customer.id.as_str())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(session.mode, CheckoutSessionMode::Setup);
    assert_eq!(
        session.payment_status,
        CheckoutSessionPaymentStatus::NoPaymentRequired
    );
    assert_eq!(session.amount_total, None);

    let saved = fake.pay(session.id.as_str()).await;
    let seti = saved["setup_intent"].as_str().unwrap().to_string();
    let EventObject::CheckoutSessionCompleted(completed) = &inbox.events()[0].data.object else {
        panic!("not a CheckoutSessionCompleted");
    };
    assert_eq!(completed.setup_intent.as_ref().unwrap().id().as_str(), seti);
    let intent = RetrieveSetupIntent::new(seti.as_str())
        .send(&client)
        .await
        .unwrap();
    assert_eq!(intent.status, SetupIntentStatus::Succeeded);
    assert_eq!(intent.customer.as_ref().unwrap().id(), &customer.id);
    assert_eq!(intent.metadata.as_ref().unwrap()["reservation"], "XYZ");
    let card = intent.payment_method.unwrap().id().to_string();
    assert!(card.starts_with("pm_"));

    // Off-session with the saved card: succeeds, payment_intent.succeeded.
    let charge = |card: &str, customer: Option<&str>| {
        let mut create = CreatePaymentIntent::new(5000, Currency::EUR)
            .payment_method(card)
            .off_session(CreatePaymentIntentOffSession::Bool(true))
            .confirm(true)
            .metadata(metadata(&[("reservation", "XYZ"), ("reason", "no-show")]));
        if let Some(customer) = customer {
            create = create.customer(customer);
        }
        create
    };
    let paid = charge(&card, Some(customer.id.as_str()))
        .send(&client)
        .await
        .unwrap();
    assert_eq!(paid.status, PaymentIntentStatus::Succeeded);
    assert_eq!(paid.amount_received, 5000);
    assert_eq!(paid.metadata["reason"], "no-show");
    let request = fake.requests().pop().unwrap();
    assert_eq!(
        request.params.get("off_session").map(String::as_str),
        Some("true")
    );
    assert_eq!(
        request.params.get("confirm").map(String::as_str),
        Some("true")
    );
    fake.flush().await;
    assert_eq!(inbox.types().last().unwrap(), "payment_intent.succeeded");

    // A saved card must be charged with its customer.
    let (error, status) = stripe_error(charge(&card, None).send(&client).await);
    assert_eq!(
        (status, error.type_),
        (400, ApiErrorsType::InvalidRequestError)
    );

    // "Decline" in setup mode saves a card whose charges are declined (402).
    let session = setup_session(customer.id.as_str())
        .send(&client)
        .await
        .unwrap();
    let saved = fake.decline(session.id.as_str()).await;
    assert_eq!(saved["status"], "complete");
    let seti = saved["setup_intent"].as_str().unwrap();
    let intent = RetrieveSetupIntent::new(seti).send(&client).await.unwrap();
    let declining = intent.payment_method.unwrap().id().to_string();
    let (error, status) = stripe_error(
        charge(&declining, Some(customer.id.as_str()))
            .send(&client)
            .await,
    );
    assert_eq!((status, error.type_), (402, ApiErrorsType::CardError));
    assert_eq!(error.code, Some(ApiErrorsCode::CardDeclined));
    let failed = error.payment_intent.unwrap();
    assert_eq!(failed.status, PaymentIntentStatus::RequiresPaymentMethod);
    // Stripe's test card does the same.
    let (error, status) = stripe_error(charge("pm_card_chargeDeclined", None).send(&client).await);
    assert_eq!(
        (status, error.code),
        (402, Some(ApiErrorsCode::CardDeclined))
    );
    fake.flush().await;
    assert!(matches!(
        inbox.events().last().unwrap().data.object,
        EventObject::PaymentIntentPaymentFailed(_)
    ));
}
