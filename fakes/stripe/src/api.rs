//! The Stripe API under `/v1`: authentication, idempotency, recording, routing.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::error::{ApiError, ApiResult};
use crate::form::Form;
use crate::objects::new_id;
use crate::state::{Recorded, Shared, State, Stored};
use crate::{payments, sessions};

/// What an operation needs besides the state: the shared handle (to emit
/// events, know the base URL) and Stripe's `request` field for the events.
pub(crate) struct Ctx<'a> {
    pub shared: &'a Shared,
    pub request: Value,
}

impl<'a> Ctx<'a> {
    /// For what Stripe does by itself (the checkout page, timeouts).
    pub fn automatic(shared: &'a Shared) -> Self {
        Ctx {
            shared,
            request: json!({ "id": null, "idempotency_key": null }),
        }
    }
}

/// Any `/v1/...` request.
pub(crate) async fn handle(
    AxumState(shared): AxumState<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let raw = if method == Method::GET {
        uri.query().unwrap_or_default().as_bytes().to_vec()
    } else {
        body.to_vec()
    };
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let request_id = new_id("req_");
    let (status, body, replayed) = {
        let mut state = shared.lock();
        let form = Form::parse(&raw);
        let params = form.as_ref().map(|f| f.pairs().clone()).unwrap_or_default();
        let (status, body, replayed) = match form {
            Err(error) => (error.status, error.body, false),
            Ok(form) => {
                let ctx = Ctx {
                    shared: &shared,
                    request: json!({ "id": request_id, "idempotency_key": key }),
                };
                answer(
                    &ctx,
                    &mut state,
                    &method,
                    &path,
                    &headers,
                    &form,
                    key.as_deref(),
                )
            }
        };
        state.requests.push(Recorded {
            method: method.to_string(),
            path: path.clone(),
            params,
            idempotency_key: key.clone(),
            status: status.as_u16(),
        });
        (status, body, replayed)
    };
    tracing::debug!(%method, %path, status = status.as_u16(), "stripe api");
    let mut response = (status, Json(body)).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        headers.insert("request-id", value);
    }
    if let Some(value) = key.as_deref().and_then(|k| HeaderValue::from_str(k).ok()) {
        headers.insert("idempotency-key", value);
    }
    if replayed {
        headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

fn authorize(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get("authorization").and_then(|v| v.to_str().ok()) else {
        return Err(ApiError::unauthorized(
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        ));
    };
    let key = value.strip_prefix("Bearer ").unwrap_or_default().trim();
    if key.starts_with("sk_test_") && key.len() > "sk_test_".len() {
        return Ok(());
    }
    let shown: String = key.chars().take(8).collect();
    Err(ApiError::unauthorized(format!(
        "Invalid API Key provided: {shown}***** (the fake Stripe takes test secret keys, sk_test_…)"
    )))
}

/// Authenticates, replays an idempotent answer or runs the operation (and
/// stores its answer under the key).
fn answer(
    ctx: &Ctx,
    state: &mut State,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    form: &Form,
    key: Option<&str>,
) -> (StatusCode, Value, bool) {
    if let Err(error) = authorize(headers) {
        return (error.status, error.body, false);
    }
    let key = key.filter(|_| *method == Method::POST);
    let fingerprint = format!("{method} {path} {:?}", form.pairs());
    if let Some(key) = key {
        if let Some(stored) = state.idempotency.get(key) {
            if stored.fingerprint != fingerprint {
                let error = ApiError::idempotency(format!(
                    "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."
                ));
                return (error.status, error.body, false);
            }
            let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
            return (status, stored.body.clone(), true);
        }
    }
    let (status, body) = match route(ctx, state, method, path, form) {
        Ok(object) => (StatusCode::OK, object),
        Err(error) => (error.status, error.body),
    };
    if let Some(key) = key {
        let stored = Stored {
            fingerprint,
            status: status.as_u16(),
            body: body.clone(),
        };
        state.idempotency.insert(key.to_string(), stored);
    }
    (status, body, false)
}

fn retrieve(state: &mut State, kind: &str, id: &str) -> ApiResult {
    let known = match kind {
        "checkout.session" => id.starts_with("cs_"),
        "payment_intent" => id.starts_with("pi_"),
        "setup_intent" => id.starts_with("seti_"),
        "customer" => id.starts_with("cus_"),
        "charge" => id.starts_with("ch_"),
        "refund" => id.starts_with("re_"),
        _ => id.starts_with("pm_"),
    };
    known
        .then(|| state.object(id))
        .flatten()
        .ok_or_else(|| ApiError::not_found(kind, id))
}

fn route(ctx: &Ctx, state: &mut State, method: &Method, path: &str, form: &Form) -> ApiResult {
    let segments: Vec<&str> = path
        .strip_prefix("/v1/")
        .unwrap_or_default()
        .split('/')
        .collect();
    let object = match (method.as_str(), segments.as_slice()) {
        ("POST", ["customers"]) => payments::create_customer(state, form),
        ("GET", ["customers", id]) => retrieve(state, "customer", id),
        ("POST", ["checkout", "sessions"]) => sessions::create(ctx, state, form),
        ("GET", ["checkout", "sessions", id]) => retrieve(state, "checkout.session", id),
        ("POST", ["checkout", "sessions", id, "expire"]) => sessions::expire(ctx, state, id),
        ("POST", ["payment_intents"]) => payments::create_payment_intent(ctx, state, form),
        ("GET", ["payment_intents", id]) => retrieve(state, "payment_intent", id),
        ("GET", ["setup_intents", id]) => retrieve(state, "setup_intent", id),
        ("GET", ["payment_methods", id]) => retrieve(state, "payment_method", id),
        ("GET", ["charges", id]) => retrieve(state, "charge", id),
        ("POST", ["refunds"]) => payments::create_refund(ctx, state, form),
        ("GET", ["refunds", id]) => retrieve(state, "refund", id),
        _ => Err(ApiError::unrecognized(method.as_str(), path)),
    }?;
    Ok(expand(state, object, &form.list("expand")))
}

/// Replaces the ids at the `expand[]` paths (`payment_intent`,
/// `payment_intent.latest_charge`, …) by the objects.
pub(crate) fn expand(state: &mut State, mut object: Value, paths: &[String]) -> Value {
    for path in paths {
        let segments: Vec<&str> = path.split('.').collect();
        expand_path(state, &mut object, &segments);
    }
    object
}

fn expand_path(state: &mut State, object: &mut Value, segments: &[&str]) {
    let Some((first, rest)) = segments.split_first() else {
        return;
    };
    let Some(field) = object.get_mut(*first) else {
        return;
    };
    if let Some(found) = field.as_str().and_then(|id| state.object(id)) {
        *field = found;
    }
    match field {
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| expand_path(state, item, rest)),
        Value::Object(_) => expand_path(state, field, rest),
        _ => {}
    }
}
