//! Areas and combinations: each write runs as the restaurant's booking
//! transaction with its line in the audit log.

use super::super::{Author, ADVISORY_BOOKING_BASE};
use super::InUse;
use crate::error::StoreError;
use crate::store::Store;
use domain::{audit_changes, AreaForm, AuditFields, AuditSubject, CombinationForm};

/// The names of a combination's tables, in name order.
const MEMBER_NAMES: &str = "SELECT t.name FROM table_combination_members m \
     JOIN dining_tables t ON t.id = m.table_id WHERE m.combination_id = $1 ORDER BY t.name";

fn combination_fields(name: &str, tables: &[String]) -> Vec<(&'static str, String)> {
    vec![("name", name.to_owned()), ("tables", tables.join(" + "))]
}

impl Store {
    /// A new area, last in the order. A name the restaurant already has
    /// is a conflict.
    pub async fn create_area(
        &self,
        restaurant_id: i64,
        form: &AreaForm,
        by: Author,
    ) -> Result<i64, StoreError> {
        let sql = "INSERT INTO areas (restaurant_id, name, position) \
             VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM areas WHERE restaurant_id = $1)) \
             RETURNING id";
        booking_tx!(self, restaurant_id, tx => {
            let id: i64 = sqlx::query_scalar(sql).bind(restaurant_id).bind(&form.name)
                .fetch_one(&mut *tx).await?;
            let changes = audit_changes(&[], &form.audit_fields());
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Area, "create",
                form.name.clone(), &changes);
            Ok::<i64, StoreError>(id)
        })
    }

    pub async fn rename_area(
        &self,
        restaurant_id: i64,
        id: i64,
        form: &AreaForm,
        by: Author,
    ) -> Result<(), StoreError> {
        let before = "SELECT name FROM areas WHERE id = $1 AND restaurant_id = $2";
        let sql = "UPDATE areas SET name = $3 WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let old: Option<String> = sqlx::query_scalar(before).bind(id).bind(restaurant_id)
                .fetch_optional(&mut *tx).await?;
            let old = old.ok_or(StoreError::NotFound)?;
            sqlx::query(sql).bind(id).bind(restaurant_id).bind(&form.name)
                .execute(&mut *tx).await?;
            let changes = audit_changes(&AreaForm { name: old }.audit_fields(), &form.audit_fields());
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Area, "update",
                form.name.clone(), &changes);
            Ok::<(), StoreError>(())
        })
    }

    /// Removes an empty area; `Ok(Some(InUse::HasTables))` when it is not.
    pub async fn delete_area(
        &self,
        restaurant_id: i64,
        id: i64,
        by: Author,
    ) -> Result<Option<InUse>, StoreError> {
        let count = "SELECT COUNT(*) FROM dining_tables WHERE area_id = $1";
        let name = "SELECT name FROM areas WHERE id = $1 AND restaurant_id = $2";
        let delete = "DELETE FROM areas WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let name: Option<String> = sqlx::query_scalar(name).bind(id).bind(restaurant_id)
                .fetch_optional(&mut *tx).await?;
            let name = name.ok_or(StoreError::NotFound)?;
            let tables: i64 = sqlx::query_scalar(count).bind(id).fetch_one(&mut *tx).await?;
            if tables > 0 {
                Ok(Some(InUse::HasTables))
            } else {
                sqlx::query(delete).bind(id).bind(restaurant_id).execute(&mut *tx).await?;
                let changes = audit_changes(&AreaForm { name: name.clone() }.audit_fields(), &[]);
                record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Area, "delete",
                    name, &changes);
                Ok(None)
            }
        })
    }

    /// A new combination of `form.tables` (the restaurant's, checked by
    /// the caller). A name already used is a conflict.
    pub async fn create_combination(
        &self,
        restaurant_id: i64,
        form: &CombinationForm,
        by: Author,
    ) -> Result<i64, StoreError> {
        let insert =
            "INSERT INTO table_combinations (restaurant_id, name) VALUES ($1, $2) RETURNING id";
        let member =
            "INSERT INTO table_combination_members (combination_id, table_id) VALUES ($1, $2)";
        booking_tx!(self, restaurant_id, tx => {
            let id: i64 = sqlx::query_scalar(insert).bind(restaurant_id).bind(&form.name)
                .fetch_one(&mut *tx).await?;
            for table in &form.tables {
                sqlx::query(member).bind(id).bind(table).execute(&mut *tx).await?;
            }
            let tables: Vec<String> = sqlx::query_scalar(MEMBER_NAMES).bind(id)
                .fetch_all(&mut *tx).await?;
            let changes = audit_changes(&[], &combination_fields(&form.name, &tables));
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Combination,
                "create", form.name.clone(), &changes);
            Ok::<i64, StoreError>(id)
        })
    }

    pub async fn delete_combination(
        &self,
        restaurant_id: i64,
        id: i64,
        by: Author,
    ) -> Result<(), StoreError> {
        let name = "SELECT name FROM table_combinations WHERE id = $1 AND restaurant_id = $2";
        let delete = "DELETE FROM table_combinations WHERE id = $1 AND restaurant_id = $2";
        booking_tx!(self, restaurant_id, tx => {
            let name: Option<String> = sqlx::query_scalar(name).bind(id).bind(restaurant_id)
                .fetch_optional(&mut *tx).await?;
            let name = name.ok_or(StoreError::NotFound)?;
            let tables: Vec<String> = sqlx::query_scalar(MEMBER_NAMES).bind(id)
                .fetch_all(&mut *tx).await?;
            sqlx::query(delete).bind(id).bind(restaurant_id).execute(&mut *tx).await?;
            let changes = audit_changes(&combination_fields(&name, &tables), &[]);
            record_audit!(tx, restaurant_id, by.at, by.user_id, AuditSubject::Combination,
                "delete", name, &changes);
            Ok::<(), StoreError>(())
        })
    }
}
