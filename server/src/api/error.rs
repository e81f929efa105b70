//! The JSON API's error answer: `{"error": {"code", "message", ...}}` with
//! the message translated by `Accept-Language`, and extractors whose
//! rejections (malformed JSON, unknown fields, bad query strings, oversized
//! bodies) become that same answer.

use app::error::AppError;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use backend::services::ServiceError;
use domain::{Alternative, FieldError, Locale, SlotReason};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::value::RawValue;

/// The language of the caller, from `Accept-Language` (French by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(pub Locale);

impl Lang {
    pub fn from_parts(parts: &Parts) -> Lang {
        Lang::from_headers(&parts.headers)
    }

    pub fn from_headers(headers: &axum::http::HeaderMap) -> Lang {
        Lang(
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map(Locale::from_accept_language)
                .unwrap_or_default(),
        )
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_parts(parts))
    }
}

/// Answers that the framework makes in plain text (a body over the limit,
/// a timeout, a path or method the API does not take) get the API's JSON
/// envelope, in the caller's language.
pub async fn plain_errors_as_json(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let lang = Lang::from_headers(req.headers());
    let api = req.uri().path().starts_with("/api/") && !req.uri().path().starts_with("/api/fn/");
    let res = next.run(req).await;
    let status = res.status();
    let json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let code = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::REQUEST_TIMEOUT => "timeout",
        _ if !api => return res,
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        s if s.is_client_error() => "invalid_input",
        _ => "internal",
    };
    let mut answer = ApiError::new(status, code, lang).into_response();
    if let Some(allow) = res.headers().get(header::ALLOW) {
        answer.headers_mut().insert(header::ALLOW, allow.clone());
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        // The rest of the body was not read: the connection cannot carry
        // another request.
        answer
            .headers_mut()
            .insert(header::CONNECTION, http::HeaderValue::from_static("close"));
    }
    answer
}

/// A server function whose arguments do not decode is answered by the
/// framework before its body runs, with the right error (`invalid_input`)
/// but the status 500: the status is put back to the error's own (422).
/// Only for `/api/fn/`, only when the body is one of the pages' errors
/// that is not itself internal.
pub async fn server_fn_error_statuses(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let server_fn = req.uri().path().starts_with("/api/fn/");
    let res = next.run(req).await;
    if !server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // An error body is a few dozen bytes.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, axum::body::Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// The translated message for an error code: the same generated table the
/// pages use ([`app::error::message`]).
pub fn message(locale: Locale, code: &str) -> String {
    app::error::message(locale, code)
}

/// An error answer. Only safe, stable codes reach the client; causes are
/// logged where the error is made.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    /// Every input field at fault (the envelope's `field` is the first).
    pub fields: Vec<FieldError>,
    pub reason: Option<SlotReason>,
    pub alternatives: Option<Vec<Alternative>>,
    /// A `reason` that is not a slot's (e.g. why a password was refused).
    pub reason_text: Option<&'static str>,
    /// Seconds, for `Retry-After`.
    pub retry_after: Option<u64>,
    pub lang: Lang,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    fields: &'a [FieldError],
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternatives: Option<&'a [Alternative]>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, lang: Lang) -> Self {
        ApiError {
            status,
            code,
            fields: Vec::new(),
            reason: None,
            alternatives: None,
            reason_text: None,
            retry_after: None,
            lang,
        }
    }

    /// 422 `invalid_input`, naming the field at fault.
    pub fn invalid(field: impl Into<String>, lang: Lang) -> Self {
        ApiError {
            fields: vec![FieldError::invalid(field)],
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", lang)
        }
    }

    /// 422 `invalid_input` naming every field at fault (`field` is the
    /// first one, for clients that show one).
    pub fn fields(fields: Vec<FieldError>, lang: Lang) -> Self {
        ApiError {
            fields,
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", lang)
        }
    }

    /// One error vocabulary: a service error becomes the pages' [`AppError`]
    /// (which logs internal causes and keeps only safe codes), and the API
    /// answer is built from that; only `Retry-After` is taken from the
    /// service error itself.
    /// A form refused as a whole: every field at fault, and (for a refused
    /// password) the top-level `reason` the API has always given.
    pub fn form(fields: Vec<FieldError>, lang: Lang) -> Self {
        let reason_text = fields.first().and_then(|f| {
            domain::PasswordError::ALL
                .into_iter()
                .map(domain::PasswordError::as_str)
                .find(|r| *r == f.reason)
        });
        ApiError {
            reason_text,
            ..ApiError::fields(fields, lang)
        }
    }

    pub fn from_service(err: ServiceError, lang: Lang) -> Self {
        let retry_after = match &err {
            ServiceError::RateLimited { retry_after } | ServiceError::Busy { retry_after } => {
                Some(*retry_after)
            }
            _ => None,
        };
        ApiError {
            retry_after,
            ..ApiError::from_app(AppError::from(err), lang)
        }
    }

    /// The API answer of an [`AppError`]: its status and code (a form's
    /// several fields are `invalid_input` with every field listed).
    pub fn from_app(err: AppError, lang: Lang) -> Self {
        let status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        match err {
            AppError::InvalidInput { field } => ApiError {
                fields: field.map(FieldError::invalid).into_iter().collect(),
                ..ApiError::new(status, "invalid_input", lang)
            },
            AppError::InvalidFields { fields } => ApiError::fields(fields, lang),
            AppError::SlotUnavailable {
                reason,
                alternatives,
            } => ApiError {
                reason: Some(reason),
                alternatives: Some(alternatives),
                ..ApiError::new(status, "slot_unavailable", lang)
            },
            AppError::InUse { reason } => ApiError {
                reason_text: app::error::IN_USE.into_iter().find(|r| *r == reason),
                ..ApiError::new(status, "in_use", lang)
            },
            other => ApiError::new(status, other.code(), lang),
        }
    }
}

/// A service result as an API result, errors in the caller's language.
pub fn service<T>(result: Result<T, ServiceError>, lang: Lang) -> Result<T, ApiError> {
    result.map_err(|e| ApiError::from_service(e, lang))
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Detail {
                code: self.code,
                message: message(self.lang.0, self.code),
                field: self.fields.first().map(|f| f.field.as_str()),
                fields: &self.fields,
                reason: self.reason.map(SlotReason::as_str).or(self.reason_text),
                alternatives: self.alternatives.as_deref(),
            },
        };
        let mut response = (self.status, Json(body)).into_response();
        response.headers_mut().insert(
            header::CONTENT_LANGUAGE,
            header::HeaderValue::from_static(self.lang.0.as_str()),
        );
        if let Some(seconds) = self.retry_after {
            if let Ok(value) = header::HeaderValue::from_str(&seconds.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// The field named in a serde error message ("missing field `x`"). Unknown
/// fields are not named: only our own field names are ever echoed back.
fn field_of(message: &str, known: &[&'static str]) -> Option<&'static str> {
    if message.contains("unknown field") {
        return None;
    }
    known
        .iter()
        .find(|f| message.contains(&format!("`{f}`")))
        .copied()
}

/// `Json<T>` whose rejections are [`ApiError`]s: 415 without a JSON content
/// type, 413 for an oversized body, 422 for anything that does not decode
/// into `T` (syntax, types, unknown or missing fields). The body must be a
/// JSON object: serde would also read a struct from an array of its field
/// values (`[null, null]`), which no client means.
pub struct ApiJson<T>(pub T);

/// The JSON field names of a request body, for error messages.
pub trait Fields {
    const FIELDS: &'static [&'static str];
}

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Fields,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let lang = Lang::from_parts(&parts);
        let req = Request::from_parts(parts, body);
        let raw = match Json::<Box<RawValue>>::from_request(req, state).await {
            Ok(Json(raw)) => raw,
            Err(rejection) => return Err(json_rejection(rejection, T::FIELDS, lang)),
        };
        if !raw.get().starts_with('{') {
            tracing::debug!("rejected JSON body: not an object");
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_input",
                lang,
            ));
        }
        let mut reader = serde_json::Deserializer::from_str(raw.get());
        serde_path_to_error::deserialize::<_, T>(&mut reader)
            .map(ApiJson)
            .map_err(|e| {
                let text = e.inner().to_string();
                tracing::debug!(%text, "rejected JSON body");
                // The field the error is in, from the path (`tables[2]` is
                // `tables`), else from the message (a missing field).
                let field = match e.path().iter().next() {
                    Some(serde_path_to_error::Segment::Map { key }) => {
                        T::FIELDS.iter().find(|f| **f == key.as_str()).copied()
                    }
                    _ => None,
                };
                match field {
                    Some(field) if !text.contains("unknown field") => {
                        ApiError::invalid(field, lang)
                    }
                    _ => data_rejection(&text, T::FIELDS, lang),
                }
            })
    }
}

/// A body that is JSON but not of the expected shape: 422, naming the field
/// when the message names one of ours.
fn data_rejection(text: &str, fields: &[&'static str], lang: Lang) -> ApiError {
    ApiError {
        fields: field_of(text, fields)
            .map(|f| vec![FieldError::invalid(f)])
            .unwrap_or_default(),
        ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", lang)
    }
}

fn json_rejection(rejection: JsonRejection, fields: &[&'static str], lang: Lang) -> ApiError {
    let text = rejection.body_text();
    tracing::debug!(%text, "rejected JSON body");
    match rejection {
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "invalid_input", lang)
        }
        JsonRejection::BytesRejection(_) => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "invalid_input", lang)
        }
        _ => data_rejection(&text, fields, lang),
    }
}

/// `Query<T>` whose rejections are [`ApiError`]s (422).
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Fields,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = Lang::from_parts(parts);
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(query_rejection(&rejection, T::FIELDS, lang)),
        }
    }
}

fn query_rejection(rejection: &QueryRejection, fields: &[&'static str], lang: Lang) -> ApiError {
    let text = rejection.body_text();
    ApiError {
        fields: field_of(&text, fields)
            .map(|f| vec![FieldError::invalid(f)])
            .unwrap_or_default(),
        ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_input", lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_come_from_the_locale_files() {
        assert_eq!(message(Locale::En, "not_found"), "Not found.");
        assert_ne!(
            message(Locale::Fr, "slot_unavailable"),
            message(Locale::En, "slot_unavailable")
        );
        // An unknown code falls back to the generic message, never to the code.
        assert_eq!(
            message(Locale::En, "no_such_code"),
            message(Locale::En, "internal")
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        #[serde(default)]
        a: Option<String>,
    }

    impl Fields for Sample {
        const FIELDS: &'static [&'static str] = &["a"];
    }

    async fn extract(body: &'static str) -> Result<ApiJson<Sample>, ApiError> {
        let req = Request::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .body(axum::body::Body::from(body))
            .unwrap();
        ApiJson::<Sample>::from_request(req, &()).await
    }

    #[tokio::test]
    async fn bodies_are_json_objects() {
        let ok = extract(" {\"a\": \"x\"} ").await.unwrap();
        assert_eq!(ok.0.a.as_deref(), Some("x"));
        // serde would read a struct from the array of its fields.
        for body in ["[null]", "[\"x\"]", "null", "\"a\"", "{\"b\": 1}", "{"] {
            let status = extract(body).await.err().map(|e| e.status);
            assert_eq!(status, Some(StatusCode::UNPROCESSABLE_ENTITY), "{body}");
        }
    }

    #[test]
    fn only_known_field_names_are_echoed() {
        let known = &["date", "party_size"];
        assert_eq!(
            field_of("unknown field `hack`, expected one of `date`", known),
            None
        );
        assert_eq!(
            field_of("missing field `party_size`", known),
            Some("party_size")
        );
        assert_eq!(field_of("invalid type: string \"<script>\"", known), None);
    }
}
