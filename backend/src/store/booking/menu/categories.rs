//! The menu's categories: each write runs as the restaurant's booking
//! transaction with its line in the audit log.

use super::super::{Author, ADVISORY_BOOKING_BASE};
use super::MenuRefusal;
use crate::error::StoreError;
use crate::store::Store;
use domain::{audit_changes, AuditFields, AuditSubject, CategoryForm, Direction, Localized};

/// A category's names, in the caller's transaction; not found when it is
/// not the restaurant's.
macro_rules! category_form {
    ($tx:expr, $restaurant_id:expr, $id:expr) => {{
        let row: Option<(String, String)> = sqlx::query_as(
            "SELECT name_fr, name_en FROM menu_categories WHERE id = $1 AND restaurant_id = $2",
        )
        .bind($id)
        .bind($restaurant_id)
        .fetch_optional(&mut *$tx)
        .await?;
        let (fr, en) = row.ok_or(StoreError::NotFound)?;
        CategoryForm {
            name: Localized { fr, en },
        }
    }};
}

impl Store {
    /// A new category, last.
    pub async fn create_category(
        &self,
        restaurant_id: i64,
        form: &CategoryForm,
        by: Author,
    ) -> Result<i64, StoreError> {
        let sql = "INSERT INTO menu_categories (restaurant_id, position, name_fr, name_en) \
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM menu_categories \
             WHERE restaurant_id = $1), $2, $3) RETURNING id";
        booking_tx!(self, restaurant_id, tx => {
            let id: i64 = sqlx::query_scalar(sql)
                .bind(restaurant_id).bind(&form.name.fr).bind(&form.name.en)
                .fetch_one(&mut *tx).await?;
            let changes = audit_changes(&[], &form.audit_fields());
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuCategory,
                "create", form.name.fr.clone(), &changes);
            Ok::<i64, StoreError>(id)
        })
    }

    pub async fn update_category(
        &self,
        restaurant_id: i64,
        id: i64,
        form: &CategoryForm,
        by: Author,
    ) -> Result<(), StoreError> {
        let sql = "UPDATE menu_categories SET name_fr = $3, name_en = $4 \
             WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let before = category_form!(tx, restaurant_id, id);
            sqlx::query(sql).bind(id).bind(restaurant_id).bind(&form.name.fr)
                .bind(&form.name.en).execute(&mut *tx).await?;
            let changes = audit_changes(&before.audit_fields(), &form.audit_fields());
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuCategory,
                "update", form.name.fr.clone(), &changes);
            Ok::<(), StoreError>(())
        })
    }

    /// Removes a category without dishes.
    pub async fn delete_category(
        &self,
        restaurant_id: i64,
        id: i64,
        by: Author,
    ) -> Result<Option<MenuRefusal>, StoreError> {
        let count = "SELECT COUNT(*) FROM menu_items WHERE category_id = $1";
        let delete = "DELETE FROM menu_categories WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let before = category_form!(tx, restaurant_id, id);
            let items: i64 = sqlx::query_scalar(count).bind(id).fetch_one(&mut *tx).await?;
            if items > 0 {
                Ok(Some(MenuRefusal::CategoryNotEmpty))
            } else {
                sqlx::query(delete).bind(id).bind(restaurant_id).execute(&mut *tx).await?;
                let changes = audit_changes(&before.audit_fields(), &[]);
                record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuCategory,
                    "delete", before.name.fr.clone(), &changes);
                Ok(None)
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
        by: Author,
    ) -> Result<(), StoreError> {
        let list = "SELECT id, position FROM menu_categories WHERE restaurant_id = $1 \
             ORDER BY position, id";
        let set = "UPDATE menu_categories SET position = $2 WHERE id = $1";
        booking_tx!(self, restaurant_id, tx => {
            let rows: Vec<(i64, i64)> = sqlx::query_as(list).bind(restaurant_id).fetch_all(&mut *tx).await?;
            let form = category_form!(tx, restaurant_id, id);
            let changes = reorder!(tx, set, &rows, id, direction);
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::MenuCategory,
                "update", form.name.fr.clone(), &changes);
            Ok::<(), StoreError>(())
        })
    }
}
