//! The signed-in user's own account over the JSON API: changing the
//! password, signing out everywhere, deleting the account (parity with the
//! account page's forms).

use super::super::caller::{session_error, Caller};
use super::super::error::{service, ApiError, ApiJson, Fields, Lang};
use super::super::formats;
use super::{password, sign_in};
use app::ssr::session;
use app::ssr::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use backend::services::{accounts, ServiceError};
use domain::FieldError;
use serde::Deserialize;
use tower_sessions::Session;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordIn {
    #[schema(format = Password)]
    current_password: String,
    #[schema(value_type = formats::NewPassword)]
    new_password: String,
}

impl Fields for ChangePasswordIn {
    const FIELDS: &'static [&'static str] = &["current_password", "new_password"];
}

/// A wrong current password is a field error, like the page's.
fn wrong_password(field: &'static str, lang: Lang) -> impl Fn(ServiceError) -> ApiError {
    move |e| match e {
        ServiceError::Invalid(_) => ApiError::fields(vec![FieldError::invalid(field)], lang),
        e => ApiError::from_service(e, lang),
    }
}

/// Changes the password; every other session of the account ends, this one
/// goes on.
#[utoipa::path(post, path = "/api/auth/password", tag = "auth", request_body = ChangePasswordIn,
    security(("session" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Not signed in", body = super::super::shapes::ErrorOut),
        (status = 422, description = "Wrong current password (`current_password`), or a refused new one (`new_password`, `reason`: too_short, too_long, too_common)", body = super::super::shapes::ErrorOut),
        (status = 429, description = "Too many wrong passwords for this account, or from this address", body = super::super::shapes::ErrorOut),
        (status = 503, description = "Busy (`Retry-After`), or the session store cannot be reached", body = super::super::shapes::ErrorOut),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    session: Session,
    lang: Lang,
    ApiJson(body): ApiJson<ChangePasswordIn>,
) -> Result<StatusCode, ApiError> {
    let who = caller.required(lang)?;
    let new = password(&body.new_password, "new_password", lang)?;
    accounts::change_password(
        &state.store,
        &state.login_guard,
        backend::now(),
        &who,
        &body.current_password,
        new,
    )
    .await
    .map_err(wrong_password("current_password", lang))?;
    sign_in(&session, &state, who.user_id, lang).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs out of every session of the account, this one included.
#[utoipa::path(post, path = "/api/auth/logout-all", tag = "auth",
    security(("session" = [])),
    responses(
        (status = 204, description = "Every session ended"),
        (status = 401, description = "Not signed in", body = super::super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::super::shapes::ErrorOut),
    ))]
pub async fn logout_all(
    State(state): State<AppState>,
    caller: Caller,
    session: Session,
    lang: Lang,
) -> Result<StatusCode, ApiError> {
    let who = caller.required(lang)?;
    service(
        accounts::sign_out_everywhere(&state.store, &who).await,
        lang,
    )?;
    session::sign_out(&session)
        .await
        .map_err(|e| session_error(e, lang))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteMeIn {
    #[schema(format = Password)]
    password: String,
}

impl Fields for DeleteMeIn {
    const FIELDS: &'static [&'static str] = &["password"];
}

/// Deletes the account (the password is confirmed) and signs out. Bookings
/// keep the guest's name and e-mail for the restaurant's records.
#[utoipa::path(delete, path = "/api/auth/me", tag = "auth", request_body = DeleteMeIn,
    security(("session" = [])),
    responses(
        (status = 204, description = "Deleted and signed out"),
        (status = 401, description = "Not signed in", body = super::super::shapes::ErrorOut),
        (status = 422, description = "Wrong password (`password`)", body = super::super::shapes::ErrorOut),
        (status = 429, description = "Too many wrong passwords for this account, or from this address", body = super::super::shapes::ErrorOut),
        (status = 503, description = "Busy (`Retry-After`), or the session store cannot be reached", body = super::super::shapes::ErrorOut),
    ))]
pub async fn delete_me(
    State(state): State<AppState>,
    caller: Caller,
    session: Session,
    lang: Lang,
    ApiJson(body): ApiJson<DeleteMeIn>,
) -> Result<StatusCode, ApiError> {
    let who = caller.required(lang)?;
    accounts::delete_account(&state.store, &state.login_guard, &who, &body.password)
        .await
        .map_err(wrong_password("password", lang))?;
    session::sign_out(&session)
        .await
        .map_err(|e| session_error(e, lang))?;
    Ok(StatusCode::NO_CONTENT)
}
