//! The public site: who the restaurant is, when it opens, what it serves.

use super::ServiceError;
use crate::store::Store;
use domain::{weekly_hours, MenuCategory, RestaurantInfo};

#[tracing::instrument(skip_all)]
pub async fn restaurant_info(store: &Store) -> Result<RestaurantInfo, ServiceError> {
    let row = store.primary_restaurant().await?;
    // One model of opening hours: the booking rules' service periods,
    // projected for display.
    let periods = store.service_periods(row.id).await?;
    let periods = periods.iter().filter_map(|p| p.display());
    Ok(RestaurantInfo {
        tagline: row.tagline(),
        address: row.address(),
        hours: weekly_hours(periods),
        name: row.name,
        phone: row.phone,
        email: row.email,
        time_zone: row.time_zone,
    })
}

#[tracing::instrument(skip_all)]
pub async fn menu(store: &Store) -> Result<Vec<MenuCategory>, ServiceError> {
    let row = store.primary_restaurant().await?;
    Ok(store.menu(row.id).await?)
}
