//! Stripe objects, built from Stripe's own complete example objects
//! (`fixtures/*.json`, MIT licence, see `fixtures/README.md`): first the
//! example sub-objects that make no sense for a test payment are reset, then
//! the caller's fields override the rest. Every non-optional field a client
//! library needs is thus present.

use rand::distributions::Alphanumeric;
use rand::Rng;
use serde_json::{json, Value};

const CHECKOUT_SESSION: &str = include_str!("../fixtures/checkout_session.json");
const PAYMENT_INTENT: &str = include_str!("../fixtures/payment_intent.json");
const SETUP_INTENT: &str = include_str!("../fixtures/setup_intent.json");
const REFUND: &str = include_str!("../fixtures/refund.json");
const CUSTOMER: &str = include_str!("../fixtures/customer.json");
const EVENT: &str = include_str!("../fixtures/event.json");
const PAYMENT_METHOD: &str = include_str!("../fixtures/payment_method.json");
const CHARGE: &str = include_str!("../fixtures/charge.json");

/// The API version the events are rendered with (async-stripe 1.0.0-rc.10's).
pub(crate) const API_VERSION: &str = "2026-09-30.endive";

/// A new object id: `prefix` and 24 random letters and digits.
pub(crate) fn new_id(prefix: &str) -> String {
    let tail: String = rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(24)
        .map(char::from)
        .collect();
    format!("{prefix}{tail}")
}

/// Seconds since the Unix epoch.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Sets the top-level fields of `overrides` on `object`.
pub(crate) fn set(object: &mut Value, overrides: Value) {
    if let (Some(target), Value::Object(fields)) = (object.as_object_mut(), overrides) {
        target.extend(fields);
    }
}

fn build(fixture: &str, reset: Value, overrides: Value) -> Value {
    // The fixtures are part of this crate and valid JSON (checked by the tests).
    let mut object: Value = serde_json::from_str(fixture).unwrap_or_else(|_| json!({}));
    set(&mut object, reset);
    set(&mut object, overrides);
    object
}

/// A `customer` (`cus_…`).
pub(crate) fn customer(overrides: Value) -> Value {
    let reset = json!({
        "address": null, "balance": 0, "currency": null, "discount": null,
        "email": null, "name": null, "phone": null, "shipping": null,
        "description": null, "created": now(), "metadata": {},
        "invoice_prefix": new_id("").chars().take(8).collect::<String>().to_uppercase(),
        "invoice_settings": {
            "custom_fields": null, "default_payment_method": null, "footer": null,
            "rendering_options": null
        },
    });
    build(CUSTOMER, reset, overrides)
}

/// A `checkout.session` (`cs_test_…`), open and unpaid.
pub(crate) fn checkout_session(overrides: Value) -> Value {
    let reset = json!({
        "adaptive_pricing": null, "after_expiration": null, "allow_promotion_codes": null,
        "automatic_tax": { "enabled": false, "liability": null, "status": null, "provider": null },
        "client_secret": null, "collected_information": null, "consent": null,
        "consent_collection": null, "currency_conversion": null, "custom_fields": [],
        "custom_text": {
            "after_submit": null, "shipping_address": null, "submit": null,
            "terms_of_service_acceptance": null
        },
        "customer_details": null, "discounts": [], "invoice": null, "invoice_creation": null,
        "managed_payments": null, "payment_intent": null, "payment_method_configuration_details": null,
        "payment_method_options": {}, "permissions": null, "phone_number_collection": { "enabled": false },
        "saved_payment_method_options": null, "setup_intent": null,
        "shipping_address_collection": null, "shipping_cost": null, "shipping_options": [],
        "status": "open", "payment_status": "unpaid", "total_details": {
            "amount_discount": 0, "amount_shipping": 0, "amount_tax": 0
        },
        "ui_mode": "hosted_page", "wallet_options": null, "created": now(), "metadata": {},
    });
    build(CHECKOUT_SESSION, reset, overrides)
}

/// A `payment_intent` (`pi_…`), awaiting a payment method unless overridden.
pub(crate) fn payment_intent(overrides: Value) -> Value {
    let id = overrides
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("pi_x")
        .to_string();
    let reset = json!({
        "amount_details": null, "automatic_payment_methods": null, "canceled_at": null,
        "client_secret": format!("{id}_secret_{}", new_id("")),
        "last_payment_error": null, "latest_charge": null, "next_action": null,
        "payment_method_configuration_details": null, "processing": null, "shipping": null,
        "transfer_data": null, "managed_payments": null, "created": now(), "metadata": {},
        "payment_method_types": ["card"],
    });
    build(PAYMENT_INTENT, reset, overrides)
}

/// A `setup_intent` (`seti_…`).
pub(crate) fn setup_intent(overrides: Value) -> Value {
    let id = overrides
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("seti_x")
        .to_string();
    let reset = json!({
        "automatic_payment_methods": null, "client_secret": format!("{id}_secret_{}", new_id("")),
        "last_setup_error": null, "next_action": null, "payment_method_configuration_details": null,
        "created": now(), "metadata": {}, "payment_method_types": ["card"],
    });
    build(SETUP_INTENT, reset, overrides)
}

/// A card `payment_method` (`pm_…`): Visa 4242, or the declining 0341 card.
pub(crate) fn payment_method(id: &str, customer: Option<&str>, declines: bool) -> Value {
    let (last4, fingerprint) = if declines {
        ("0341", "fakeDeclines0341")
    } else {
        ("4242", "fakeSucceeds4242")
    };
    let mut object = build(PAYMENT_METHOD, json!({}), json!({}));
    let mut card = object.get("card").cloned().unwrap_or_else(|| json!({}));
    set(
        &mut card,
        json!({
            "last4": last4, "fingerprint": fingerprint, "generated_from": null, "wallet": null,
            "exp_month": 12, "exp_year": 2034,
        }),
    );
    set(
        &mut object,
        json!({
            "id": id, "customer": customer, "card": card, "created": now(), "metadata": {},
            "allow_redisplay": "unspecified",
            "billing_details": {
                "address": null, "email": null, "name": null, "phone": null, "tax_id": null
            },
        }),
    );
    object
}

/// A succeeded card `charge` (`ch_…`) of a PaymentIntent.
pub(crate) fn charge(overrides: Value) -> Value {
    let reset = json!({
        "balance_transaction": null, "billing_details": {
            "address": null, "email": null, "name": null, "phone": null, "tax_id": null
        },
        "captured": true, "description": null, "receipt_url": null, "shipping": null,
        "source": null, "transfer_data": null, "created": now(), "metadata": {},
        "status": "succeeded", "paid": true,
    });
    build(CHARGE, reset, overrides)
}

/// A succeeded `refund` (`re_…`).
pub(crate) fn refund(overrides: Value) -> Value {
    let reset = json!({ "created": now(), "metadata": {}, "status": "succeeded" });
    build(REFUND, reset, overrides)
}

/// An `event` (`evt_…`) of `kind` with the whole `object` as `data.object`.
pub(crate) fn event(kind: &str, object: Value, request: Value, pending_webhooks: i64) -> Value {
    let overrides = json!({
        "id": new_id("evt_"), "type": kind, "created": now(), "api_version": API_VERSION,
        "livemode": false, "pending_webhooks": pending_webhooks, "request": request,
        "data": { "object": object },
    });
    build(EVENT, json!({}), overrides)
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixtures_are_objects() {
        for fixture in [
            super::CHECKOUT_SESSION,
            super::PAYMENT_INTENT,
            super::SETUP_INTENT,
            super::REFUND,
            super::CUSTOMER,
            super::EVENT,
            super::PAYMENT_METHOD,
            super::CHARGE,
        ] {
            let value: serde_json::Value = serde_json::from_str(fixture).unwrap();
            assert!(value.get("object").is_some());
        }
    }
}
