//! The public site: who the restaurant is, when it opens, what it serves.

use super::ServiceError;
use crate::store::Store;
use domain::{weekly_hours, RestaurantInfo};

#[tracing::instrument(skip_all)]
pub async fn restaurant_info(store: &Store) -> Result<RestaurantInfo, ServiceError> {
    let setup = store.setup().await?;
    let row = &setup.restaurant;
    // One model of opening hours: the booking rules' service periods,
    // projected for display.
    let periods = setup
        .booking
        .rules
        .periods
        .iter()
        .filter_map(|p| p.display());
    Ok(RestaurantInfo {
        tagline: row.tagline(),
        address: row.address(),
        hours: weekly_hours(periods),
        name: row.name.clone(),
        phone: row.phone.clone(),
        email: row.email.clone(),
        time_zone: row.time_zone.clone(),
        gallery: setup.gallery.clone(),
        site_url: String::new(),
    })
}

/// The restaurant's "about" text in both languages, as admins wrote it
/// (the about page cuts it into sections).
#[tracing::instrument(skip_all)]
pub async fn about(store: &Store) -> Result<domain::Localized, ServiceError> {
    let setup = store.setup().await?;
    Ok(store.restaurant_page(setup.restaurant.id).await?.about)
}
