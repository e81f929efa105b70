//! Setting the restaurant up: what admins change (the room, the hours
//! and rules, and later the menu) and staff may read. Each write moves the setup
//! version in the same statement (database triggers), so every server
//! process answers the next availability request with it.

mod blocks;
mod floor;
mod gallery;
mod menu;
mod photos;
mod settings;

pub use blocks::{
    blocks, create_block, delete_block, upcoming_blocks, MAX_BLOCK_DAYS, TABLES_BOOKED,
    UPCOMING_DAYS,
};
pub use floor::{
    create_area, create_combination, create_table, delete_area, delete_combination, delete_table,
    floor, place_table, reassign_table, rename_area, table_bookings, update_table, AREA_NOT_EMPTY,
    TABLE_HAS_HISTORY, TABLE_IN_USE,
};
pub use gallery::{
    add_gallery_photo, delete_gallery_photo, gallery, move_gallery_photo, set_gallery_alt,
};
pub use menu::{
    add_photo, create_category, create_item, delete_category, delete_item, delete_photo, menu,
    move_category, move_item, public_menu, set_available, update_category, update_item,
    CATEGORY_NOT_EMPTY,
};
pub use settings::{
    audit_log, bookings_outside_hours, create_exception, delete_exception, delete_hours, set_hours,
    settings, update_restaurant, update_rules, AUDIT_PAGE,
};

/// Whether `who` may change the restaurant's setup: checked before an
/// upload is read, so that a stranger's file is neither read nor decoded.
pub fn may_manage_setup(
    who: Option<&crate::services::authz::Principal>,
) -> Result<(), crate::services::ServiceError> {
    crate::services::authz::authorize(who, crate::services::authz::Action::ManageSetup).map(|_| ())
}

/// `who`'s change at `at`, for its line in the audit log. (A service
/// without a `now` of its own dates the line by the clock: it is a
/// record, no rule reads it.)
fn author(
    who: &crate::services::authz::Principal,
    at: chrono::DateTime<chrono::Utc>,
) -> crate::store::Author {
    crate::store::Author {
        user_id: Some(who.user_id),
        at,
    }
}

/// `who`'s change now.
fn by(who: &crate::services::authz::Principal) -> crate::store::Author {
    author(who, crate::now())
}
