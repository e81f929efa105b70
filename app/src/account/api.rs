//! Server functions of the account pages: parse, call one accounts service,
//! answer (or redirect, so the forms also work without JavaScript).

// A form posts one argument per field; the generated client stub keeps
// them all, so the lint is silenced for the whole module.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use domain::ReservationView;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::ssr::{
        call,
        input::{self, check, err},
        session,
    },
    backend::services::{accounts, ServiceError},
};

/// Creates a diner account, signs it in, and e-mails a verification link.
#[server(prefix = "/api/fn", endpoint = "account_register")]
pub async fn register(
    name: String,
    email: String,
    password: String,
    locale: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let form = domain::Registration::parse(&name, &email, &password)
            .map_err(|fields| AppError::InvalidFields { fields })?;
        // The same answer whether the address is new or known: nobody is
        // signed in until the address is proved.
        accounts::register(
            cx.store(),
            backend::now(),
            form.name,
            form.email,
            form.password,
            input::locale(&locale),
        )
        .await?;
        leptos_axum::redirect("/login?done=registered");
        Ok(())
    })
    .await
}

/// Confirms the e-mail address with the token of its link (single use).
#[server(prefix = "/api/fn", endpoint = "account_verify")]
pub async fn verify(token: String) -> Result<(), AppError> {
    call(|cx| async move {
        let session = cx.session().await?;
        let opened_for = session::opened_for(&session).await?;
        let user_id = accounts::verify_email(cx.store(), backend::now(), &token).await?;
        // Proving the address signs out every earlier session of the
        // account, except this browser's if it was signed in to it.
        if opened_for == Some(user_id) {
            session::sign_in(&session, cx.store(), user_id).await?;
        }
        // Without JavaScript the browser lands on the confirmation.
        leptos_axum::redirect(&format!("/account/verify/{token}?done=1"));
        Ok(())
    })
    .await
}

/// Signs in. An unknown e-mail and a wrong password get the same answer.
#[server(prefix = "/api/fn", endpoint = "account_login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    call(|cx| async move {
        let secure = cx.state.secure_cookies;
        let headers: http::HeaderMap = leptos_axum::extract().await.unwrap_or_default();
        let device = crate::ssr::device::from_headers(&headers, secure);
        let signed_in = accounts::login(
            cx.store(),
            &cx.state.login_guard,
            &email,
            &password,
            device.as_deref(),
        )
        .await?;
        session::sign_in(&cx.session().await?, cx.store(), signed_in.user_id).await?;
        if let Some(token) = &signed_in.new_device {
            if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
                res.append_header(
                    http::header::SET_COOKIE,
                    crate::ssr::device::set_cookie(token, secure),
                );
            }
        }
        leptos_axum::redirect(if signed_in.user.role.is_staff() {
            "/admin"
        } else {
            "/account"
        });
        Ok(())
    })
    .await
}

/// Signs out.
#[server(prefix = "/api/fn", endpoint = "account_logout")]
pub async fn logout() -> Result<(), AppError> {
    call(|cx| async move {
        session::sign_out(&cx.session().await?).await?;
        leptos_axum::redirect("/login?done=signed_out");
        Ok(())
    })
    .await
}

/// E-mails a reset link if the account exists; the answer is always the
/// same.
#[server(prefix = "/api/fn", endpoint = "account_forgot")]
pub async fn forgot(email: String) -> Result<(), AppError> {
    call(|cx| async move {
        check(err(&input::email(&email)).into_iter().collect())?;
        accounts::forgot_password(cx.store(), backend::now(), &email).await?;
        leptos_axum::redirect("/account/forgot?done=sent");
        Ok(())
    })
    .await
}

/// Sets a new password with the e-mailed link.
#[server(prefix = "/api/fn", endpoint = "account_reset")]
pub async fn reset(token: String, password: String) -> Result<(), AppError> {
    call(|cx| async move {
        let password = password_field(&password, "password")?;
        accounts::reset_password(cx.store(), backend::now(), &token, password).await?;
        leptos_axum::redirect("/login?done=reset");
        Ok(())
    })
    .await
}

/// A new password, or its field at fault.
#[cfg(feature = "ssr")]
fn password_field(raw: &str, field: &str) -> Result<domain::Password, AppError> {
    input::password(raw, field).map_err(|field| AppError::InvalidFields {
        fields: vec![field],
    })
}

/// Accepts a staff invitation: sets the password and signs in.
#[server(prefix = "/api/fn", endpoint = "account_accept_invite")]
pub async fn accept_invite(token: String, password: String) -> Result<(), AppError> {
    call(|cx| async move {
        let password = password_field(&password, "password")?;
        let user_id = accounts::accept_invite(cx.store(), backend::now(), &token, password).await?;
        session::sign_in(&cx.session().await?, cx.store(), user_id).await?;
        leptos_axum::redirect("/account?done=welcome");
        Ok(())
    })
    .await
}

/// Name, phone and preferred language.
#[server(prefix = "/api/fn", endpoint = "account_profile")]
pub async fn update_profile(name: String, phone: String, locale: String) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?.ok_or(AppError::Unauthorized)?;
        let name_ok = input::name(&name);
        let phone_ok = if phone.trim().is_empty() {
            Ok(None)
        } else {
            domain::Phone::parse(&phone)
                .map(Some)
                .map_err(domain::FieldError::from)
        };
        check(
            [err(&name_ok), err(&phone_ok)]
                .into_iter()
                .flatten()
                .collect(),
        )?;
        let (Ok(name), Ok(phone)) = (name_ok, phone_ok) else {
            return Err(AppError::InvalidInput { field: None });
        };
        accounts::update_profile(
            cx.store(),
            backend::now(),
            &who,
            name,
            phone,
            input::locale(&locale),
        )
        .await?;
        leptos_axum::redirect("/account?done=profile");
        Ok(())
    })
    .await
}

/// Changes the password (the current one is confirmed).
#[server(prefix = "/api/fn", endpoint = "account_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?.ok_or(AppError::Unauthorized)?;
        let new = password_field(&new_password, "new_password")?;
        accounts::change_password(
            cx.store(),
            &cx.state.login_guard,
            backend::now(),
            &who,
            &current_password,
            new,
        )
        .await?;
        // Every other session of the account is signed out; this one goes
        // on with the new epoch.
        session::sign_in(&cx.session().await?, cx.store(), who.user_id).await?;
        leptos_axum::redirect("/account?done=password");
        Ok(())
    })
    .await
}

/// Signs out of every session of the account, on every device.
#[server(prefix = "/api/fn", endpoint = "account_logout_all")]
pub async fn logout_all() -> Result<(), AppError> {
    call(|cx| async move {
        let session = cx.session().await?;
        let who = session::current_principal(&session, cx.store())
            .await?
            .ok_or(AppError::Unauthorized)?;
        accounts::sign_out_everywhere(cx.store(), &who).await?;
        session::sign_out(&session).await?;
        leptos_axum::redirect("/login?done=signed_out_everywhere");
        Ok(())
    })
    .await
}

/// Deletes the account (the password is confirmed) and signs out.
#[server(prefix = "/api/fn", endpoint = "account_delete")]
pub async fn delete_account(delete_password: String) -> Result<(), AppError> {
    call(|cx| async move {
        let session = cx.session().await?;
        let who = session::current_principal(&session, cx.store())
            .await?
            .ok_or(AppError::Unauthorized)?;
        accounts::delete_account(cx.store(), &cx.state.login_guard, &who, &delete_password)
            .await
            .map_err(|e| match e {
                ServiceError::Invalid(_) => AppError::InvalidFields {
                    fields: vec![domain::FieldError::invalid("delete_password")],
                },
                e => e.into(),
            })?;
        session::sign_out(&session).await?;
        leptos_axum::redirect("/login?done=deleted");
        Ok(())
    })
    .await
}

/// The signed-in, verified diner's bookings (made with their e-mail).
#[server(prefix = "/api/fn", endpoint = "account_reservations")]
pub async fn my_reservations() -> Result<Vec<ReservationView>, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        Ok(accounts::my_reservations(cx.store(), backend::now(), who.as_ref(), 0, 100).await?)
    })
    .await
}

/// Cancels one of the signed-in user's bookings by its reference.
#[server(prefix = "/api/fn", endpoint = "account_cancel")]
pub async fn cancel_reservation(reference: String) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        backend::services::booking::cancel_as(
            cx.store(),
            cx.payments(),
            backend::now(),
            who.as_ref(),
            &reference,
        )
        .await?;
        leptos_axum::redirect("/account?done=cancelled#reservations-heading");
        Ok(())
    })
    .await
}

/// Opens the change page of one of the signed-in user's bookings: checks
/// that they may manage it, then issues a manage link (as "find my
/// booking" does with the reference and e-mail) and goes there.
#[server(prefix = "/api/fn", endpoint = "account_change")]
pub async fn change_reservation(reference: String) -> Result<(), AppError> {
    call(|cx| async move {
        use backend::services::booking as svc;
        let who = cx.caller().await?;
        let now = backend::now();
        let view = svc::get_as(cx.store(), now, who.as_ref(), &reference).await?;
        let found = svc::find_by_reference(cx.store(), now, &view.reference, &view.email).await?;
        leptos_axum::redirect(&format!("/manage/{}", found.manage_token));
        Ok(())
    })
    .await
}
