//! Server functions of the public site: thin wrappers over the services.
//! (The restaurant's information, which every page shows, comes from
//! `ui::restaurant`.)

use crate::error::AppError;
use domain::MenuCategory;
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "menu")]
pub async fn get_menu() -> Result<Vec<MenuCategory>, AppError> {
    let cx = crate::ssr::Ctx::load()?;
    Ok(backend::services::setup::public_menu(cx.store(), chrono::Utc::now()).await?)
}

/// How many free times the home page offers.
pub const NEXT_FREE_COUNT: usize = 4;

/// The first free times for two from now on, and today's date at the
/// restaurant. Asked by the browser once the home page is loaded: the page
/// itself is shared and kept, the free times change by the minute.
#[server(prefix = "/api/fn", endpoint = "next_free")]
pub async fn next_free() -> Result<domain::NextFree, AppError> {
    use crate::ssr::{call, input};
    call(|cx| async move {
        let party = input::party(2)?;
        Ok(backend::services::booking::next_free(
            cx.store(),
            backend::now(),
            party,
            NEXT_FREE_COUNT,
        )
        .await?)
    })
    .await
}

/// The restaurant's "about" text, both languages.
#[server(prefix = "/api/fn", endpoint = "about")]
pub async fn get_about() -> Result<domain::Localized, AppError> {
    let cx = crate::ssr::Ctx::load()?;
    Ok(backend::services::site::about(cx.store()).await?)
}

/// A message from the contact page: kept, and e-mailed to the restaurant.
/// A form a robot filled in (the hidden `website` field) is answered the
/// same way and kept nowhere. Back to the page, which thanks the visitor.
#[server(prefix = "/api/fn", endpoint = "contact_send")]
pub async fn send_contact(
    name: String,
    email: String,
    body: String,
    #[server(default)] website: String,
    #[server(default)] locale: String,
) -> Result<(), AppError> {
    use crate::ssr::{call, input};
    call(|cx| async move {
        let form = domain::ContactInput {
            name,
            email,
            body,
            website,
        };
        if !form.is_robot() {
            let form = domain::ContactForm::parse(&form)
                .map_err(|fields| AppError::InvalidFields { fields })?;
            backend::services::contact::send(
                cx.store(),
                &form,
                input::locale(&locale),
                backend::now(),
            )
            .await?;
        }
        leptos_axum::redirect("/contact?sent=1");
        Ok(())
    })
    .await
}
