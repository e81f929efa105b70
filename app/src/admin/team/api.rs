//! Server functions of the team screen: parse, call one service, come back
//! to the screen (with or without JavaScript alike).

use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{
        call,
        input::{self, check, err},
    },
    backend::services::{accounts, ServiceError},
};

/// The team: members, pending invitations, deactivated members. Admins
/// only.
#[server(prefix = "/api/fn", endpoint = "admin_team")]
pub async fn admin_team() -> Result<domain::Team, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        Ok(accounts::team(cx.store(), backend::now(), who.as_ref()).await?)
    })
    .await
}

/// An admin invites a staff member by e-mail.
#[server(prefix = "/api/fn", endpoint = "admin_invite")]
pub async fn invite_staff(
    email: String,
    name: String,
    role: String,
    locale: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let name_ok = input::name(&name);
        let email_ok = input::email(&email);
        let role_ok = domain::team_role(&role);
        check(
            [err(&email_ok), err(&name_ok), err(&role_ok)]
                .into_iter()
                .flatten()
                .collect(),
        )?;
        let (Ok(name), Ok(email), Ok(role)) = (name_ok, email_ok, role_ok) else {
            return Err(AppError::InvalidInput { field: None });
        };
        accounts::invite_staff(
            cx.store(),
            backend::now(),
            who.as_ref(),
            email,
            name,
            role,
            input::locale(&locale),
        )
        .await
        .map_err(|e| match e {
            ServiceError::Conflict(_) => AppError::InvalidFields {
                fields: vec![domain::FieldError::new("email", "taken")],
            },
            e => e.into(),
        })?;
        leptos_axum::redirect("/admin/team?done=invited");
        Ok(())
    })
    .await
}

/// Gives a member the role `staff` or `admin` (their sessions end).
#[server(prefix = "/api/fn", endpoint = "admin_team_role")]
pub async fn admin_team_role(id: i64, role: String) -> Result<(), AppError> {
    call(|cx| async move {
        let role =
            domain::team_role(&role).map_err(|e| AppError::InvalidFields { fields: vec![e] })?;
        let who = cx.caller().await?;
        accounts::set_member_role(cx.store(), backend::now(), who.as_ref(), id, role).await?;
        leptos_axum::redirect("/admin/team?done=role");
        Ok(())
    })
    .await
}

/// Deactivates a member: every session of theirs ends at once.
#[server(prefix = "/api/fn", endpoint = "admin_team_deactivate")]
pub async fn admin_team_deactivate(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        accounts::deactivate_member(cx.store(), backend::now(), who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/team?done=deactivated");
        Ok(())
    })
    .await
}

/// Reactivates a deactivated member, with the role they had.
#[server(prefix = "/api/fn", endpoint = "admin_team_reactivate")]
pub async fn admin_team_reactivate(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        accounts::reactivate_member(cx.store(), backend::now(), who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/team?done=reactivated");
        Ok(())
    })
    .await
}

/// Cancels a pending invitation: its link no longer works.
#[server(prefix = "/api/fn", endpoint = "admin_invitation_cancel")]
pub async fn admin_invitation_cancel(id: i64) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        accounts::cancel_invitation(cx.store(), who.as_ref(), id).await?;
        leptos_axum::redirect("/admin/team?done=invitation_cancelled");
        Ok(())
    })
    .await
}
