//! Server-side application state, provided to server functions as context.

use crate::error::AppError;
use axum::extract::FromRef;
use backend::Store;
use leptos::prelude::*;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: Store,
    /// The per-account sign-in guard, shared by the pages and the API.
    pub login_guard: backend::ratelimit::LoginGuard,
    /// How many bookings one guest (e-mail or phone) may make per window
    /// (`RATE_LIMIT_BOOKING_GUEST`).
    pub guest_booking_limit: Option<backend::ratelimit::Limit>,
    /// Served over HTTPS: cookies are `Secure` and `__Host-` prefixed.
    pub secure_cookies: bool,
    /// Staff screens' live updates.
    pub live: backend::live::Live,
    /// Where uploaded photos are kept (`MEDIA_DIR`).
    pub media: backend::media::Media,
    /// The payment provider (Stripe), when configured.
    pub payments: backend::payments::Payments,
    /// The site's origin (`PUBLIC_URL`, no trailing `/`): canonical
    /// addresses and link previews.
    pub public_url: String,
}

/// The state, from inside a server function or a component rendered on the
/// server.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })
}
