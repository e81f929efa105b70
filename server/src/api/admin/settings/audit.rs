//! The log of settings changes (admins only).

use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiQuery, Fields, Lang};
use crate::api::formats::query_integer;
use app::ssr::AppState;
use axum::extract::State;
use axum::Json;
use backend::services::setup;
use domain::{AuditPage, FieldError};
use serde::Deserialize;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::IntoParams;

/// `GET /api/admin/audit` query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    #[serde(default)]
    before: Option<String>,
}

impl IntoParams for AuditQuery {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![query_integer(
            "before",
            1,
            u32::MAX,
            "Lines older than this one (the previous page's `next`).",
        )]
    }
}

impl Fields for AuditQuery {
    const FIELDS: &'static [&'static str] = &["before"];
}

/// The log of settings changes, newest first, 50 a page: who, when, what,
/// and each field before → after. Admins only.
#[utoipa::path(get, path = "/api/admin/audit", tag = "setup", params(AuditQuery),
    security(("session" = [])),
    responses(
        (status = 200, description = "A page of the log", body = AuditPage),
        (status = 401, description = "Not signed in", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "`before` is not a whole number", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn audit(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    let before = match q.before.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(
            raw.parse::<i64>()
                .ok()
                .filter(|b| (1..=i64::from(u32::MAX)).contains(b))
                .ok_or_else(|| ApiError::fields(vec![FieldError::invalid("before")], lang))?,
        ),
    };
    let page = setup::audit_log(&state.store, caller.principal(), before).await;
    Ok(Json(service(page, lang)?))
}
