//! Server functions of the public site: thin wrappers over the services.

use crate::error::AppError;
use domain::{MenuCategory, RestaurantInfo};
use leptos::prelude::*;

#[server(prefix = "/api/fn", endpoint = "restaurant_info")]
pub async fn get_restaurant_info() -> Result<RestaurantInfo, AppError> {
    let state = crate::state::app_state()?;
    Ok(backend::services::site::restaurant_info(&state.store).await?)
}

#[server(prefix = "/api/fn", endpoint = "menu")]
pub async fn get_menu() -> Result<Vec<MenuCategory>, AppError> {
    let state = crate::state::app_state()?;
    Ok(backend::services::site::menu(&state.store).await?)
}
