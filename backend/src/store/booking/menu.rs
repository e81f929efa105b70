//! The menu: categories, dishes and their photos' rows (the photos' files
//! are the media storage's). Every write moves `setup_version` (triggers),
//! so each process rereads the menu before its next page. Writes that read
//! first (positions, counts) run as the restaurant's booking transaction,
//! which serialises them.

use super::photos::{photo_view, stored, PhotoRow, StoredPhoto};
use super::ADVISORY_BOOKING_BASE;
use crate::error::StoreError;
use crate::store::{on_pool, Store};
use domain::{
    Allergen, CategoryForm, Date, Diet, Direction, ItemForm, Localized, MenuCategory, MenuItem, Tag,
};

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

    /// A new category, last.
    pub async fn create_category(
        &self,
        restaurant_id: i64,
        form: &CategoryForm,
    ) -> Result<i64, StoreError> {
        let sql = "INSERT INTO menu_categories (restaurant_id, position, name_fr, name_en) \
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM menu_categories \
             WHERE restaurant_id = $1), $2, $3) RETURNING id";
        booking_tx!(self, restaurant_id, tx => {
            Ok(sqlx::query_scalar::<_, i64>(sql)
                .bind(restaurant_id).bind(&form.name.fr).bind(&form.name.en)
                .fetch_one(&mut *tx).await?)
        })
    }

    pub async fn update_category(
        &self,
        restaurant_id: i64,
        id: i64,
        form: &CategoryForm,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE menu_categories SET name_fr = $3, name_en = $4 \
             WHERE id = $1 AND restaurant_id = $2";
        let changed = on_pool!(self, pool => sqlx::query(sql)
            .bind(id).bind(restaurant_id).bind(&form.name.fr).bind(&form.name.en)
            .execute(pool).await.map(|done| done.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Removes a category without dishes.
    pub async fn delete_category(
        &self,
        restaurant_id: i64,
        id: i64,
    ) -> Result<Option<MenuRefusal>, StoreError> {
        let count = "SELECT COUNT(*) FROM menu_items WHERE category_id = $1";
        let delete = "DELETE FROM menu_categories WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let items: i64 = sqlx::query_scalar(count).bind(id).fetch_one(&mut *tx).await?;
            if items > 0 {
                Ok(Some(MenuRefusal::CategoryNotEmpty))
            } else {
                let gone = sqlx::query(delete).bind(id).bind(restaurant_id)
                    .execute(&mut *tx).await?.rows_affected();
                if gone == 0 { Err(StoreError::NotFound) } else { Ok(None) }
            }
        })
    }

    /// Swaps a category with its neighbour (nothing when it is already
    /// first or last).
    pub async fn move_category(
        &self,
        restaurant_id: i64,
        id: i64,
        direction: Direction,
    ) -> Result<(), StoreError> {
        let list = "SELECT id, position FROM menu_categories WHERE restaurant_id = $1 \
             ORDER BY position, id";
        let set = "UPDATE menu_categories SET position = $2 WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let rows: Vec<(i64, i64)> = sqlx::query_as(list).bind(restaurant_id).fetch_all(&mut *tx).await?;
            match swapped(&rows, id, direction) {
                None => Err(StoreError::NotFound),
                Some(order) => {
                    for (position, row_id) in (1_i64..).zip(order) {
                        sqlx::query(set).bind(row_id).bind(position).execute(&mut *tx).await?;
                    }
                    Ok(())
                }
            }
        })
    }

    /// A new dish, last in its category (`NotFound` when the category is
    /// not the restaurant's).
    pub async fn create_item(
        &self,
        restaurant_id: i64,
        form: &ItemForm,
    ) -> Result<i64, StoreError> {
        let owned = "SELECT COUNT(*) FROM menu_categories WHERE id = $1 AND restaurant_id = $2";
        let sql = "INSERT INTO menu_items (category_id, position, name_fr, name_en, \
             description_fr, description_en, price_cents, allergens, diets) \
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM menu_items WHERE category_id = $1), \
             $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        booking_tx!(self, restaurant_id, tx => {
            let n: i64 = sqlx::query_scalar(owned).bind(form.category_id).bind(restaurant_id)
                .fetch_one(&mut *tx).await?;
            if n == 0 {
                Err(StoreError::NotFound)
            } else {
                Ok(sqlx::query_scalar::<_, i64>(sql)
                    .bind(form.category_id).bind(&form.name.fr).bind(&form.name.en)
                    .bind(&form.description.fr).bind(&form.description.en)
                    .bind(form.price_cents).bind(Allergen::to_bits(&form.allergens))
                    .bind(Diet::to_bits(&form.diets))
                    .fetch_one(&mut *tx).await?)
            }
        })
    }

    /// Changes a dish; moved to another category, it goes last there.
    /// `Ok(false)` when the new category is not the restaurant's.
    pub async fn update_item(
        &self,
        restaurant_id: i64,
        id: i64,
        form: &ItemForm,
    ) -> Result<bool, StoreError> {
        let current = "SELECT i.category_id FROM menu_items i \
             JOIN menu_categories c ON c.id = i.category_id WHERE i.id = $1 AND c.restaurant_id = $2";
        let owned = "SELECT COUNT(*) FROM menu_categories WHERE id = $1 AND restaurant_id = $2";
        let sql = "UPDATE menu_items SET category_id = $2, name_fr = $3, name_en = $4, \
             description_fr = $5, description_en = $6, price_cents = $7, allergens = $8, diets = $9, \
             position = CASE WHEN category_id = $2 THEN position ELSE \
             (SELECT COALESCE(MAX(position), 0) + 1 FROM menu_items WHERE category_id = $2) END \
             WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let found: Option<i64> = sqlx::query_scalar(current).bind(id).bind(restaurant_id)
                .fetch_optional(&mut *tx).await?;
            match found {
                None => Err(StoreError::NotFound),
                Some(_) => {
                    let n: i64 = sqlx::query_scalar(owned).bind(form.category_id).bind(restaurant_id)
                        .fetch_one(&mut *tx).await?;
                    if n == 0 {
                        Ok(false)
                    } else {
                        sqlx::query(sql)
                            .bind(id).bind(form.category_id).bind(&form.name.fr).bind(&form.name.en)
                            .bind(&form.description.fr).bind(&form.description.en)
                            .bind(form.price_cents).bind(Allergen::to_bits(&form.allergens))
                            .bind(Diet::to_bits(&form.diets))
                            .execute(&mut *tx).await?;
                        Ok(true)
                    }
                }
            }
        })
    }

    /// Removes a dish and its photos' rows; returns the photos (their
    /// files are the caller's to remove).
    pub async fn delete_item(
        &self,
        restaurant_id: i64,
        id: i64,
    ) -> Result<Vec<StoredPhoto>, StoreError> {
        let keys = "SELECT p.id, p.item_id AS owner_id, p.storage_key, p.width, p.height, p.widths FROM menu_photos p JOIN menu_items i ON i.id = p.item_id \
             JOIN menu_categories c ON c.id = i.category_id WHERE i.id = $1 AND c.restaurant_id = $2";
        let delete = "DELETE FROM menu_items WHERE id = $1 AND category_id IN \
             (SELECT id FROM menu_categories WHERE restaurant_id = $2)";
        booking_tx!(self, restaurant_id, tx => {
            let photos: Vec<PhotoRow> = sqlx::query_as(keys).bind(id).bind(restaurant_id)
                .fetch_all(&mut *tx).await?;
            let gone = sqlx::query(delete).bind(id).bind(restaurant_id)
                .execute(&mut *tx).await?.rows_affected();
            if gone == 0 {
                Err(StoreError::NotFound)
            } else {
                photos.into_iter().map(stored).collect()
            }
        })
    }

    /// Swaps a dish with its neighbour in its category.
    pub async fn move_item(
        &self,
        restaurant_id: i64,
        id: i64,
        direction: Direction,
    ) -> Result<(), StoreError> {
        let list = "SELECT i.id, i.position FROM menu_items i \
             JOIN menu_categories c ON c.id = i.category_id \
             WHERE c.restaurant_id = $2 AND i.category_id = \
             (SELECT category_id FROM menu_items WHERE id = $1) ORDER BY i.position, i.id";
        let set = "UPDATE menu_items SET position = $2 WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let rows: Vec<(i64, i64)> = sqlx::query_as(list).bind(id).bind(restaurant_id)
                .fetch_all(&mut *tx).await?;
            match swapped(&rows, id, direction) {
                None => Err(StoreError::NotFound),
                Some(order) => {
                    for (position, row_id) in (1_i64..).zip(order) {
                        sqlx::query(set).bind(row_id).bind(position).execute(&mut *tx).await?;
                    }
                    Ok(())
                }
            }
        })
    }

    /// Marks a dish sold out on a local date, or back on the menu (`None`).
    pub async fn set_sold_out(
        &self,
        restaurant_id: i64,
        id: i64,
        on: Option<Date>,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE menu_items SET sold_out_on = $3 WHERE id = $1 AND category_id IN \
             (SELECT id FROM menu_categories WHERE restaurant_id = $2)";
        let on = on.map(|d| d.to_string());
        let changed = on_pool!(self, pool => sqlx::query(sql)
            .bind(id).bind(restaurant_id).bind(&on)
            .execute(pool).await.map(|done| done.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}

/// The ids in their new order after `id` swaps with its neighbour;
/// `None` when `id` is not in the list.
pub(super) fn swapped(rows: &[(i64, i64)], id: i64, direction: Direction) -> Option<Vec<i64>> {
    let mut order: Vec<i64> = rows.iter().map(|(id, _)| *id).collect();
    let at = order.iter().position(|r| *r == id)?;
    match direction {
        Direction::Up if at > 0 => order.swap(at, at - 1),
        Direction::Down if at + 1 < order.len() => order.swap(at, at + 1),
        _ => {}
    }
    Some(order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swap_moves_one_step_and_stops_at_the_ends() {
        let rows = [(7, 1), (3, 2), (9, 5)];
        assert_eq!(swapped(&rows, 3, Direction::Up), Some(vec![3, 7, 9]));
        assert_eq!(swapped(&rows, 3, Direction::Down), Some(vec![7, 9, 3]));
        assert_eq!(swapped(&rows, 7, Direction::Up), Some(vec![7, 3, 9]));
        assert_eq!(swapped(&rows, 9, Direction::Down), Some(vec![7, 3, 9]));
        assert_eq!(swapped(&rows, 4, Direction::Up), None);
    }
}
