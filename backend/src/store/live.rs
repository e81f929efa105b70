//! The version that moves with every change a staff screen shows.

use super::{on_pool, Store};
use crate::error::StoreError;

impl Store {
    /// The database's `live_version`: it moves with every change a staff
    /// screen shows ([`crate::live`]).
    pub async fn live_version(&self) -> Result<i64, StoreError> {
        let sql = "SELECT version FROM live_version WHERE id = 1";
        Ok(on_pool!(self, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await)?)
    }
}
