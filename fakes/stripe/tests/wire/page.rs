//! The hosted checkout page.

use crate::support::{deposit_session, setup};

#[tokio::test]
async fn hosted_page_pays_and_redirects() {
    let (fake, client, inbox) = setup().await;
    let session = deposit_session().send(&client).await.unwrap();
    let url = session.url.unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = http.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(html.contains("<h1>Test checkout"));
    assert!(html.contains("EUR 24.00"));
    assert!(html.contains(r#"value="pay"><button type="submit" id="pay">Pay</button>"#));

    let declined = http
        .post(&url)
        .form(&[("outcome", "decline")])
        .send()
        .await
        .unwrap();
    assert_eq!(declined.status(), 200);
    assert!(declined
        .text()
        .await
        .unwrap()
        .contains("Your card was declined"));
    let back = http
        .post(&url)
        .form(&[("outcome", "abandon")])
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), 303);
    assert_eq!(back.headers()["location"], "http://app.test/back");

    let paid = http
        .post(&url)
        .form(&[("outcome", "pay")])
        .send()
        .await
        .unwrap();
    assert_eq!(paid.status(), 303);
    let location = format!("http://app.test/paid?session={}", session.id);
    assert_eq!(paid.headers()["location"], location.as_str());
    // The webhooks were delivered before the page answered.
    assert_eq!(
        inbox.types(),
        [
            "payment_intent.payment_failed",
            "checkout.session.completed",
            "payment_intent.succeeded"
        ]
    );
    let intents = fake.payment_intents();
    assert_eq!(
        intents.len(),
        1,
        "the declined PaymentIntent is the one paid"
    );
    assert_eq!(intents[0]["status"], "succeeded");
}
