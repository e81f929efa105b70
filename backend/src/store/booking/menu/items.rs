//! The menu's dishes: each write runs as the restaurant's booking
//! transaction with its line in the audit log (a dish's fields, its
//! category by name, its place, "sold out" for a day).

use super::super::photos::{stored, PhotoRow, StoredPhoto};
use super::super::{Author, ADVISORY_BOOKING_BASE};
use super::ItemRow;
use crate::error::StoreError;
use crate::store::Store;
use domain::{
    audit_changes, Allergen, AuditFields, AuditSubject, Date, Diet, Direction, ItemForm, Localized,
    Tag,
};

/// A category's French name, for the audit log.
const CATEGORY_NAME: &str = "SELECT name_fr FROM menu_categories WHERE id = $1";

/// A dish as stored, in the caller's transaction; not found when it is
/// not the restaurant's.
macro_rules! item_row {
    ($tx:expr, $restaurant_id:expr, $id:expr) => {{
        let row: Option<ItemRow> = sqlx::query_as(
            "SELECT i.id, i.category_id, i.name_fr, i.name_en, i.description_fr, \
             i.description_en, i.price_cents, i.allergens, i.diets, i.sold_out_on \
             FROM menu_items i JOIN menu_categories c ON c.id = i.category_id \
             WHERE i.id = $1 AND c.restaurant_id = $2",
        )
        .bind($id)
        .bind($restaurant_id)
        .fetch_optional(&mut *$tx)
        .await?;
        row.ok_or(StoreError::NotFound)?
    }};
}

/// The form that would write a stored dish.
fn form_of(row: &ItemRow) -> ItemForm {
    ItemForm {
        category_id: row.category_id,
        name: Localized {
            fr: row.name_fr.clone(),
            en: row.name_en.clone(),
        },
        description: Localized {
            fr: row.description_fr.clone(),
            en: row.description_en.clone(),
        },
        price_cents: row.price_cents,
        allergens: Allergen::from_bits(row.allergens),
        diets: Diet::from_bits(row.diets),
    }
}

/// A dish's fields with its category's name.
fn fields(form: &ItemForm, category: Option<String>) -> Vec<(&'static str, String)> {
    let mut fields = vec![("category", category.unwrap_or_default())];
    fields.extend(form.audit_fields());
    fields
}

impl Store {
    /// A new dish, last in its category (`NotFound` when the category is
    /// not the restaurant's).
    pub async fn create_item(
        &self,
        restaurant_id: i64,
        form: &ItemForm,
        by: Author,
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
                let id: i64 = sqlx::query_scalar(sql)
                    .bind(form.category_id).bind(&form.name.fr).bind(&form.name.en)
                    .bind(&form.description.fr).bind(&form.description.en)
                    .bind(form.price_cents).bind(Allergen::to_bits(&form.allergens))
                    .bind(Diet::to_bits(&form.diets))
                    .fetch_one(&mut *tx).await?;
                let category: Option<String> = sqlx::query_scalar(CATEGORY_NAME)
                    .bind(form.category_id).fetch_optional(&mut *tx).await?;
                let changes = audit_changes(&[], &fields(form, category));
                record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuItem,
                    "create", form.name.fr.clone(), &changes);
                Ok(id)
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
        by: Author,
    ) -> Result<bool, StoreError> {
        let owned = "SELECT COUNT(*) FROM menu_categories WHERE id = $1 AND restaurant_id = $2";
        let sql = "UPDATE menu_items SET category_id = $2, name_fr = $3, name_en = $4, \
             description_fr = $5, description_en = $6, price_cents = $7, allergens = $8, diets = $9, \
             position = CASE WHEN category_id = $2 THEN position ELSE \
             (SELECT COALESCE(MAX(position), 0) + 1 FROM menu_items WHERE category_id = $2) END \
             WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let before = form_of(&item_row!(tx, restaurant_id, id));
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
                let old: Option<String> = sqlx::query_scalar(CATEGORY_NAME)
                    .bind(before.category_id).fetch_optional(&mut *tx).await?;
                let new: Option<String> = sqlx::query_scalar(CATEGORY_NAME)
                    .bind(form.category_id).fetch_optional(&mut *tx).await?;
                let changes = audit_changes(&fields(&before, old), &fields(form, new));
                record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuItem,
                    "update", form.name.fr.clone(), &changes);
                Ok(true)
            }
        })
    }

    /// Removes a dish and its photos' rows; returns the photos (their
    /// files are the caller's to remove).
    pub async fn delete_item(
        &self,
        restaurant_id: i64,
        id: i64,
        by: Author,
    ) -> Result<Vec<StoredPhoto>, StoreError> {
        let keys =
            "SELECT p.id, p.item_id AS owner_id, p.storage_key, p.width, p.height, p.widths \
             FROM menu_photos p WHERE p.item_id = $1";
        let delete = "DELETE FROM menu_items WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let before = form_of(&item_row!(tx, restaurant_id, id));
            let photos: Vec<PhotoRow> = sqlx::query_as(keys).bind(id).fetch_all(&mut *tx).await?;
            let category: Option<String> = sqlx::query_scalar(CATEGORY_NAME)
                .bind(before.category_id).fetch_optional(&mut *tx).await?;
            sqlx::query(delete).bind(id).execute(&mut *tx).await?;
            let changes = audit_changes(&fields(&before, category), &[]);
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuItem,
                "delete", before.name.fr.clone(), &changes);
            photos.into_iter().map(stored).collect::<Result<Vec<_>, StoreError>>()
        })
    }

    /// Swaps a dish with its neighbour in its category.
    pub async fn move_item(
        &self,
        restaurant_id: i64,
        id: i64,
        direction: Direction,
        by: Author,
    ) -> Result<(), StoreError> {
        let list = "SELECT id, position FROM menu_items WHERE category_id = $1 \
             ORDER BY position, id";
        let set = "UPDATE menu_items SET position = $2 WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let item = item_row!(tx, restaurant_id, id);
            let rows: Vec<(i64, i64)> = sqlx::query_as(list).bind(item.category_id)
                .fetch_all(&mut *tx).await?;
            let changes = reorder!(tx, set, &rows, id, direction);
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuItem,
                "update", item.name_fr.clone(), &changes);
            Ok::<(), StoreError>(())
        })
    }

    /// Marks a dish sold out on a local date, or back on the menu (`None`).
    pub async fn set_sold_out(
        &self,
        restaurant_id: i64,
        id: i64,
        on: Option<Date>,
        by: Author,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE menu_items SET sold_out_on = $2 WHERE id = $1";
        let on = on.map(|d| d.to_string());
        booking_tx!(self, restaurant_id, tx => {
            let item = item_row!(tx, restaurant_id, id);
            sqlx::query(sql).bind(id).bind(&on).execute(&mut *tx).await?;
            let changes = audit_changes(
                &[("sold_out_on", item.sold_out_on.clone().unwrap_or_default())],
                &[("sold_out_on", on.clone().unwrap_or_default())],
            );
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuItem,
                "update", item.name_fr.clone(), &changes);
            Ok::<(), StoreError>(())
        })
    }
}
