//! Checkout Sessions: creation, and what happens on the hosted page (pay,
//! decline) or when they time out (expire).

use serde_json::{json, Value};

use crate::api::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::form::Form;
use crate::objects::{self, new_id, now};
use crate::payments;
use crate::state::{find, LineItem, Session, State};

/// The smallest amount Stripe charges in the common currencies (minor units).
fn minimum_amount(currency: &str) -> Option<i64> {
    match currency {
        "usd" | "eur" | "chf" | "cad" | "aud" | "nzd" | "sgd" => Some(50),
        "gbp" => Some(30),
        _ => None,
    }
}

fn line_items(form: &Form) -> Result<(Vec<LineItem>, String, i64), ApiError> {
    let indices = form.indices("line_items");
    if indices.is_empty() {
        return Err(ApiError::missing_param("line_items"));
    }
    let mut items = Vec::new();
    let mut currency: Option<String> = None;
    let mut total: i64 = 0;
    for i in indices {
        let key = |rest: &str| format!("line_items[{i}]{rest}");
        if let Some(price) = form.str(&key("[price]")) {
            return Err(ApiError::no_such_param("price", price, &key("[price]")));
        }
        let item_currency = form
            .required(&key("[price_data][currency]"))?
            .to_lowercase();
        let unit_amount = form
            .int(&key("[price_data][unit_amount]"))?
            .ok_or_else(|| ApiError::missing_param(&key("[price_data][unit_amount]")))?;
        if unit_amount < 0 {
            return Err(ApiError::invalid("Invalid non-negative integer")
                .code("parameter_invalid_integer")
                .param(&key("[price_data][unit_amount]")));
        }
        if let Some(product) = form.str(&key("[price_data][product]")) {
            return Err(ApiError::no_such_param(
                "product",
                product,
                &key("[price_data][product]"),
            ));
        }
        let name = form.required(&key("[price_data][product_data][name]"))?;
        let quantity = form
            .int(&key("[quantity]"))?
            .ok_or_else(|| ApiError::missing_param(&key("[quantity]")))?;
        if quantity < 1 {
            return Err(ApiError::invalid("Quantity must be at least 1.")
                .code("parameter_invalid_integer")
                .param(&key("[quantity]")));
        }
        match &currency {
            Some(c) if *c != item_currency => {
                return Err(
                    ApiError::invalid("All line items must use the same currency.")
                        .param(&key("[price_data][currency]")),
                )
            }
            _ => currency = Some(item_currency),
        }
        total = unit_amount
            .checked_mul(quantity)
            .and_then(|amount| total.checked_add(amount))
            .ok_or_else(|| {
                ApiError::invalid("The total amount is too large.").param("line_items")
            })?;
        items.push(LineItem {
            name: name.to_string(),
            unit_amount,
            quantity,
        });
    }
    Ok((items, currency.unwrap_or_default(), total))
}

/// `POST /v1/checkout/sessions`.
pub(crate) fn create(ctx: &Ctx, state: &mut State, form: &Form) -> ApiResult {
    let mode = form.required("mode")?;
    let created = now();
    let id = new_id("cs_test_");
    let customer = form.str("customer");
    if let Some(customer) = customer {
        if find(&mut state.customers, customer).is_none() {
            return Err(ApiError::no_such_param("customer", customer, "customer"));
        }
        if form.str("customer_email").is_some() {
            return Err(ApiError::invalid(
                "You may only specify one of these parameters: customer, customer_email.",
            )
            .param("customer_email"));
        }
    }
    let expires_at = match form.int("expires_at")? {
        None => created + 24 * 3600,
        // Stripe: from 30 minutes to 24 hours after creation (a little slack here).
        Some(at) if at >= created + 30 * 60 - 60 && at <= created + 24 * 3600 + 60 => at,
        Some(_) => {
            return Err(ApiError::invalid(
                "The `expires_at` timestamp must be between 30 minutes and 24 hours from the Checkout Session's creation.",
            )
            .code("parameter_invalid_integer")
            .param("expires_at"))
        }
    };
    let (items, currency, amount) = match mode {
        "payment" => {
            let (items, currency, total) = line_items(form)?;
            if let Some(minimum) = minimum_amount(&currency).filter(|m| total < *m) {
                return Err(ApiError::invalid(format!(
                    "The Checkout Session's total amount due must add up to at least {minimum} {currency} (minor units)."
                ))
                .code("amount_too_small")
                .param("line_items"));
            }
            (items, Some(currency), Some(total))
        }
        "setup" => (
            Vec::new(),
            form.str("currency").map(str::to_lowercase),
            None,
        ),
        other => {
            return Err(ApiError::invalid(format!(
                "Invalid mode: {other}. The fake Stripe knows `payment` and `setup`."
            ))
            .param("mode"))
        }
    };
    let mut types = form.list("payment_method_types");
    if types.is_empty() {
        types.push("card".to_string());
    }
    let object = objects::checkout_session(json!({
        "id": id, "object": "checkout.session", "mode": mode, "created": created,
        "amount_subtotal": amount, "amount_total": amount, "currency": currency,
        "success_url": form.str("success_url"), "cancel_url": form.str("cancel_url"),
        "client_reference_id": form.str("client_reference_id"), "customer": customer,
        "customer_email": form.str("customer_email"),
        "customer_creation": form.str("customer_creation"), "expires_at": expires_at,
        "livemode": false, "locale": form.str("locale"), "metadata": form.map("metadata"),
        "payment_link": null, "payment_method_collection": form.str("payment_method_collection"),
        "payment_method_types": types, "payment_intent": null, "setup_intent": null,
        "payment_status": if mode == "setup" { "no_payment_required" } else { "unpaid" },
        "status": "open", "submit_type": form.str("submit_type"), "subscription": null,
        "url": format!("{}/pay/{id}", ctx.shared.base_url), "recovered_from": null,
    }));
    state.sessions.push(Session {
        object: object.clone(),
        line_items: items,
        payment_intent_metadata: form.map("payment_intent_data[metadata]"),
        payment_intent_description: form
            .str("payment_intent_data[description]")
            .map(str::to_string),
        setup_intent_metadata: form.map("setup_intent_data[metadata]"),
        save_card: form.has("payment_intent_data[setup_future_usage]"),
        create_customer: form.str("customer_creation") == Some("always"),
    });
    Ok(object)
}

fn open_session(state: &mut State, id: &str) -> Result<Session, ApiError> {
    let session = state
        .session(id)
        .ok_or_else(|| ApiError::not_found("checkout.session", id))?;
    let status = session.object.get("status").and_then(Value::as_str);
    if status != Some("open") {
        return Err(ApiError::invalid(format!(
            "Only Checkout Sessions with a status in [\"open\"] can be paid, declined or expired. This Checkout Session has a status of {}.",
            status.unwrap_or("unknown")
        )));
    }
    Ok(session.clone())
}

fn field(object: &Value, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_string)
}

fn store(state: &mut State, id: &str, object: &Value) {
    if let Some(session) = state.session(id) {
        session.object = object.clone();
    }
}

/// The payer's details Checkout collected.
fn customer_details(state: &mut State, session: &Value, customer: Option<&str>) -> Value {
    let known = customer.and_then(|c| find(&mut state.customers, c).cloned());
    let from_customer = |key: &str| known.as_ref().and_then(|c| field(c, key));
    let email = field(session, "customer_email")
        .or_else(|| from_customer("email"))
        .unwrap_or_else(|| "guest@example.com".to_string());
    json!({
        "address": null, "business_name": null, "email": email, "individual_name": null,
        "name": from_customer("name").unwrap_or_else(|| "Test Guest".to_string()),
        "phone": null, "tax_exempt": "none", "tax_ids": [],
    })
}

/// The page's "Pay" (setup mode: "Save card"): completes the session and
/// sends `checkout.session.completed` (and `payment_intent.succeeded`).
/// `declining_card` (setup mode only) saves a card whose charges decline.
pub(crate) fn pay(ctx: &Ctx, state: &mut State, id: &str, declining_card: bool) -> ApiResult {
    let session = open_session(state, id)?;
    let mut object = session.object.clone();
    let mut customer = field(&object, "customer");
    if session.create_customer && customer.is_none() {
        let email = field(&object, "customer_email");
        let created = payments::new_customer(state, email.as_deref(), None, json!({}));
        customer = field(&created, "id");
    }
    let details = customer_details(state, &object, customer.as_deref());
    objects::set(
        &mut object,
        json!({ "status": "complete", "url": null, "customer": customer, "customer_details": details }),
    );
    if field(&object, "mode").as_deref() == Some("setup") {
        let card = payments::new_card(state, customer.as_deref(), declining_card);
        let setup_intent = objects::setup_intent(json!({
            "id": new_id("seti_"), "customer": customer, "payment_method": card,
            "status": "succeeded", "usage": "off_session",
            "metadata": session.setup_intent_metadata,
            "payment_method_types": object.get("payment_method_types"),
        }));
        objects::set(
            &mut object,
            json!({ "setup_intent": setup_intent.get("id") }),
        );
        state.setup_intents.push(setup_intent);
        store(state, id, &object);
        ctx.shared
            .emit(state, "checkout.session.completed", &object, &ctx.request);
        return Ok(object);
    }
    let saved_for = if session.save_card {
        customer.as_deref()
    } else {
        None
    };
    let card = payments::new_card(state, saved_for, false);
    let amount = object
        .get("amount_total")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let currency = field(&object, "currency").unwrap_or_default();
    let pi_id = field(&object, "payment_intent").unwrap_or_else(|| new_id("pi_"));
    let mut intent = find(&mut state.payment_intents, &pi_id)
        .map(|pi| pi.clone())
        .unwrap_or_else(|| session_intent(&session, &pi_id, customer.as_deref()));
    let charge = payments::new_charge(state, &intent, &card);
    objects::set(
        &mut intent,
        json!({
            "status": "succeeded", "amount_received": amount, "currency": currency,
            "payment_method": card, "latest_charge": charge, "last_payment_error": null,
            "setup_future_usage": if session.save_card { Some("off_session") } else { None },
        }),
    );
    payments::store_intent(state, &intent);
    objects::set(
        &mut object,
        json!({ "payment_intent": pi_id, "payment_status": "paid" }),
    );
    store(state, id, &object);
    ctx.shared
        .emit(state, "checkout.session.completed", &object, &ctx.request);
    ctx.shared
        .emit(state, "payment_intent.succeeded", &intent, &ctx.request);
    Ok(object)
}

/// The PaymentIntent Checkout makes for a payment-mode session.
fn session_intent(session: &Session, id: &str, customer: Option<&str>) -> Value {
    objects::payment_intent(json!({
        "id": id, "amount": session.object.get("amount_total"), "amount_capturable": 0,
        "amount_received": 0, "currency": session.object.get("currency"), "customer": customer,
        "description": session.payment_intent_description, "metadata": session.payment_intent_metadata,
        "payment_method": null, "status": "requires_payment_method",
        "capture_method": "automatic", "confirmation_method": "automatic",
    }))
}

/// The page's "Decline". Payment mode: the card is declined, the session
/// stays open with a failed PaymentIntent (`payment_intent.payment_failed`).
/// Setup mode: the card is saved, but charging it later is declined.
pub(crate) fn decline(ctx: &Ctx, state: &mut State, id: &str) -> ApiResult {
    let session = open_session(state, id)?;
    if field(&session.object, "mode").as_deref() == Some("setup") {
        return pay(ctx, state, id, true);
    }
    let mut object = session.object.clone();
    let pi_id = field(&object, "payment_intent").unwrap_or_else(|| new_id("pi_"));
    let customer = field(&object, "customer");
    let mut intent = find(&mut state.payment_intents, &pi_id)
        .map(|pi| pi.clone())
        .unwrap_or_else(|| session_intent(&session, &pi_id, customer.as_deref()));
    let error = ApiError::card_declined("generic_decline", None).inner();
    objects::set(
        &mut intent,
        json!({ "status": "requires_payment_method", "last_payment_error": error, "payment_method": null }),
    );
    payments::store_intent(state, &intent);
    objects::set(&mut object, json!({ "payment_intent": pi_id }));
    store(state, id, &object);
    ctx.shared.emit(
        state,
        "payment_intent.payment_failed",
        &intent,
        &ctx.request,
    );
    Ok(object)
}

/// Expiry (API call or timeout): status `expired`, `checkout.session.expired`;
/// a PaymentIntent left by a declined card is canceled (`payment_intent.canceled`).
pub(crate) fn expire(ctx: &Ctx, state: &mut State, id: &str) -> ApiResult {
    let session = state
        .session(id)
        .ok_or_else(|| ApiError::not_found("checkout.session", id))?;
    let status = field(&session.object, "status").unwrap_or_default();
    if status != "open" {
        return Err(ApiError::invalid(format!(
            "Only Checkout Sessions with a status in [\"open\"] can be expired. This Checkout Session has a status of {status}."
        )));
    }
    let mut object = session.object.clone();
    objects::set(&mut object, json!({ "status": "expired", "url": null }));
    store(state, id, &object);
    ctx.shared
        .emit(state, "checkout.session.expired", &object, &ctx.request);
    if let Some(pi_id) = field(&object, "payment_intent") {
        if let Some(intent) = find(&mut state.payment_intents, &pi_id) {
            objects::set(
                intent,
                json!({ "status": "canceled", "canceled_at": now(), "cancellation_reason": "abandoned" }),
            );
            let intent = intent.clone();
            ctx.shared
                .emit(state, "payment_intent.canceled", &intent, &ctx.request);
        }
    }
    Ok(object)
}
