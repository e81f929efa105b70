//! Accounts over the JSON API: register, verify, sign in and out, refresh
//! the session, password reset, staff invitations and roles, and the
//! signed-in user's bookings.
//!
//! The session holds the user's id and the role it was opened with; the
//! session id is renewed at sign-in and whenever the role differs from the
//! stored one (a role change by an admin).

use super::caller::{session_error, Caller};
use super::error::{service, ApiError, ApiJson, Fields, Lang};
use super::formats;
use super::shapes::UserOut;
use app::ssr::session;
use app::ssr::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use backend::services::accounts;
use domain::{Email, GuestName, Locale, Password};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::ToSchema;

mod account;
mod password;
mod staff;

pub use account::*;
pub use password::*;
pub use staff::*;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/auth/register", post(register))
        .route("/api/auth/login", post(login))
        .route("/api/auth/logout", post(logout))
        .route("/api/auth/refresh", post(refresh))
        .route("/api/auth/me", get(me).delete(delete_me))
        .route("/api/auth/password", post(change_password))
        .route("/api/auth/logout-all", post(logout_all))
        .route("/api/auth/password/forgot", post(forgot))
        .route("/api/auth/password/reset", post(reset))
        .route("/api/auth/verify", post(verify))
        .route("/api/auth/invite", post(invite))
        .route("/api/auth/invite/accept", post(accept_invite))
        .route("/api/auth/role", put(set_role))
}

/// Opens a session for `user_id` with a fresh id (no fixation), bound to
/// the account's session epoch.
pub(super) async fn sign_in(
    session: &Session,
    state: &AppState,
    user_id: i64,
    lang: Lang,
) -> Result<(), ApiError> {
    session::sign_in(session, &state.store, user_id)
        .await
        .map_err(|e| session_error(e, lang))
}

pub(super) fn password(raw: &str, field: &str, lang: Lang) -> Result<Password, ApiError> {
    Password::parse(raw)
        .map_err(|e| ApiError::form(vec![domain::FieldError::new(field, e.as_str())], lang))
}

pub(super) fn email(raw: &str, lang: Lang) -> Result<Email, ApiError> {
    Email::parse(raw).map_err(|e| ApiError::invalid(e.field(), lang))
}

pub(super) fn name(raw: &str, lang: Lang) -> Result<GuestName, ApiError> {
    GuestName::parse(raw).map_err(|e| ApiError::invalid(e.field(), lang))
}

pub(super) fn locale(raw: Option<&str>, lang: Lang) -> Result<Locale, ApiError> {
    match raw {
        Some(raw) => Locale::parse(raw).map_err(|e| ApiError::invalid(e.field(), lang)),
        None => Ok(lang.0),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterIn {
    #[schema(value_type = formats::GuestName)]
    name: String,
    #[schema(value_type = formats::Email)]
    email: String,
    #[schema(value_type = formats::NewPassword)]
    password: String,
    /// For the e-mails; defaults to `Accept-Language`.
    #[serde(default)]
    #[schema(value_type = Option<formats::Locale>)]
    locale: Option<String>,
}

impl Fields for RegisterIn {
    const FIELDS: &'static [&'static str] = &["name", "email", "password", "locale"];
}

/// Creates a diner account and e-mails a verification link; nobody is
/// signed in (sign in once the address is proved). An address that already
/// has an account gets the same answer, and its owner an e-mail instead.
#[utoipa::path(post, path = "/api/auth/register", tag = "auth", request_body = RegisterIn,
    responses(
        (status = 202, description = "A message is on its way to the address (a verification link, or a notice to an existing account's owner)"),
        (status = 422, description = "Invalid input (`field` names it; `reason` for passwords: too_short, too_long, too_common)", body = super::shapes::ErrorOut),
        (status = 429, description = "Too many attempts", body = super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
    ))]
pub async fn register(
    State(state): State<AppState>,
    lang: Lang,
    ApiJson(body): ApiJson<RegisterIn>,
) -> Result<Response, ApiError> {
    let form = domain::Registration::parse(&body.name, &body.email, &body.password)
        .map_err(|errors| ApiError::form(errors, lang))?;
    let locale = locale(body.locale.as_deref(), lang)?;
    service(
        accounts::register(
            &state.store,
            backend::now(),
            form.name,
            form.email,
            form.password,
            locale,
        )
        .await,
        lang,
    )?;
    Ok(StatusCode::ACCEPTED.into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    /// The account's e-mail (any string: an unknown one is a wrong one).
    email: String,
    #[schema(format = Password)]
    password: String,
}

impl Fields for LoginIn {
    const FIELDS: &'static [&'static str] = &["email", "password"];
}

/// Signs in. An unknown e-mail and a wrong password get the same answer.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginIn,
    responses(
        (status = 200, description = "Signed in", body = UserOut),
        (status = 401, description = "Wrong e-mail or password", body = super::shapes::ErrorOut),
        (status = 429, description = "Too many attempts, from this address or for this account", body = super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
    ))]
pub async fn login(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    headers: http::HeaderMap,
    ApiJson(body): ApiJson<LoginIn>,
) -> Result<impl IntoResponse, ApiError> {
    let secure = state.secure_cookies;
    let device = app::ssr::device::from_headers(&headers, secure);
    let signed_in = service(
        accounts::login(
            &state.store,
            &state.login_guard,
            &body.email,
            &body.password,
            device.as_deref(),
        )
        .await,
        lang,
    )?;
    sign_in(&session, &state, signed_in.user_id, lang).await?;
    let mut res = Json(UserOut::from(signed_in.user)).into_response();
    if let Some(token) = &signed_in.new_device {
        res.headers_mut().append(
            http::header::SET_COOKIE,
            app::ssr::device::set_cookie(token, secure),
        );
    }
    Ok(res)
}

/// Signs out: the session is deleted.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth",
    responses(
        (status = 204, description = "Signed out (also without a session)"),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
    ))]
pub async fn logout(session: Session, lang: Lang) -> Result<StatusCode, ApiError> {
    session::sign_out(&session)
        .await
        .map_err(|e| session_error(e, lang))?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RefreshOut {
    /// Seconds of inactivity before the session ends.
    expires_in: i64,
}

/// Extends the session (sliding expiry).
#[utoipa::path(post, path = "/api/auth/refresh", tag = "auth",
    security(("session" = [])),
    responses(
        (status = 200, description = "Extended", body = RefreshOut),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
    ))]
pub async fn refresh(
    caller: Caller,
    session: Session,
    lang: Lang,
) -> Result<Json<RefreshOut>, ApiError> {
    caller.required(lang)?;
    session
        .insert("refreshed_at", backend::now().timestamp())
        .await
        .map_err(|e| session_error(e.into(), lang))?;
    Ok(Json(RefreshOut {
        expires_in: crate::SESSION_DAYS * 86_400,
    }))
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/auth/me", tag = "auth",
    security(("session" = [])),
    responses(
        (status = 200, description = "The signed-in user", body = UserOut),
        (status = 401, description = "Not signed in", body = super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::shapes::ErrorOut),
    ))]
pub async fn me(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<UserOut>, ApiError> {
    let who = caller.required(lang)?;
    Ok(Json(
        service(accounts::me(&state.store, &who).await, lang)?.into(),
    ))
}
