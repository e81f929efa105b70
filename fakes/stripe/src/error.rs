//! Stripe's error answers: `{"error": {"type": .., "message": .., "code": ..}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// An error answer of the Stripe API (status and the `{"error": ..}` body).
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub body: Value,
}

impl ApiError {
    fn new(status: StatusCode, kind: &str, message: String) -> Self {
        ApiError {
            status,
            body: json!({ "error": { "type": kind, "message": message } }),
        }
    }

    fn field(mut self, key: &str, value: impl Into<Value>) -> Self {
        if let Some(error) = self.body.get_mut("error").and_then(Value::as_object_mut) {
            error.insert(key.to_string(), value.into());
        }
        self
    }

    /// Sets `code` (and `doc_url`, like Stripe).
    pub fn code(self, code: &str) -> Self {
        let doc = format!(
            "https://stripe.com/docs/error-codes/{}",
            code.replace('_', "-")
        );
        self.field("code", code).field("doc_url", doc)
    }

    /// Sets `param`, the request parameter at fault.
    pub fn param(self, param: &str) -> Self {
        self.field("param", param)
    }

    /// 400 `invalid_request_error`.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            message.into(),
        )
    }

    /// 400 `parameter_missing` for a required parameter.
    pub fn missing_param(param: &str) -> Self {
        Self::invalid(format!("Missing required param: {param}."))
            .code("parameter_missing")
            .param(param)
    }

    /// 400 `resource_missing` for an id given as a parameter.
    pub fn no_such_param(kind: &str, id: &str, param: &str) -> Self {
        Self::invalid(format!("No such {kind}: '{id}'"))
            .code("resource_missing")
            .param(param)
    }

    /// 404 `resource_missing` for the object of the URL.
    pub fn not_found(kind: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            format!("No such {kind}: '{id}'"),
        )
        .code("resource_missing")
        .param("id")
    }

    /// 404 for a URL the fake does not know.
    pub fn unrecognized(method: &str, path: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "invalid_request_error",
            format!("Unrecognized request URL ({method}: {path}). This fake Stripe only knows a few endpoints."),
        )
    }

    /// 401 for a missing or non-test API key.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "invalid_request_error",
            message.into(),
        )
    }

    /// 402 `card_error` (`card_declined`), carrying the failed PaymentIntent.
    pub fn card_declined(decline_code: &str, payment_intent: Option<Value>) -> Self {
        let mut error = Self::new(
            StatusCode::PAYMENT_REQUIRED,
            "card_error",
            "Your card was declined.".to_string(),
        )
        .code("card_declined")
        .field("decline_code", decline_code);
        if let Some(pi) = payment_intent {
            if let Some(charge) = pi.get("latest_charge").filter(|c| c.is_string()) {
                error = error.field("charge", charge.clone());
            }
            error = error.field("payment_intent", pi);
        }
        error
    }

    /// 400 `idempotency_error`.
    pub fn idempotency(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "idempotency_error", message.into())
    }

    /// The inner `error` object, as a PaymentIntent's `last_payment_error`.
    pub fn inner(&self) -> Value {
        self.body
            .get("error")
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new()))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body)).into_response()
    }
}

/// The result of an API operation: the answered object or Stripe's error.
pub(crate) type ApiResult = Result<Value, ApiError>;
