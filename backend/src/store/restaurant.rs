//! Restaurant identity and menu (opening hours are part of the booking
//! setup: `store/booking/setup.rs`).

use super::{on_pool, Store};
use crate::error::StoreError;
use domain::{Address, Localized, MenuCategory, MenuItem};

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

#[derive(Debug, sqlx::FromRow)]
struct MenuRow {
    category_id: i64,
    category_fr: String,
    category_en: String,
    item_fr: Option<String>,
    item_en: Option<String>,
    description_fr: Option<String>,
    description_en: Option<String>,
    price_cents: Option<i64>,
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

    /// Categories in order, each with its items in order (empty categories kept).
    pub async fn menu(&self, restaurant_id: i64) -> Result<Vec<MenuCategory>, StoreError> {
        let sql =
            "SELECT c.id AS category_id, c.name_fr AS category_fr, c.name_en AS category_en, \
                   i.name_fr AS item_fr, i.name_en AS item_en, \
                   i.description_fr, i.description_en, i.price_cents \
                   FROM menu_categories c LEFT JOIN menu_items i ON i.category_id = c.id \
                   WHERE c.restaurant_id = $1 ORDER BY c.position, c.id, i.position, i.id";
        let rows = on_pool!(self, pool => sqlx::query_as::<_, MenuRow>(sql).bind(restaurant_id).fetch_all(pool).await)?;
        let mut menu: Vec<(i64, MenuCategory)> = Vec::new();
        for row in rows {
            if menu.last().is_none_or(|(id, _)| *id != row.category_id) {
                menu.push((
                    row.category_id,
                    MenuCategory {
                        name: Localized {
                            fr: row.category_fr.clone(),
                            en: row.category_en.clone(),
                        },
                        items: Vec::new(),
                    },
                ));
            }
            if let (Some(fr), Some(en), Some(price_cents)) =
                (row.item_fr, row.item_en, row.price_cents)
            {
                if let Some((_, category)) = menu.last_mut() {
                    category.items.push(MenuItem {
                        name: Localized { fr, en },
                        description: Localized {
                            fr: row.description_fr.unwrap_or_default(),
                            en: row.description_en.unwrap_or_default(),
                        },
                        price_cents,
                    });
                }
            }
        }
        Ok(menu.into_iter().map(|(_, c)| c).collect())
    }

    pub async fn table_count(&self, restaurant_id: i64) -> Result<i64, StoreError> {
        let sql = "SELECT COUNT(*) FROM dining_tables WHERE restaurant_id = $1";
        Ok(
            on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql).bind(restaurant_id).fetch_one(pool).await)?,
        )
    }
}
