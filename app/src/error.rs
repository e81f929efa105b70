//! The error every server function returns: safe to show, translatable,
//! and carrying no internal detail (those stay in the server's logs).

use crate::i18n::*;
use domain::{Alternative, FieldError, SlotReason};
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// The input was rejected; `field` names the form field at fault.
    #[error("invalid input")]
    InvalidInput { field: Option<String> },
    /// Several form fields were rejected at once, in form order (so a form
    /// can show every inline error together), each with its reason.
    #[error("invalid input")]
    InvalidFields { fields: Vec<FieldError> },
    #[error("conflict")]
    Conflict,
    /// The slot cannot be booked (any more): why, and the nearest free ones.
    #[error("slot unavailable")]
    SlotUnavailable {
        reason: SlotReason,
        alternatives: Vec<Alternative>,
    },
    /// Past the restaurant's cut-off (or the booking is no longer active):
    /// only a phone call can change it now.
    #[error("too late to change online")]
    TooLate,
    /// The booking's status does not allow this change.
    #[error("status change refused")]
    StatusRefused,
    /// Another booking holds the table at that time.
    #[error("table taken")]
    TableTaken,
    /// Something still depends on what was to be removed or changed:
    /// `reason` says what (`area_not_empty`, `table_in_use`,
    /// `table_has_history`, `tables_booked`).
    #[error("in use")]
    InUse { reason: String },
    /// The change would leave the restaurant without an active admin.
    #[error("last admin")]
    LastAdmin,
    /// Not signed in, or wrong credentials.
    #[error("unauthorized")]
    Unauthorized,
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// Allowed after signing in again (admin actions need a recent sign-in).
    #[error("sign in again")]
    Reauthenticate,
    /// Too many requests for now.
    #[error("rate limited")]
    RateLimited,
    #[error("temporarily unavailable")]
    Unavailable,
    /// Online payment cannot be made now (the provider is not configured
    /// or cannot be reached); nothing was booked.
    #[error("payments unavailable")]
    PaymentUnavailable,
    /// The browser could not reach the server.
    #[error("network error")]
    Network,
    #[error("internal error")]
    Internal,
}

/// The reasons of [`AppError::InUse`].
pub const IN_USE: [&str; 5] = [
    "area_not_empty",
    "category_not_empty",
    "table_in_use",
    "table_has_history",
    "tables_booked",
];

impl AppError {
    /// Stable machine-readable code, also used by the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::InvalidInput { .. } => "invalid_input",
            AppError::InvalidFields { .. } => "invalid_fields",
            AppError::Conflict => "conflict",
            AppError::SlotUnavailable { .. } => "slot_unavailable",
            AppError::TooLate => "too_late",
            AppError::StatusRefused => "status_refused",
            AppError::TableTaken => "table_taken",
            AppError::InUse { .. } => "in_use",
            AppError::LastAdmin => "last_admin",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Reauthenticate => "reauthenticate",
            AppError::RateLimited => "rate_limited",
            AppError::Unavailable => "unavailable",
            AppError::PaymentUnavailable => "payment_unavailable",
            AppError::Network => "network",
            AppError::Internal => "internal",
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::InvalidInput { .. } | AppError::InvalidFields { .. } => 422,
            AppError::Conflict
            | AppError::SlotUnavailable { .. }
            | AppError::TooLate
            | AppError::StatusRefused
            | AppError::TableTaken
            | AppError::InUse { .. }
            | AppError::LastAdmin => 409,
            AppError::Unauthorized | AppError::Reauthenticate => 401,
            AppError::Forbidden => 403,
            AppError::RateLimited => 429,
            AppError::Unavailable | AppError::PaymentUnavailable | AppError::Network => 503,
            AppError::Internal => 500,
        }
    }
}

impl AppError {
    /// The form fields this error rejects (empty for other errors).
    pub fn fields(&self) -> Vec<FieldError> {
        match self {
            AppError::InvalidFields { fields } => fields.clone(),
            AppError::InvalidInput { field: Some(field) } => vec![FieldError::invalid(field)],
            _ => Vec::new(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request never reached the server, or its answer never came back.
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Network,
            // Arguments that do not decode are bad input, not a server fault.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::InvalidInput { field: None }
            }
            ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::InvalidInput { field: None },
            _ => AppError::Internal,
        }
    }
}

/// The server-failure page's title, text and link home, in `locale` (the
/// server writes that page itself, without the app).
#[cfg(feature = "ssr")]
pub fn server_error_texts(locale: domain::Locale) -> [String; 3] {
    let l = match locale {
        domain::Locale::Fr => Locale::fr,
        domain::Locale::En => Locale::en,
    };
    [
        td_string!(l, server_error.title).to_string(),
        td_string!(l, server_error.text).to_string(),
        td_string!(l, not_found.back_home).to_string(),
    ]
}

/// The translated message for an error code (the JSON API's and the
/// pages' codes), from the generated i18n module: one table for the pages
/// and the JSON API. An unknown code gets the generic message.
pub fn message(locale: domain::Locale, code: &str) -> String {
    let l = match locale {
        domain::Locale::Fr => Locale::fr,
        domain::Locale::En => Locale::en,
    };
    match code {
        "not_found" => td_string!(l, error.not_found),
        "invalid_input" | "invalid_fields" => td_string!(l, error.invalid_input),
        "conflict" => td_string!(l, error.conflict),
        "slot_unavailable" => td_string!(l, error.slot_unavailable),
        "too_late" => td_string!(l, error.too_late),
        "status_refused" => td_string!(l, error.status_refused),
        "table_taken" => td_string!(l, error.table_taken),
        "in_use" => td_string!(l, error.in_use),
        "tables_booked" => td_string!(l, error.tables_booked),
        "last_admin" => td_string!(l, error.last_admin),
        "unauthorized" => td_string!(l, error.unauthorized),
        "forbidden" => td_string!(l, error.forbidden),
        "reauthenticate" => td_string!(l, error.reauthenticate),
        "rate_limited" => td_string!(l, error.rate_limited),
        "unavailable" => td_string!(l, error.unavailable),
        "payment_unavailable" => td_string!(l, error.payment_unavailable),
        "network" => td_string!(l, error.network),
        "too_large" => td_string!(l, error.too_large),
        "timeout" => td_string!(l, error.timeout),
        "method_not_allowed" => td_string!(l, error.method_not_allowed),
        _ => td_string!(l, error.internal),
    }
    .to_string()
}

/// The translated message for an error.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let locale = match i18n.get_locale() {
            Locale::fr => domain::Locale::Fr,
            Locale::en => domain::Locale::En,
        };
        // Bookings in the way of a block: say so, the generic words
        // would not tell staff what to move.
        let code = match &error {
            AppError::InUse { reason } if reason == "tables_booked" => "tables_booked",
            error => error.code(),
        };
        message(locale, code)
    };
    view! {
        <div class="alert alert-error" role="alert">
            <p class="alert-title">{t!(i18n, error.title)}</p>
            <p>{text}</p>
        </div>
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use backend::services::ServiceError;

    impl From<ServiceError> for AppError {
        fn from(err: ServiceError) -> Self {
            match err {
                ServiceError::NotFound => AppError::NotFound,
                ServiceError::Invalid(field) => AppError::InvalidInput {
                    field: Some(field.to_owned()),
                },
                ServiceError::SlotUnavailable {
                    reason,
                    alternatives,
                } => AppError::SlotUnavailable {
                    reason,
                    alternatives,
                },
                ServiceError::TooLate => AppError::TooLate,
                ServiceError::StatusRefused => AppError::StatusRefused,
                ServiceError::TableTaken => AppError::TableTaken,
                ServiceError::Refused { field, reason } => AppError::InvalidFields {
                    fields: vec![domain::FieldError::new(field, reason)],
                },
                ServiceError::Unauthorized => AppError::Unauthorized,
                ServiceError::Forbidden => AppError::Forbidden,
                ServiceError::Reauthenticate => AppError::Reauthenticate,
                ServiceError::RateLimited { .. } => AppError::RateLimited,
                ServiceError::Busy { .. } => AppError::Unavailable,
                ServiceError::PaymentUnavailable => AppError::PaymentUnavailable,
                ServiceError::Conflict(what) if what == backend::services::accounts::LAST_ADMIN => {
                    AppError::LastAdmin
                }
                ServiceError::Conflict(what) if crate::error::IN_USE.contains(&what.as_str()) => {
                    AppError::InUse { reason: what }
                }
                ServiceError::Conflict(what) => {
                    tracing::info!(%what, "conflict");
                    AppError::Conflict
                }
                ServiceError::Store(err) => {
                    tracing::error!(error = %err, source = ?std::error::Error::source(&err), "store error");
                    AppError::Internal
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_with_a_stable_code() {
        let json = serde_json::to_value(AppError::InvalidInput {
            field: Some("email".into()),
        })
        .unwrap();
        assert_eq!(json["code"], "invalid_input");
        assert_eq!(json["field"], "email");
        let back: AppError = serde_json::from_value(json).unwrap();
        assert_eq!(back.code(), "invalid_input");
    }

    #[test]
    fn several_invalid_fields_round_trip() {
        let err = AppError::InvalidFields {
            fields: vec![
                FieldError::invalid("name"),
                FieldError::new("password", "too_short"),
            ],
        };
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["code"], "invalid_fields");
        assert_eq!(json["code"], err.code());
        assert_eq!(json["fields"][1]["reason"], "too_short");
        assert_eq!(err.status(), 422);
        let back: AppError = serde_json::from_value(json).unwrap();
        assert_eq!(back.fields(), err.fields());
        assert_eq!(
            AppError::InvalidInput {
                field: Some("time".into())
            }
            .fields(),
            [FieldError::invalid("time")]
        );
        assert!(AppError::NotFound.fields().is_empty());
    }

    #[test]
    fn every_code_is_the_serialized_tag() {
        for err in [
            AppError::NotFound,
            AppError::InvalidInput { field: None },
            AppError::InvalidFields { fields: vec![] },
            AppError::Conflict,
            AppError::SlotUnavailable {
                reason: SlotReason::Full,
                alternatives: vec![],
            },
            AppError::TooLate,
            AppError::LastAdmin,
            AppError::Unauthorized,
            AppError::Forbidden,
            AppError::RateLimited,
            AppError::Unavailable,
            AppError::PaymentUnavailable,
            AppError::Network,
            AppError::Internal,
        ] {
            assert_eq!(serde_json::to_value(&err).unwrap()["code"], err.code());
        }
        // The server's rate limiter answers server functions with this body.
        let limited: AppError = serde_json::from_str(r#"{"code":"rate_limited"}"#).unwrap();
        assert_eq!(limited, AppError::RateLimited);
        assert_eq!(limited.status(), 429);
    }

    #[test]
    fn every_code_has_its_own_message_in_both_languages() {
        use domain::Locale::{En, Fr};
        let generic = message(En, "internal");
        for code in [
            "not_found",
            "invalid_input",
            "conflict",
            "slot_unavailable",
            "too_late",
            "status_refused",
            "table_taken",
            "last_admin",
            "unauthorized",
            "forbidden",
            "rate_limited",
            "unavailable",
            "network",
        ] {
            assert_ne!(message(En, code), generic, "{code}");
            assert_ne!(message(Fr, code), message(En, code), "{code}");
        }
        assert_eq!(message(En, "not_found"), "Not found.");
        assert_eq!(message(En, "invalid_fields"), message(En, "invalid_input"));
        // An unknown code falls back to the generic message, never to the code.
        assert_eq!(message(En, "no_such_code"), generic);
    }

    #[test]
    fn server_fn_failures_never_leak_their_message() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "relation \"secret_table\" does not exist".into(),
        ));
        assert_eq!(err, AppError::Internal);
        let text = serde_json::to_string(&err).unwrap();
        assert!(!text.contains("secret_table"));
        assert_eq!(
            AppError::from_server_fn_error(ServerFnErrorErr::Request("offline".into())),
            AppError::Network
        );
    }
}
