//! Server functions of the staff page.

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
        let role_ok = domain::Role::parse(&role)
            .filter(|r| r.is_staff())
            .ok_or_else(|| domain::FieldError::invalid("role"));
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
        leptos_axum::redirect("/admin/staff?done=invited");
        Ok(())
    })
    .await
}
