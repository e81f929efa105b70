//! The public site: home, menu, contact, and the placeholder of the account
//! feature.

pub mod api;
mod hours;
mod pages;

pub use hours::HoursList;
pub use pages::{ContactPage, HomePage, MenuPage, NotFound};

use crate::error::AppError;
use domain::RestaurantInfo;
use leptos::prelude::*;

/// The restaurant's public information, loaded once per page and shared by
/// the header, the pages and the footer.
#[derive(Clone, Copy)]
pub struct RestaurantResource(pub Resource<Result<RestaurantInfo, AppError>>);

pub fn use_restaurant() -> Resource<Result<RestaurantInfo, AppError>> {
    expect_context::<RestaurantResource>().0
}

#[component]
pub fn RestaurantProvider(children: Children) -> impl IntoView {
    let resource = Resource::new(|| (), |_| api::get_restaurant_info());
    provide_context(RestaurantResource(resource));
    children()
}
