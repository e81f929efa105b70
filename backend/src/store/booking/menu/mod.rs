//! The menu: categories, dishes and their photos' rows (the photos' files
//! are the media storage's). Every write moves `setup_version` (triggers),
//! so each process rereads the menu before its next page. Writes that read
//! first (positions, counts) run as the restaurant's booking transaction,
//! which serialises them; each adds its line to the audit log there.

mod categories;
mod items;

use super::photos::{photo_view, PhotoRow};
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use domain::{Allergen, Date, Diet, Localized, MenuCategory, MenuItem, Tag};

#[derive(Debug, sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    name_fr: String,
    name_en: String,
}

#[derive(Debug, sqlx::FromRow)]
struct ItemRow {
    id: i64,
    category_id: i64,
    name_fr: String,
    name_en: String,
    description_fr: String,
    description_en: String,
    price_cents: i64,
    allergens: i64,
    diets: i64,
    sold_out_on: Option<String>,
}

/// Why a menu write was not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuRefusal {
    /// A category that still has dishes.
    CategoryNotEmpty,
    /// A dish with as many photos as it may have.
    TooManyPhotos,
}

fn item_view(row: ItemRow) -> Result<MenuItem, StoreError> {
    let sold_out_on = match row.sold_out_on {
        Some(raw) => Some(
            Date::parse(&raw).map_err(|_| StoreError::corrupt(format!("sold_out_on {raw:?}")))?,
        ),
        None => None,
    };
    Ok(MenuItem {
        id: row.id,
        category_id: row.category_id,
        name: Localized {
            fr: row.name_fr,
            en: row.name_en,
        },
        description: Localized {
            fr: row.description_fr,
            en: row.description_en,
        },
        price_cents: row.price_cents,
        allergens: Allergen::from_bits(row.allergens),
        diets: Diet::from_bits(row.diets),
        sold_out_on,
        available: true,
        photos: Vec::new(),
    })
}

impl Store {
    /// Categories in order, each with its dishes in order (empty
    /// categories kept), each dish with its photos in order.
    pub async fn menu(&self, restaurant_id: i64) -> Result<Vec<MenuCategory>, StoreError> {
        let categories = "SELECT id, name_fr, name_en FROM menu_categories \
             WHERE restaurant_id = $1 ORDER BY position, id";
        let items = "SELECT i.id, i.category_id, i.name_fr, i.name_en, i.description_fr, \
             i.description_en, i.price_cents, i.allergens, i.diets, i.sold_out_on \
             FROM menu_items i JOIN menu_categories c ON c.id = i.category_id \
             WHERE c.restaurant_id = $1 ORDER BY i.position, i.id";
        let photos =
            "SELECT p.id, p.item_id AS owner_id, p.storage_key, p.width, p.height, p.widths \
             FROM menu_photos p JOIN menu_items i ON i.id = p.item_id \
             JOIN menu_categories c ON c.id = i.category_id \
             WHERE c.restaurant_id = $1 ORDER BY p.position, p.id";
        let (categories, items, photos) = on_pool!(self, pool => {
            let c = sqlx::query_as::<_, CategoryRow>(categories).bind(restaurant_id).fetch_all(pool).await?;
            let i = sqlx::query_as::<_, ItemRow>(items).bind(restaurant_id).fetch_all(pool).await?;
            let p = sqlx::query_as::<_, PhotoRow>(photos).bind(restaurant_id).fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((c, i, p))
        })?;
        let mut items = items
            .into_iter()
            .map(item_view)
            .collect::<Result<Vec<_>, _>>()?;
        for photo in photos {
            let item_id = photo.owner_id;
            let photo = photo_view(photo)?;
            if let Some(item) = items.iter_mut().find(|i| i.id == item_id) {
                item.photos.push(photo);
            }
        }
        Ok(categories
            .into_iter()
            .map(|c| MenuCategory {
                id: c.id,
                name: Localized {
                    fr: c.name_fr,
                    en: c.name_en,
                },
                items: items
                    .iter()
                    .filter(|i| i.category_id == c.id)
                    .cloned()
                    .collect(),
            })
            .collect())
    }
}
