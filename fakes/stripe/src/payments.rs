//! Customers, cards, off-session PaymentIntents and Refunds.

use serde_json::{json, Value};

use crate::api::Ctx;
use crate::error::{ApiError, ApiResult};
use crate::form::Form;
use crate::objects::{self, new_id};
use crate::state::{find, Card, State};

fn field(object: &Value, key: &str) -> Option<String> {
    object.get(key).and_then(Value::as_str).map(str::to_string)
}

/// Makes and keeps a customer; answers it.
pub(crate) fn new_customer(
    state: &mut State,
    email: Option<&str>,
    name: Option<&str>,
    extra: Value,
) -> Value {
    let mut customer = objects::customer(json!({
        "id": new_id("cus_"), "object": "customer", "email": email, "name": name,
    }));
    objects::set(&mut customer, extra);
    state.customers.push(customer.clone());
    customer
}

/// `POST /v1/customers`.
pub(crate) fn create_customer(state: &mut State, form: &Form) -> ApiResult {
    let extra = json!({
        "description": form.str("description"), "phone": form.str("phone"),
        "metadata": form.map("metadata"),
        "preferred_locales": form.list("preferred_locales"),
    });
    Ok(new_customer(
        state,
        form.str("email"),
        form.str("name"),
        extra,
    ))
}

/// Makes and keeps a card payment method (attached to `customer`); answers its id.
pub(crate) fn new_card(state: &mut State, customer: Option<&str>, declines: bool) -> String {
    let id = new_id("pm_");
    state.cards.push(Card {
        object: objects::payment_method(&id, customer, declines),
        declines,
    });
    id
}

/// Makes and keeps the succeeded charge of `intent` with `card`; answers its id.
pub(crate) fn new_charge(state: &mut State, intent: &Value, card: &str) -> String {
    let id = new_id("ch_");
    let amount = intent.get("amount").and_then(Value::as_i64).unwrap_or(0);
    let charge = objects::charge(json!({
        "id": id, "amount": amount, "amount_captured": amount, "amount_refunded": 0,
        "currency": intent.get("currency"), "customer": intent.get("customer"),
        "description": intent.get("description"), "metadata": intent.get("metadata"),
        "payment_intent": intent.get("id"), "payment_method": card, "refunded": false,
        "refunds": { "object": "list", "data": [], "has_more": false, "url": format!("/v1/charges/{id}/refunds") },
    }));
    state.charges.push(charge);
    id
}

/// Replaces (or adds) a PaymentIntent in the state.
pub(crate) fn store_intent(state: &mut State, intent: &Value) {
    let id = field(intent, "id").unwrap_or_default();
    match find(&mut state.payment_intents, &id) {
        Some(existing) => *existing = intent.clone(),
        None => state.payment_intents.push(intent.clone()),
    }
}

/// The card of `id`: a saved one, or one of Stripe's test cards
/// (`pm_card_visa`, `pm_card_chargeDeclined`, …), made on first use.
fn card(state: &mut State, id: &str) -> Result<Card, ApiError> {
    if let Some(card) = state.card(id) {
        return Ok(card.clone());
    }
    if let Some(name) = id.strip_prefix("pm_card_") {
        let declines = name.to_lowercase().contains("declined");
        let made = new_card(state, None, declines);
        if let Some(card) = state.card(&made) {
            return Ok(card.clone());
        }
    }
    Err(ApiError::no_such_param(
        "PaymentMethod",
        id,
        "payment_method",
    ))
}

fn decline_code(requested: &str) -> &'static str {
    if requested.to_lowercase().contains("insufficientfunds") {
        "insufficient_funds"
    } else {
        "generic_decline"
    }
}

/// `POST /v1/payment_intents`: with `confirm=true` and a payment method it
/// succeeds (`payment_intent.succeeded`), or fails with a 402 `card_declined`
/// (`payment_intent.payment_failed`) for a declining card.
pub(crate) fn create_payment_intent(ctx: &Ctx, state: &mut State, form: &Form) -> ApiResult {
    let amount = form
        .int("amount")?
        .ok_or_else(|| ApiError::missing_param("amount"))?;
    if amount < 1 {
        return Err(ApiError::invalid("Invalid positive integer")
            .code("parameter_invalid_integer")
            .param("amount"));
    }
    let currency = form.required("currency")?.to_lowercase();
    let customer = form.str("customer");
    if let Some(customer) = customer {
        if find(&mut state.customers, customer).is_none() {
            return Err(ApiError::no_such_param("customer", customer, "customer"));
        }
    }
    let confirm = form.bool("confirm")?.unwrap_or(false);
    let off_session = form.str("off_session");
    if off_session.is_some_and(|o| o != "false") && !confirm {
        return Err(
            ApiError::invalid("`off_session` can only be used when `confirm` is `true`.")
                .param("off_session"),
        );
    }
    let requested = form.str("payment_method");
    let card = requested.map(|pm| card(state, pm)).transpose()?;
    if let Some(owner) = card.as_ref().and_then(|c| field(&c.object, "customer")) {
        if customer != Some(owner.as_str()) {
            return Err(ApiError::invalid(format!(
                "The provided PaymentMethod belongs to the Customer {owner}. Please include this Customer in the `customer` parameter on the PaymentIntent."
            ))
            .param("customer"));
        }
    }
    let card_id = card.as_ref().and_then(|c| field(&c.object, "id"));
    let id = new_id("pi_");
    let mut intent = objects::payment_intent(json!({
        "id": id, "amount": amount, "amount_capturable": 0, "amount_received": 0,
        "currency": currency, "customer": customer, "description": form.str("description"),
        "metadata": form.map("metadata"), "payment_method": card_id,
        "receipt_email": form.str("receipt_email"),
        "setup_future_usage": form.str("setup_future_usage"),
        "statement_descriptor": form.str("statement_descriptor"),
        "status": if card.is_some() { "requires_confirmation" } else { "requires_payment_method" },
        "capture_method": "automatic", "confirmation_method": "automatic",
    }));
    if !confirm {
        store_intent(state, &intent);
        return Ok(intent);
    }
    let (Some(card), Some(card_id)) = (card, card_id) else {
        return Err(ApiError::invalid(
            "You cannot confirm this PaymentIntent because it's missing a payment method.",
        )
        .code("payment_intent_unexpected_state")
        .param("payment_method"));
    };
    if card.declines {
        let error = ApiError::card_declined(decline_code(requested.unwrap_or_default()), None);
        objects::set(
            &mut intent,
            json!({ "status": "requires_payment_method", "payment_method": null, "last_payment_error": error.inner() }),
        );
        store_intent(state, &intent);
        ctx.shared.emit(
            state,
            "payment_intent.payment_failed",
            &intent,
            &ctx.request,
        );
        return Err(ApiError::card_declined(
            decline_code(requested.unwrap_or_default()),
            Some(intent),
        ));
    }
    let charge = new_charge(state, &intent, &card_id);
    objects::set(
        &mut intent,
        json!({ "status": "succeeded", "amount_received": amount, "latest_charge": charge }),
    );
    store_intent(state, &intent);
    ctx.shared
        .emit(state, "payment_intent.succeeded", &intent, &ctx.request);
    Ok(intent)
}

/// `POST /v1/refunds` (`payment_intent` or `charge`; `amount` defaults to
/// what is left): refused beyond what was paid; sends `refund.created`.
pub(crate) fn create_refund(ctx: &Ctx, state: &mut State, form: &Form) -> ApiResult {
    let pi_id = match (form.str("payment_intent"), form.str("charge")) {
        (Some(pi), _) => pi.to_string(),
        (None, Some(charge)) => find(&mut state.charges, charge)
            .and_then(|c| field(c, "payment_intent"))
            .ok_or_else(|| ApiError::no_such_param("charge", charge, "charge"))?,
        (None, None) => return Err(ApiError::missing_param("payment_intent")),
    };
    let intent = find(&mut state.payment_intents, &pi_id)
        .cloned()
        .ok_or_else(|| ApiError::no_such_param("payment_intent", &pi_id, "payment_intent"))?;
    let charge_id = field(&intent, "latest_charge").unwrap_or_default();
    if field(&intent, "status").as_deref() != Some("succeeded") {
        return Err(ApiError::invalid(format!(
            "This PaymentIntent ({pi_id}) does not have a successful charge to refund."
        ))
        .code("charge_not_refundable")
        .param("payment_intent"));
    }
    let paid = intent
        .get("amount_received")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let refunded: i64 = state
        .refunds
        .iter()
        .filter(|r| field(r, "payment_intent").as_deref() == Some(pi_id.as_str()))
        .filter(|r| field(r, "status").as_deref() == Some("succeeded"))
        .filter_map(|r| r.get("amount").and_then(Value::as_i64))
        .sum();
    let left = paid - refunded;
    if left <= 0 {
        return Err(
            ApiError::invalid(format!("Charge {charge_id} has already been refunded."))
                .code("charge_already_refunded"),
        );
    }
    let amount = form.int("amount")?.unwrap_or(left);
    if amount < 1 {
        return Err(ApiError::invalid("Invalid positive integer")
            .code("parameter_invalid_integer")
            .param("amount"));
    }
    if amount > left {
        return Err(ApiError::invalid(format!(
            "Refund amount ({amount}) is greater than unrefunded amount on charge ({left})."
        ))
        .code("amount_too_large")
        .param("amount"));
    }
    let reason = form.str("reason");
    if let Some(reason) = reason {
        if !["duplicate", "fraudulent", "requested_by_customer"].contains(&reason) {
            return Err(ApiError::invalid(format!("Invalid reason: {reason}")).param("reason"));
        }
    }
    let refund = objects::refund(json!({
        "id": new_id("re_"), "amount": amount, "charge": charge_id,
        "currency": intent.get("currency"), "metadata": form.map("metadata"),
        "payment_intent": pi_id, "reason": reason, "status": "succeeded",
        "customer": intent.get("customer"), "payment_method": intent.get("payment_method"),
    }));
    state.refunds.push(refund.clone());
    if let Some(charge) = find(&mut state.charges, &charge_id) {
        let total = refunded + amount;
        objects::set(
            charge,
            json!({ "amount_refunded": total, "refunded": total >= paid }),
        );
        if let Some(list) = charge
            .pointer_mut("/refunds/data")
            .and_then(Value::as_array_mut)
        {
            list.push(refund.clone());
        }
    }
    ctx.shared
        .emit(state, "refund.created", &refund, &ctx.request);
    Ok(refund)
}
