//! The messages screen's server functions: parse, call one service, answer.

use crate::error::AppError;
use domain::ContactMessage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(feature = "ssr")]
use {crate::ssr::call, backend::services::contact as svc};

/// The messages a list shows, and how many wait for someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Messages {
    pub messages: Vec<ContactMessage>,
    pub open: i64,
}

/// The newest messages: only those not dealt with unless `show` is `all`.
#[server(prefix = "/api/fn", endpoint = "admin_messages")]
pub async fn admin_messages(show: Option<String>) -> Result<Messages, AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        let (messages, open) = svc::list(cx.store(), who.as_ref(), show.as_deref()).await?;
        Ok(Messages { messages, open })
    })
    .await
}

/// Marks message `id` as dealt with (`handled` = `true`) or not, then back
/// to the list as it was shown.
#[server(prefix = "/api/fn", endpoint = "admin_message_handled")]
pub async fn admin_message_handled(
    id: i64,
    handled: bool,
    #[server(default)] show: String,
) -> Result<(), AppError> {
    call(|cx| async move {
        let who = cx.caller().await?;
        svc::set_handled(cx.store(), who.as_ref(), id, handled, backend::now()).await?;
        let back = if show == "all" {
            "/admin/messages?show=all"
        } else {
            "/admin/messages"
        };
        leptos_axum::redirect(back);
        Ok(())
    })
    .await
}
