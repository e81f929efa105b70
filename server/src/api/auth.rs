//! Accounts over the JSON API: register, verify, sign in and out, refresh
//! the session, password reset, staff invitations and roles, and the
//! signed-in user's bookings.
//!
//! The session holds the user's id and the role it was opened with; the
//! session id is renewed at sign-in and whenever the role differs from the
//! stored one (a role change by an admin).

use super::error::{service, ApiError, ApiJson, ApiQuery, Fields, Lang};
use app::ssr::session::{self, SessionError};
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use backend::services::accounts;
use backend::services::authz::Principal;
use backend::services::booking;
use backend::services::ServiceError;
use domain::{Email, GuestName, Locale, Password, Role, UserView};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;
use utoipa::ToSchema;

fn session_error(e: SessionError, lang: Lang) -> ApiError {
    match e {
        SessionError::Session(e) => {
            tracing::error!(error = %e, "session store error");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", lang)
        }
        SessionError::Service(e) => ApiError::from_service(e, lang),
    }
}

/// The signed-in user of this request, if any (see
/// [`app::account::session::current_principal`]).
pub async fn current(
    session: &Session,
    state: &AppState,
    lang: Lang,
) -> Result<Option<Principal>, ApiError> {
    session::current_principal(session, &state.store)
        .await
        .map_err(|e| session_error(e, lang))
}

/// Opens a session for `user_id` with a fresh id (no fixation).
async fn sign_in(session: &Session, user_id: i64, role: Role, lang: Lang) -> Result<(), ApiError> {
    session::sign_in(session, user_id, role)
        .await
        .map_err(|e| session_error(e, lang))
}

/// The signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    email: String,
    name: String,
    phone: String,
    locale: String,
    /// `diner`, `staff` or `admin`.
    role: String,
    email_verified: bool,
}

impl From<UserView> for UserOut {
    fn from(u: UserView) -> Self {
        UserOut {
            email: u.email,
            name: u.name,
            phone: u.phone,
            locale: u.locale.as_str().to_owned(),
            role: u.role.as_str().to_owned(),
            email_verified: u.email_verified,
        }
    }
}

fn password(raw: &str, field: &str, lang: Lang) -> Result<Password, ApiError> {
    Password::parse(raw).map_err(|e| ApiError {
        reason_text: Some(e.as_str()),
        ..ApiError::invalid(field, lang)
    })
}

fn email(raw: &str, lang: Lang) -> Result<Email, ApiError> {
    Email::parse(raw).map_err(|e| ApiError::invalid(e.field(), lang))
}

fn name(raw: &str, lang: Lang) -> Result<GuestName, ApiError> {
    GuestName::parse(raw).map_err(|e| ApiError::invalid(e.field(), lang))
}

fn locale(raw: Option<&str>, lang: Lang) -> Result<Locale, ApiError> {
    match raw {
        Some(raw) => Locale::parse(raw).map_err(|e| ApiError::invalid(e.field(), lang)),
        None => Ok(lang.0),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterIn {
    name: String,
    email: String,
    /// At least 12 characters; common passwords are refused.
    password: String,
    #[serde(default)]
    locale: Option<String>,
}

impl Fields for RegisterIn {
    const FIELDS: &'static [&'static str] = &["name", "email", "password", "locale"];
}

/// Creates a diner account, signs it in, and e-mails a verification link.
#[utoipa::path(post, path = "/api/auth/register", tag = "auth", request_body = RegisterIn,
    responses(
        (status = 201, description = "Registered and signed in", body = UserOut),
        (status = 409, description = "An account exists with this e-mail", body = super::ErrorOut),
        (status = 422, description = "Invalid input (`reason` for passwords: too_short, too_long, too_common)", body = super::ErrorOut),
        (status = 429, description = "Too many attempts", body = super::ErrorOut),
    ))]
pub async fn register(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    ApiJson(body): ApiJson<RegisterIn>,
) -> Result<Response, ApiError> {
    let name = name(&body.name, lang)?;
    let email = email(&body.email, lang)?;
    let password = password(&body.password, "password", lang)?;
    let locale = locale(body.locale.as_deref(), lang)?;
    let (user_id, user) = service(
        accounts::register(&state.store, backend::now(), name, email, password, locale).await,
        lang,
    )?;
    sign_in(&session, user_id, user.role, lang).await?;
    Ok((StatusCode::CREATED, Json(UserOut::from(user))).into_response())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    email: String,
    password: String,
}

impl Fields for LoginIn {
    const FIELDS: &'static [&'static str] = &["email", "password"];
}

/// Signs in. An unknown e-mail and a wrong password get the same answer.
#[utoipa::path(post, path = "/api/auth/login", tag = "auth", request_body = LoginIn,
    responses(
        (status = 200, description = "Signed in", body = UserOut),
        (status = 401, description = "Wrong e-mail or password", body = super::ErrorOut),
        (status = 429, description = "Too many attempts", body = super::ErrorOut),
    ))]
pub async fn login(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    ApiJson(body): ApiJson<LoginIn>,
) -> Result<Json<UserOut>, ApiError> {
    let (user_id, user) = service(
        accounts::login(
            &state.store,
            &state.login_guard,
            &body.email,
            &body.password,
        )
        .await,
        lang,
    )?;
    sign_in(&session, user_id, user.role, lang).await?;
    Ok(Json(user.into()))
}

/// Signs out: the session is deleted.
#[utoipa::path(post, path = "/api/auth/logout", tag = "auth",
    responses((status = 204, description = "Signed out")))]
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
    responses(
        (status = 200, description = "Extended", body = RefreshOut),
        (status = 401, description = "Not signed in", body = super::ErrorOut),
    ))]
pub async fn refresh(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
) -> Result<Json<RefreshOut>, ApiError> {
    current(&session, &state, lang)
        .await?
        .ok_or_else(|| ApiError::from_service(ServiceError::Unauthorized, lang))?;
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
    responses(
        (status = 200, description = "The signed-in user", body = UserOut),
        (status = 401, description = "Not signed in", body = super::ErrorOut),
    ))]
pub async fn me(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
) -> Result<Json<UserOut>, ApiError> {
    let who = current(&session, &state, lang)
        .await?
        .ok_or_else(|| ApiError::from_service(ServiceError::Unauthorized, lang))?;
    Ok(Json(
        service(accounts::me(&state.store, &who).await, lang)?.into(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForgotIn {
    email: String,
}

impl Fields for ForgotIn {
    const FIELDS: &'static [&'static str] = &["email"];
}

/// E-mails a reset link valid 1 hour, if the account exists. The answer
/// never says whether it does.
#[utoipa::path(post, path = "/api/auth/password/forgot", tag = "auth", request_body = ForgotIn,
    responses((status = 202, description = "If the account exists, a link was sent")))]
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
    token: String,
    password: String,
}

impl Fields for TokenPasswordIn {
    const FIELDS: &'static [&'static str] = &["token", "password"];
}

/// Sets a new password with the e-mailed link (single use).
#[utoipa::path(post, path = "/api/auth/password/reset", tag = "auth", request_body = TokenPasswordIn,
    responses(
        (status = 204, description = "Password changed"),
        (status = 404, description = "Unknown, used or expired link", body = super::ErrorOut),
        (status = 422, description = "Invalid password", body = super::ErrorOut),
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
    token: String,
}

impl Fields for TokenIn {
    const FIELDS: &'static [&'static str] = &["token"];
}

/// Confirms the e-mail address with the e-mailed link (single use).
#[utoipa::path(post, path = "/api/auth/verify", tag = "auth", request_body = TokenIn,
    responses(
        (status = 204, description = "Verified"),
        (status = 404, description = "Unknown, used or expired link", body = super::ErrorOut),
    ))]
pub async fn verify(
    State(state): State<AppState>,
    lang: Lang,
    ApiJson(body): ApiJson<TokenIn>,
) -> Result<StatusCode, ApiError> {
    service(
        accounts::verify_email(&state.store, backend::now(), &body.token).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteIn {
    email: String,
    name: String,
    /// `staff` or `admin`.
    role: String,
    #[serde(default)]
    locale: Option<String>,
}

impl Fields for InviteIn {
    const FIELDS: &'static [&'static str] = &["email", "name", "role", "locale"];
}

/// An admin invites a staff member by e-mail.
#[utoipa::path(post, path = "/api/auth/invite", tag = "auth", request_body = InviteIn,
    responses(
        (status = 201, description = "Invitation sent"),
        (status = 401, description = "Not signed in", body = super::ErrorOut),
        (status = 403, description = "Not an admin", body = super::ErrorOut),
        (status = 409, description = "An account exists with this e-mail", body = super::ErrorOut),
    ))]
pub async fn invite(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    ApiJson(body): ApiJson<InviteIn>,
) -> Result<StatusCode, ApiError> {
    let who = current(&session, &state, lang).await?;
    let role = Role::parse(&body.role).ok_or_else(|| ApiError::invalid("role", lang))?;
    let email = email(&body.email, lang)?;
    let name = name(&body.name, lang)?;
    let locale = locale(body.locale.as_deref(), lang)?;
    service(
        accounts::invite_staff(
            &state.store,
            backend::now(),
            who.as_ref(),
            email,
            name,
            role,
            locale,
        )
        .await,
        lang,
    )?;
    Ok(StatusCode::CREATED)
}

/// Accepts an invitation: sets the password and signs in.
#[utoipa::path(post, path = "/api/auth/invite/accept", tag = "auth", request_body = TokenPasswordIn,
    responses(
        (status = 200, description = "Signed in", body = UserOut),
        (status = 404, description = "Unknown, used or expired link", body = super::ErrorOut),
    ))]
pub async fn accept_invite(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    ApiJson(body): ApiJson<TokenPasswordIn>,
) -> Result<Json<UserOut>, ApiError> {
    let password = password(&body.password, "password", lang)?;
    let user_id = service(
        accounts::accept_invite(&state.store, backend::now(), &body.token, password).await,
        lang,
    )?;
    let who = service(accounts::principal(&state.store, user_id).await, lang)?
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "not_found", lang))?;
    sign_in(&session, user_id, who.role, lang).await?;
    Ok(Json(
        service(accounts::me(&state.store, &who).await, lang)?.into(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleIn {
    email: String,
    /// `diner`, `staff` or `admin`.
    role: String,
}

impl Fields for RoleIn {
    const FIELDS: &'static [&'static str] = &["email", "role"];
}

/// An admin changes someone's role (not their own).
#[utoipa::path(put, path = "/api/auth/role", tag = "auth", request_body = RoleIn,
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Not signed in", body = super::ErrorOut),
        (status = 403, description = "Not an admin, or one's own role", body = super::ErrorOut),
        (status = 404, description = "No such account", body = super::ErrorOut),
    ))]
pub async fn set_role(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    ApiJson(body): ApiJson<RoleIn>,
) -> Result<StatusCode, ApiError> {
    let who = current(&session, &state, lang).await?;
    let role = Role::parse(&body.role).ok_or_else(|| ApiError::invalid("role", lang))?;
    service(
        accounts::set_role(
            &state.store,
            backend::now(),
            who.as_ref(),
            &body.email,
            role,
        )
        .await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/reservations` query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Staff: first date (`YYYY-MM-DD`, default today).
    #[serde(default)]
    from: Option<String>,
    /// Staff: last date (default `from` + 30 days).
    #[serde(default)]
    to: Option<String>,
    /// From 0.
    #[serde(default)]
    page: Option<u32>,
    /// 1 to 100 (default 50).
    #[serde(default)]
    per_page: Option<u32>,
}

impl Fields for ListQuery {
    const FIELDS: &'static [&'static str] = &["from", "to", "page", "per_page"];
}

/// The caller's bookings (a verified diner: every booking made with their
/// e-mail); staff see every booking between two dates.
#[utoipa::path(get, path = "/api/reservations", tag = "account", params(ListQuery),
    responses(
        (status = 200, description = "Bookings", body = [super::booking::ReservationOut]),
        (status = 401, description = "Not signed in", body = super::ErrorOut),
        (status = 403, description = "E-mail not verified yet", body = super::ErrorOut),
    ))]
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Json<Vec<super::booking::ReservationOut>>, ApiError> {
    let who = current(&session, &state, lang).await?;
    let now = backend::now();
    let (page, per_page) = (q.page.unwrap_or(0), q.per_page.unwrap_or(50));
    let views = if who.as_ref().is_some_and(|p| p.role.is_staff()) {
        let today = now.date_naive();
        let from = match q.from.as_deref() {
            Some(raw) => service(booking::parse_date(raw), lang)?,
            None => today,
        };
        let to = match q.to.as_deref() {
            Some(raw) => service(booking::parse_date(raw), lang)?,
            None => from + chrono::Days::new(30),
        };
        service(
            booking::list_all(&state.store, now, who.as_ref(), from, to, page, per_page).await,
            lang,
        )?
    } else {
        service(
            accounts::my_reservations(&state.store, now, who.as_ref(), page, per_page).await,
            lang,
        )?
    };
    Ok(Json(views.into_iter().map(Into::into).collect()))
}

/// A booking by its reference: its signed-in guest (verified) or staff.
#[utoipa::path(get, path = "/api/reservations/{reference}", tag = "account",
    params(("reference" = String, Path, description = "The booking reference")),
    responses(
        (status = 200, description = "The booking", body = super::booking::ReservationOut),
        (status = 401, description = "Not signed in", body = super::ErrorOut),
        (status = 404, description = "No such booking of yours", body = super::ErrorOut),
    ))]
pub async fn get_one(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    Path(reference): Path<String>,
) -> Result<Json<super::booking::ReservationOut>, ApiError> {
    let who = current(&session, &state, lang).await?;
    let view = service(
        booking::get_as(&state.store, backend::now(), who.as_ref(), &reference).await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// Changes a booking by reference (fields left out keep their value).
#[utoipa::path(put, path = "/api/reservations/{reference}", tag = "account",
    params(("reference" = String, Path, description = "The booking reference")),
    request_body = super::booking::UpdateReservationIn,
    responses(
        (status = 200, description = "The changed booking", body = super::booking::ReservationOut),
        (status = 401, description = "Not signed in", body = super::ErrorOut),
        (status = 404, description = "No such booking of yours", body = super::ErrorOut),
        (status = 409, description = "Slot unavailable, or past the cut-off", body = super::ErrorOut),
    ))]
pub async fn update_one(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    Path(reference): Path<String>,
    ApiJson(body): ApiJson<super::booking::UpdateReservationIn>,
) -> Result<Json<super::booking::ReservationOut>, ApiError> {
    let who = current(&session, &state, lang).await?;
    let now = backend::now();
    let current = service(
        booking::get_as(&state.store, now, who.as_ref(), &reference).await,
        lang,
    )?;
    let request = super::booking::merge_update(&current, body, lang)?;
    let view = service(
        booking::modify_as(&state.store, now, who.as_ref(), &reference, request).await,
        lang,
    )?;
    Ok(Json(view.into()))
}

/// Cancels a booking by reference.
#[utoipa::path(delete, path = "/api/reservations/{reference}", tag = "account",
    params(("reference" = String, Path, description = "The booking reference")),
    responses(
        (status = 200, description = "The cancelled booking", body = super::booking::ReservationOut),
        (status = 401, description = "Not signed in", body = super::ErrorOut),
        (status = 404, description = "No such booking of yours", body = super::ErrorOut),
        (status = 409, description = "Past the cut-off", body = super::ErrorOut),
    ))]
pub async fn cancel_one(
    State(state): State<AppState>,
    session: Session,
    lang: Lang,
    Path(reference): Path<String>,
) -> Result<Json<super::booking::ReservationOut>, ApiError> {
    let who = current(&session, &state, lang).await?;
    let view = service(
        booking::cancel_as(&state.store, backend::now(), who.as_ref(), &reference).await,
        lang,
    )?;
    Ok(Json(view.into()))
}
