//! The opener of every server function: [`call`] hands the body a [`Ctx`]
//! (the state, and on demand the session, the signed-in caller and today's
//! date) and answers an error with its own HTTP status.

use super::session::current_principal;
use super::state::{app_state, AppState};
use crate::error::AppError;
use backend::services::authz::Principal;
use backend::Store;
use std::future::Future;
use tower_sessions::Session;

/// What a server function runs with.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub state: AppState,
}

impl Ctx {
    /// The state of this request (from the Leptos context).
    pub fn load() -> Result<Self, AppError> {
        Ok(Ctx {
            state: app_state()?,
        })
    }

    pub fn store(&self) -> &Store {
        &self.state.store
    }

    pub fn payments(&self) -> &backend::payments::Payments {
        &self.state.payments
    }

    /// The request's tower-sessions `Session`.
    pub async fn session(&self) -> Result<Session, AppError> {
        leptos_axum::extract::<Session>().await.map_err(|e| {
            tracing::error!(error = %e, "no session");
            AppError::Internal
        })
    }

    /// The signed-in user, if any (see [`current_principal`]).
    pub async fn caller(&self) -> Result<Option<Principal>, AppError> {
        let session = self.session().await?;
        Ok(current_principal(&session, self.store()).await?)
    }

    /// Today at the restaurant (in its own time zone).
    pub async fn today(&self) -> Result<chrono::NaiveDate, AppError> {
        let info = backend::services::site::restaurant_info(self.store()).await?;
        let tz: chrono_tz::Tz = info.time_zone.parse().map_err(|_| {
            tracing::error!(zone = %info.time_zone, "unknown restaurant time zone");
            AppError::Internal
        })?;
        Ok(backend::now().with_timezone(&tz).date_naive())
    }
}

/// Runs a server function's body with its [`Ctx`]:
///
/// ```ignore
/// call(|cx| async move {
///     let who = cx.caller().await?;
///     Ok(backend::services::accounts::my_reservations(cx.store(), backend::now(), who.as_ref(), 0, 100).await?)
/// })
/// .await
/// ```
///
/// An error is answered with its own HTTP status (422, 404, 409, ...)
/// rather than 500: the session layer then still saves what the body put
/// in the session, and the status says what happened. A plain form post
/// (no JavaScript, `Accept: text/html`) keeps the redirect back to its
/// page, which carries the error.
pub async fn call<T, F, Fut>(body: F) -> Result<T, AppError>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let result = match Ctx::load() {
        Ok(cx) => body(cx).await,
        Err(error) => Err(error),
    };
    if let Err(error) = &result {
        if !from_html_form() {
            crate::response::set_status(error.status());
        }
    }
    result
}

/// Whether this request is a plain form post from a browser without
/// JavaScript (it asks for HTML).
fn from_html_form() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}
