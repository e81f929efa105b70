//! `/api/admin/team`: the restaurant's team — its staff and admins, the
//! invitations not accepted yet and the deactivated members; a member's
//! role, deactivation (every session of theirs ends at once) and
//! reactivation; a pending invitation cancelled. Admins only, never on
//! their own account; the last active admin is never demoted or
//! deactivated (409 `last_admin`). Invitations are sent with
//! `POST /api/auth/invite`.

use super::areas::id;
use crate::api::caller::Caller;
use crate::api::error::{service, ApiError, ApiJson, Fields, Lang};
use crate::api::formats;
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use backend::services::accounts;
use domain::Team;
use serde::Deserialize;
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/admin/team", get(team))
        .route("/api/admin/team/{id}/role", put(set_member_role))
        .route("/api/admin/team/{id}/deactivate", post(deactivate_member))
        .route("/api/admin/team/{id}/reactivate", post(reactivate_member))
        .route(
            "/api/admin/team/invitations/{id}",
            delete(cancel_invitation),
        )
}

/// `PUT /api/admin/team/{id}/role` body.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberRoleIn {
    #[schema(value_type = formats::StaffRole)]
    role: String,
}

impl Fields for MemberRoleIn {
    const FIELDS: &'static [&'static str] = &["role"];
}

/// The team: active members, then pending invitations (with when they were
/// sent and when their link expires), then deactivated members; each with
/// the last sign-in when one was recorded. Admins only.
#[utoipa::path(get, path = "/api/admin/team", tag = "team",
    security(("session" = [])),
    responses(
        (status = 200, description = "The team", body = Team),
        (status = 401, description = "Not signed in, or (`reauthenticate`) signed in more than 2 hours ago: sign in again", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn team(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Json<Team>, ApiError> {
    let team = accounts::team(&state.store, backend::now(), caller.principal()).await;
    Ok(Json(service(team, lang)?))
}

/// Gives a member the role `staff` or `admin`; every session of theirs
/// ends when it changes. A deactivated member comes back with it. Refused
/// on one's own account (403), for the last active admin (409
/// `last_admin`), and for a pending invitation (422 on `role`,
/// `unverified`: cancel it and invite again). Admins only.
#[utoipa::path(put, path = "/api/admin/team/{id}/role", tag = "team",
    params(("id" = i64, Path, description = "The member's id")),
    request_body = MemberRoleIn,
    security(("session" = [])),
    responses(
        (status = 204, description = "Changed (or the role was already that)"),
        (status = 401, description = "Not signed in, or (`reauthenticate`) signed in more than 2 hours ago: sign in again", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin, or one's own account", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such member of the team", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "The last active admin (`last_admin`): nothing changed", body = crate::api::shapes::ErrorOut),
        (status = 422, description = "Not `staff` or `admin`, or a pending invitation (`role`: `unverified`)", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn set_member_role(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
    ApiJson(body): ApiJson<MemberRoleIn>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    let role = domain::team_role(&body.role).map_err(|e| ApiError::fields(vec![e], lang))?;
    let changed =
        accounts::set_member_role(&state.store, backend::now(), caller.principal(), id, role).await;
    service(changed, lang)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deactivates a member: every session of theirs ends at once, and the
/// account acts as a diner (signing in again gives no staff access) until
/// reactivated, with the role it had. Refused on one's own account (403)
/// and for the last active admin (409 `last_admin`); a pending invitation
/// is not found (cancel it instead). Admins only.
#[utoipa::path(post, path = "/api/admin/team/{id}/deactivate", tag = "team",
    params(("id" = i64, Path, description = "The member's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Deactivated (or already)"),
        (status = 401, description = "Not signed in, or (`reauthenticate`) signed in more than 2 hours ago: sign in again", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin, or one's own account", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such member of the team", body = crate::api::shapes::ErrorOut),
        (status = 409, description = "The last active admin (`last_admin`): nothing changed", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn deactivate_member(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    let done =
        accounts::deactivate_member(&state.store, backend::now(), caller.principal(), id).await;
    service(done, lang)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reactivates a deactivated member, with the role they had; the sessions
/// they opened meanwhile end. Admins only.
#[utoipa::path(post, path = "/api/admin/team/{id}/reactivate", tag = "team",
    params(("id" = i64, Path, description = "The member's id")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Reactivated (or already active)"),
        (status = 401, description = "Not signed in, or (`reauthenticate`) signed in more than 2 hours ago: sign in again", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin, or one's own account", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such member of the team", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn reactivate_member(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    let done =
        accounts::reactivate_member(&state.store, backend::now(), caller.principal(), id).await;
    service(done, lang)?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cancels an invitation not accepted yet: its link no longer works, and
/// the address may be invited again. Admins only.
#[utoipa::path(delete, path = "/api/admin/team/invitations/{id}", tag = "team",
    params(("id" = i64, Path, description = "The invited member's id (`id` in the team)")),
    security(("session" = [])),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 401, description = "Not signed in, or (`reauthenticate`) signed in more than 2 hours ago: sign in again", body = crate::api::shapes::ErrorOut),
        (status = 403, description = "Not an admin", body = crate::api::shapes::ErrorOut),
        (status = 404, description = "No such pending invitation", body = crate::api::shapes::ErrorOut),
        (status = 503, description = "The session store cannot be reached", body = crate::api::shapes::ErrorOut),
    ))]
pub async fn cancel_invitation(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let id = id(&raw, lang)?;
    service(
        accounts::cancel_invitation(&state.store, caller.principal(), id).await,
        lang,
    )?;
    Ok(StatusCode::NO_CONTENT)
}
