//! Answers that do not come from one handler but from what every handler
//! shares, added to each operation of the document so that it lists every
//! status the server can give:
//!
//! - a JSON body is read by [`super::error::ApiJson`]: 415 without a JSON
//!   content type, 413 over [`crate::MAX_BODY_BYTES`], 422 when it does not
//!   decode into the shape (syntax, types, unknown or missing fields);
//! - a query string is read by [`super::error::ApiQuery`]: 422;
//! - writes (`POST`, `PUT`, `DELETE`) from another site are refused with 403
//!   (`security::same_origin_writes`);
//! - every `/api/` request counts against the API rate limit (429 with
//!   `Retry-After`, `security::rate_limit`);
//! - a request slower than [`crate::REQUEST_TIMEOUT`] is answered 408, and a
//!   store failure 500.
//!
//! It also declares the session cookie as the `session` security scheme.

use super::shapes::ErrorOut;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{OpenApi, RefOr};
use utoipa::{Modify, ToSchema};

/// The name of the security scheme of signed-in operations (the
/// operations' `security(("session" = []))` must spell it the same).
pub const SESSION_SCHEME: &str = "session";

pub struct CommonAnswers;

/// An answer with the error envelope.
fn error(description: impl Into<String>) -> ResponseBuilder {
    ResponseBuilder::new().description(description).content(
        "application/json",
        ContentBuilder::new()
            .schema(Some(utoipa::openapi::Ref::from_schema_name(
                ErrorOut::name(),
            )))
            .build(),
    )
}

/// Adds `status` to the operation, or, when the handler documents it
/// already, adds `why` to its description.
fn add(op: &mut Operation, status: &str, why: &str, answer: impl FnOnce() -> Response) {
    match op.responses.responses.get_mut(status) {
        Some(RefOr::T(existing)) => {
            if !existing.description.contains(why) {
                existing.description = format!("{}; or {why}", existing.description);
            }
        }
        Some(RefOr::Ref(_)) => {}
        None => {
            op.responses
                .responses
                .insert(status.to_owned(), RefOr::T(answer()));
        }
    }
}

fn common(op: &mut Operation, writes: bool) {
    let has_body = op.request_body.is_some();
    let has_query = op
        .parameters
        .iter()
        .flatten()
        .any(|p| matches!(p, RefOr::T(p) if p.parameter_in == ParameterIn::Query));
    if has_body {
        let why = "the body is not JSON of this shape (syntax, types, unknown or missing fields)";
        add(op, "422", why, || error(capitalized(why)).build());
        let why = "the request has no JSON content type";
        add(op, "415", why, || error(capitalized(why)).build());
        let why = format!("the body is over {} KiB", crate::MAX_BODY_BYTES / 1024);
        add(op, "413", &why, || {
            // Bodies declared too large by their Content-Length are refused
            // by the body-limit layer before the JSON extractor: plain text.
            error(format!(
                "{}: the error envelope, or plain text when the declared Content-Length is over",
                capitalized(&why)
            ))
            .content(
                "text/plain",
                ContentBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                    .build(),
            )
            .build()
        });
    }
    if has_query {
        let why = "the query string does not decode (unknown, missing or mistyped parameters)";
        add(op, "422", why, || error(capitalized(why)).build());
    }
    if writes {
        let why = "a write from another site (`Origin` or `Referer` not this server's)";
        add(op, "403", why, || error(capitalized(why)).build());
    }
    let why = "too many requests from this address";
    add(op, "429", why, || {
        error(capitalized(why))
            .header(
                "Retry-After",
                HeaderBuilder::new()
                    .schema(Some(ObjectBuilder::new().schema_type(Type::Integer)))
                    .description(Some("Seconds until the limit resets"))
                    .build(),
            )
            .build()
    });
    let why = format!(
        "the request took longer than {} s",
        crate::REQUEST_TIMEOUT.as_secs()
    );
    add(op, "408", &why, || {
        ResponseBuilder::new()
            .description(capitalized(&why))
            .build()
    });
    let why = "an internal error (logged on the server)";
    add(op, "500", why, || error(capitalized(why)).build());
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl Modify for CommonAnswers {
    fn modify(&self, doc: &mut OpenApi) {
        for item in doc.paths.paths.values_mut() {
            for (op, writes) in [
                (item.get.as_mut(), false),
                (item.post.as_mut(), true),
                (item.put.as_mut(), true),
                (item.delete.as_mut(), true),
            ] {
                if let Some(op) = op {
                    common(op, writes);
                }
            }
        }
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            SESSION_SCHEME,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "techplus.sid",
                "The session cookie set by sign-in (`__Host-techplus.sid` over HTTPS).",
            ))),
        );
    }
}
