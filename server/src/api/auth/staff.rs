//! Staff: invitations, accepting one, roles.

use super::super::caller::Caller;
use super::super::error::{service, ApiError, ApiJson, Fields, Lang};
use super::super::formats;
use super::super::shapes::UserOut;
use super::password::TokenPasswordIn;
use super::{email, locale, name, password, sign_in};
use app::ssr::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use backend::services::{accounts, ServiceError};
use domain::{FieldError, Role};
use serde::Deserialize;
use tower_sessions::Session;
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteIn {
    #[schema(value_type = formats::Email)]
    email: String,
    #[schema(value_type = formats::GuestName)]
    name: String,
    #[schema(value_type = formats::StaffRole)]
    role: String,
    /// For the invitation e-mail; defaults to `Accept-Language`.
    #[serde(default)]
    #[schema(value_type = Option<formats::Locale>)]
    locale: Option<String>,
}

impl Fields for InviteIn {
    const FIELDS: &'static [&'static str] = &["email", "name", "role", "locale"];
}

/// An admin invites a staff member by e-mail.
#[utoipa::path(post, path = "/api/auth/invite", tag = "auth", request_body = InviteIn,
    security(("session" = [])),
    responses(
        (status = 201, description = "Invitation sent"),
        (status = 401, description = "Not signed in, or (`reauthenticate`) signed in more than 2 hours ago: sign in again", body = super::super::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = super::super::shapes::ErrorOut),
        (status = 409, description = "An account exists with this e-mail", body = super::super::shapes::ErrorOut),
        (status = 422, description = "Invalid input (`field` names it)", body = super::super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::super::shapes::ErrorOut),
    ))]
pub async fn invite(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<InviteIn>,
) -> Result<StatusCode, ApiError> {
    let who = caller.0;
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
        (status = 404, description = "Unknown, used or expired link", body = super::super::shapes::ErrorOut),
        (status = 422, description = "Invalid password (`reason`: too_short, too_long, too_common)", body = super::super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::super::shapes::ErrorOut),
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
    sign_in(&session, &state, user_id, lang).await?;
    Ok(Json(
        service(accounts::me(&state.store, &who).await, lang)?.into(),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleIn {
    /// The account's e-mail (any string: an unknown one is answered 404).
    email: String,
    #[schema(value_type = formats::Role)]
    role: String,
}

impl Fields for RoleIn {
    const FIELDS: &'static [&'static str] = &["email", "role"];
}

/// An admin changes someone's role (not their own); every session of
/// theirs ends when it changes, and a deactivated team member comes back
/// with it. The last active admin is never demoted.
#[utoipa::path(put, path = "/api/auth/role", tag = "auth", request_body = RoleIn,
    security(("session" = [])),
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "Not signed in, or (`reauthenticate`) signed in more than 2 hours ago: sign in again", body = super::super::shapes::ErrorOut),
        (status = 403, description = "Not an admin, or one's own role", body = super::super::shapes::ErrorOut),
        (status = 404, description = "No such account", body = super::super::shapes::ErrorOut),
        (status = 409, description = "The last active admin (`last_admin`): nothing changed", body = super::super::shapes::ErrorOut),
        (status = 422, description = "Not a role, or an account whose address is not proved (`email`: `unverified`)", body = super::super::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = super::super::shapes::ErrorOut),
    ))]
pub async fn set_role(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ApiJson(body): ApiJson<RoleIn>,
) -> Result<StatusCode, ApiError> {
    let who = caller.0;
    let role = Role::parse(&body.role).ok_or_else(|| ApiError::invalid("role", lang))?;
    accounts::set_role(
        &state.store,
        backend::now(),
        who.as_ref(),
        &body.email,
        role,
    )
    .await
    .map_err(|e| match e {
        ServiceError::Conflict(what) if what == accounts::UNVERIFIED => {
            ApiError::fields(vec![FieldError::new("email", "unverified")], lang)
        }
        e => ApiError::from_service(e, lang),
    })?;
    Ok(StatusCode::NO_CONTENT)
}
