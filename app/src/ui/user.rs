//! The signed-in user, as the header, the account pages and the staff
//! screens ask for it.

use crate::error::AppError;
use domain::UserView;
use leptos::prelude::*;

/// The signed-in user, or `None`.
#[server(prefix = "/api/fn", endpoint = "account_me")]
pub async fn account_me() -> Result<Option<UserView>, AppError> {
    crate::ssr::call(|cx| async move {
        match cx.caller().await? {
            Some(who) => Ok(Some(
                backend::services::accounts::me(cx.store(), &who).await?,
            )),
            None => Ok(None),
        }
    })
    .await
}
