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

/// The restaurant's "about" text, both languages.
#[server(prefix = "/api/fn", endpoint = "about")]
pub async fn get_about() -> Result<domain::Localized, AppError> {
    let cx = crate::ssr::Ctx::load()?;
    Ok(backend::services::site::about(cx.store()).await?)
}
