//! Server functions of the account pages: parse, call one accounts service,
//! answer (or redirect, so the forms also work without JavaScript).

// A form posts one argument per field; the generated client stub keeps
// them all, so the lint is silenced for the whole module.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use crate::booking::api::ssr::answer;
use crate::error::AppError;
use domain::{ReservationView, UserView};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    //! Boundary helpers of the account server functions.

    use crate::error::AppError;
    use backend::services::authz::Principal;
    use domain::{Email, GuestName, Locale, Password};
    use tower_sessions::Session;

    /// The request's session and signed-in user, if any.
    pub async fn who() -> Result<(Session, Option<Principal>), AppError> {
        let state = crate::state::app_state()?;
        let session = crate::booking::api::ssr::session().await?;
        let who = super::super::session::current_principal(&session, &state.store).await?;
        Ok((session, who))
    }

    /// A new password, or the field at fault with its reason
    /// (`password:too_short`).
    pub fn password(raw: &str, field: &str) -> Result<Password, String> {
        Password::parse(raw).map_err(|e| format!("{field}:{}", e.as_str()))
    }

    pub fn name(raw: &str) -> Result<GuestName, String> {
        GuestName::parse(raw).map_err(|e| e.field().to_owned())
    }

    pub fn email(raw: &str) -> Result<Email, String> {
        Email::parse(raw).map_err(|e| e.field().to_owned())
    }

    pub fn locale(raw: &str) -> Locale {
        Locale::parse(raw).unwrap_or_default()
    }

    /// Every field at fault, or nothing.
    pub fn check(fields: Vec<String>) -> Result<(), AppError> {
        if fields.is_empty() {
            Ok(())
        } else {
            Err(AppError::InvalidFields { fields })
        }
    }

    /// `Err` of a parse result, as a field name.
    pub fn err<T>(r: &Result<T, String>) -> Option<String> {
        r.as_ref().err().cloned()
    }
}

/// The signed-in user, or `None`.
#[server(prefix = "/api/fn", endpoint = "account_me")]
pub async fn account_me() -> Result<Option<UserView>, AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        let (_, who) = ssr::who().await?;
        match who {
            Some(who) => Ok(Some(
                backend::services::accounts::me(&state.store, &who).await?,
            )),
            None => Ok(None),
        }
    })
    .await
}

/// Creates a diner account, signs it in, and e-mails a verification link.
#[server(prefix = "/api/fn", endpoint = "account_register")]
pub async fn register(
    name: String,
    email: String,
    password: String,
    locale: String,
) -> Result<(), AppError> {
    answer(async move {
        use backend::services::accounts;
        let state = crate::state::app_state()?;
        let name_ok = ssr::name(&name);
        let email_ok = ssr::email(&email);
        let password_ok = ssr::password(&password, "password");
        ssr::check(
            [
                ssr::err(&name_ok),
                ssr::err(&email_ok),
                ssr::err(&password_ok),
            ]
            .into_iter()
            .flatten()
            .collect(),
        )?;
        let (Ok(name), Ok(email), Ok(new_password)) = (name_ok, email_ok, password_ok) else {
            return Err(AppError::InvalidInput { field: None });
        };
        let (user_id, user) = accounts::register(
            &state.store,
            backend::now(),
            name,
            email,
            new_password,
            ssr::locale(&locale),
        )
        .await
        .map_err(|e| match e {
            backend::services::ServiceError::Conflict(_) => AppError::InvalidFields {
                fields: vec!["email:taken".into()],
            },
            e => e.into(),
        })?;
        let session = crate::booking::api::ssr::session().await?;
        super::session::sign_in(&session, user_id, user.role).await?;
        leptos_axum::redirect("/account?done=registered");
        Ok(())
    })
    .await
}

/// Confirms the e-mail address with the token of its link (single use).
#[server(prefix = "/api/fn", endpoint = "account_verify")]
pub async fn verify(token: String) -> Result<(), AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        backend::services::accounts::verify_email(&state.store, backend::now(), &token).await?;
        // Without JavaScript the browser lands on the confirmation.
        leptos_axum::redirect(&format!("/account/verify/{token}?done=1"));
        Ok(())
    })
    .await
}

/// Signs in. An unknown e-mail and a wrong password get the same answer.
#[server(prefix = "/api/fn", endpoint = "account_login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        let (user_id, user) =
            backend::services::accounts::login(&state.store, &state.login_guard, &email, &password)
                .await?;
        let session = crate::booking::api::ssr::session().await?;
        super::session::sign_in(&session, user_id, user.role).await?;
        leptos_axum::redirect(if user.role == domain::Role::Admin {
            "/admin/staff"
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
    answer(async move {
        let session = crate::booking::api::ssr::session().await?;
        super::session::sign_out(&session).await?;
        leptos_axum::redirect("/login?done=signed_out");
        Ok(())
    })
    .await
}

/// E-mails a reset link if the account exists; the answer is always the
/// same.
#[server(prefix = "/api/fn", endpoint = "account_forgot")]
pub async fn forgot(email: String) -> Result<(), AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        ssr::check(ssr::err(&ssr::email(&email)).into_iter().collect())?;
        backend::services::accounts::forgot_password(&state.store, backend::now(), &email).await?;
        leptos_axum::redirect("/account/forgot?done=sent");
        Ok(())
    })
    .await
}

/// Sets a new password with the e-mailed link.
#[server(prefix = "/api/fn", endpoint = "account_reset")]
pub async fn reset(token: String, password: String) -> Result<(), AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        let password =
            ssr::password(&password, "password").map_err(|field| AppError::InvalidFields {
                fields: vec![field],
            })?;
        backend::services::accounts::reset_password(&state.store, backend::now(), &token, password)
            .await?;
        leptos_axum::redirect("/login?done=reset");
        Ok(())
    })
    .await
}

/// Accepts a staff invitation: sets the password and signs in.
#[server(prefix = "/api/fn", endpoint = "account_accept_invite")]
pub async fn accept_invite(token: String, password: String) -> Result<(), AppError> {
    answer(async move {
        use backend::services::accounts;
        let state = crate::state::app_state()?;
        let password =
            ssr::password(&password, "password").map_err(|field| AppError::InvalidFields {
                fields: vec![field],
            })?;
        let user_id =
            accounts::accept_invite(&state.store, backend::now(), &token, password).await?;
        let who = accounts::principal(&state.store, user_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let session = crate::booking::api::ssr::session().await?;
        super::session::sign_in(&session, user_id, who.role).await?;
        leptos_axum::redirect("/account?done=welcome");
        Ok(())
    })
    .await
}

/// Name, phone and preferred language.
#[server(prefix = "/api/fn", endpoint = "account_profile")]
pub async fn update_profile(name: String, phone: String, locale: String) -> Result<(), AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        let (_, who) = ssr::who().await?;
        let who = who.ok_or(AppError::Unauthorized)?;
        let name_ok = ssr::name(&name);
        let phone_ok = if phone.trim().is_empty() {
            Ok(None)
        } else {
            domain::Phone::parse(&phone)
                .map(Some)
                .map_err(|e| e.field().to_owned())
        };
        ssr::check(
            [ssr::err(&name_ok), ssr::err(&phone_ok)]
                .into_iter()
                .flatten()
                .collect(),
        )?;
        let (Ok(name), Ok(phone)) = (name_ok, phone_ok) else {
            return Err(AppError::InvalidInput { field: None });
        };
        backend::services::accounts::update_profile(
            &state.store,
            backend::now(),
            &who,
            name,
            phone,
            ssr::locale(&locale),
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
    answer(async move {
        let state = crate::state::app_state()?;
        let (_, who) = ssr::who().await?;
        let who = who.ok_or(AppError::Unauthorized)?;
        let new = ssr::password(&new_password, "new_password").map_err(|field| {
            AppError::InvalidFields {
                fields: vec![field],
            }
        })?;
        backend::services::accounts::change_password(
            &state.store,
            backend::now(),
            &who,
            &current_password,
            new,
        )
        .await?;
        leptos_axum::redirect("/account?done=password");
        Ok(())
    })
    .await
}

/// Deletes the account (the password is confirmed) and signs out.
#[server(prefix = "/api/fn", endpoint = "account_delete")]
pub async fn delete_account(delete_password: String) -> Result<(), AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        let (session, who) = ssr::who().await?;
        let who = who.ok_or(AppError::Unauthorized)?;
        backend::services::accounts::delete_account(&state.store, &who, &delete_password)
            .await
            .map_err(|e| match e {
                backend::services::ServiceError::Invalid(_) => AppError::InvalidFields {
                    fields: vec!["delete_password".into()],
                },
                e => e.into(),
            })?;
        super::session::sign_out(&session).await?;
        leptos_axum::redirect("/login?done=deleted");
        Ok(())
    })
    .await
}

/// The signed-in, verified diner's bookings (made with their e-mail).
#[server(prefix = "/api/fn", endpoint = "account_reservations")]
pub async fn my_reservations() -> Result<Vec<ReservationView>, AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        let (_, who) = ssr::who().await?;
        Ok(backend::services::accounts::my_reservations(
            &state.store,
            backend::now(),
            who.as_ref(),
            0,
            100,
        )
        .await?)
    })
    .await
}

/// Cancels one of the signed-in user's bookings by its reference.
#[server(prefix = "/api/fn", endpoint = "account_cancel")]
pub async fn cancel_reservation(reference: String) -> Result<(), AppError> {
    answer(async move {
        let state = crate::state::app_state()?;
        let (_, who) = ssr::who().await?;
        backend::services::booking::cancel_as(
            &state.store,
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
    answer(async move {
        use backend::services::booking as svc;
        let state = crate::state::app_state()?;
        let (_, who) = ssr::who().await?;
        let now = backend::now();
        let view = svc::get_as(&state.store, now, who.as_ref(), &reference).await?;
        let found = svc::find_by_reference(&state.store, now, &view.reference, &view.email).await?;
        leptos_axum::redirect(&format!("/manage/{}", found.manage_token));
        Ok(())
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
    answer(async move {
        let state = crate::state::app_state()?;
        let (_, who) = ssr::who().await?;
        let name_ok = ssr::name(&name);
        let email_ok = ssr::email(&email);
        let role_ok = domain::Role::parse(&role)
            .filter(|r| r.is_staff())
            .ok_or_else(|| "role".to_owned());
        ssr::check(
            [ssr::err(&email_ok), ssr::err(&name_ok), ssr::err(&role_ok)]
                .into_iter()
                .flatten()
                .collect(),
        )?;
        let (Ok(name), Ok(email), Ok(role)) = (name_ok, email_ok, role_ok) else {
            return Err(AppError::InvalidInput { field: None });
        };
        backend::services::accounts::invite_staff(
            &state.store,
            backend::now(),
            who.as_ref(),
            email,
            name,
            role,
            ssr::locale(&locale),
        )
        .await
        .map_err(|e| match e {
            backend::services::ServiceError::Conflict(_) => AppError::InvalidFields {
                fields: vec!["email:taken".into()],
            },
            e => e.into(),
        })?;
        leptos_axum::redirect("/admin/staff?done=invited");
        Ok(())
    })
    .await
}
