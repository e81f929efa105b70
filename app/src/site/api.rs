//! Server functions of the public site: thin wrappers over the services.

use crate::error::AppError;
use domain::{MenuCategory, RestaurantInfo};
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "restaurant_info")]
pub async fn get_restaurant_info() -> Result<RestaurantInfo, AppError> {
    let cx = crate::ssr::Ctx::load()?;
    Ok(backend::services::site::restaurant_info(cx.store()).await?)
}

#[server(prefix = "/api/fn", endpoint = "menu")]
pub async fn get_menu() -> Result<Vec<MenuCategory>, AppError> {
    let cx = crate::ssr::Ctx::load()?;
    Ok(backend::services::site::menu(cx.store()).await?)
}
