//! Restaurant identity and menu (opening hours are part of the booking
//! setup: `store/booking/setup.rs`).

use super::{on_pool, Store};
use crate::error::StoreError;
use domain::{Address, Localized};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RestaurantRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub tagline_fr: String,
    pub tagline_en: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub phone: String,
    pub email: String,
    pub time_zone: String,
}

impl RestaurantRow {
    pub fn address(&self) -> Address {
        Address {
            street: self.street.clone(),
            postal_code: self.postal_code.clone(),
            city: self.city.clone(),
            country: self.country.clone(),
        }
    }
    pub fn tagline(&self) -> Localized {
        Localized {
            fr: self.tagline_fr.clone(),
            en: self.tagline_en.clone(),
        }
    }
}

const RESTAURANT_COLUMNS: &str = "id, slug, name, tagline_fr, tagline_en, street, postal_code, \
     city, country, phone, email, time_zone";

impl Store {
    pub async fn restaurant_count(&self) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM restaurants";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await)?)
    }

    /// The restaurant this site serves: the first one created.
    pub async fn primary_restaurant(&self) -> Result<RestaurantRow, StoreError> {
        let sql = format!("SELECT {RESTAURANT_COLUMNS} FROM restaurants ORDER BY id LIMIT 1");
        Ok(on_pool!(self, pool => sqlx::query_as::<_, RestaurantRow>(&sql).fetch_one(pool).await)?)
    }

    pub async fn restaurant_by_slug(&self, slug: &str) -> Result<RestaurantRow, StoreError> {
        let sql = format!("SELECT {RESTAURANT_COLUMNS} FROM restaurants WHERE slug = $1");
        Ok(
            on_pool!(self, pool => sqlx::query_as::<_, RestaurantRow>(&sql).bind(slug).fetch_one(pool).await)?,
        )
    }

    pub async fn table_count(&self, restaurant_id: i64) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM dining_tables WHERE restaurant_id = $1";
        Ok(
            on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql).bind(restaurant_id).fetch_one(pool).await)?,
        )
    }
}
