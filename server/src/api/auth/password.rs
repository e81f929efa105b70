//! E-mailed links: a forgotten password, the reset, the e-mail check.

use super::super::error::{service, ApiError, ApiJson, Fields, Lang};
use super::super::formats;
use super::password;
use app::ssr::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use backend::services::accounts;
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForgotIn {
    /// The account's e-mail (any string: the answer is the same).
    email: String,
}

impl Fields for ForgotIn {
    const FIELDS: &'static [&'static str] = &["email"];
}

/// E-mails a reset link valid 1 hour, if the account exists. The answer
/// never says whether it does.
#[utoipa::path(post, path = "/api/auth/password/forgot", tag = "auth", request_body = ForgotIn,
    responses(
        (status = 202, description = "If the account exists, a link was sent"),
        (status = 429, description = "Too many reset requests from this address", body = super::super::shapes::ErrorOut),
    ))]
pub async fn forgot(
    State(state): State<AppState>,
    lang: Lang,
    ApiJson(body): ApiJson<ForgotIn>,
) -> Result<StatusCode, ApiError> {
    service(
        accounts::forgot_password(&state.store, backend::now(), &body.email).await,
        lang,
    )?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenPasswordIn {
    /// The token of the e-mailed link.
    pub(super) token: String,
    #[schema(value_type = formats::NewPassword)]
    pub(super) password: String,
}

impl Fields for TokenPasswordIn {
    const FIELDS: &'static [&'static str] = &["token", "password"];
}

/// Sets a new password with the e-mailed link (single use).
#[utoipa::path(post, path = "/api/auth/password/reset", tag = "auth", request_body = TokenPasswordIn,
    responses(
        (status = 204, description = "Password changed"),
        (status = 404, description = "Unknown, used or expired link", body = super::super::shapes::ErrorOut),
        (status = 422, description = "Invalid password (`reason`: too_short, too_long, too_common)", body = super::super::shapes::ErrorOut),
        (status = 429, description = "Too many reset attempts from this address", body = super::super::shapes::ErrorOut),
    ))]
pub async fn reset(
    State(state): State<AppState>,
    lang: Lang,
    ApiJson(body): ApiJson<TokenPasswordIn>,
) -> Result<StatusCode, ApiError> {
    let password = password(&body.password, "password", lang)?;
    service(
        accounts::reset_password(&state.store, backend::now(), &body.token, password).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenIn {
    /// The token of the e-mailed link.
    token: String,
}

impl Fields for TokenIn {
    const FIELDS: &'static [&'static str] = &["token"];
}

/// Confirms the e-mail address with the e-mailed link (single use).
#[utoipa::path(post, path = "/api/auth/verify", tag = "auth", request_body = TokenIn,
    responses(
        (status = 204, description = "Verified"),
        (status = 404, description = "Unknown, used or expired link", body = super::super::shapes::ErrorOut),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    session: tower_sessions::Session,
    lang: Lang,
    ApiJson(body): ApiJson<TokenIn>,
) -> Result<StatusCode, ApiError> {
    let opened_for = app::ssr::session::opened_for(&session)
        .await
        .map_err(|e| super::super::caller::session_error(e, lang))?;
    let user_id = service(
        accounts::verify_email(&state.store, backend::now(), &body.token).await,
        lang,
    )?;
    // Every earlier session of the account is signed out, except this
    // client's if it was signed in to it.
    if opened_for == Some(user_id) {
        super::sign_in(&session, &state, user_id, lang).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
