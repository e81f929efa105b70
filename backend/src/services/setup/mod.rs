//! Setting the restaurant up: what admins change (the room, the hours
//! and rules, and later the menu) and staff may read. Each write moves the setup
//! version in the same statement (database triggers), so every server
//! process answers the next availability request with it.

mod blocks;
mod floor;
mod menu;
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
pub use menu::{
    add_photo, create_category, create_item, delete_category, delete_item, delete_photo, menu,
    move_category, move_item, public_menu, set_available, update_category, update_item,
    CATEGORY_NOT_EMPTY,
};
pub use settings::{
    audit_log, bookings_outside_hours, create_exception, delete_exception, delete_hours, set_hours,
    settings, update_restaurant, update_rules, AUDIT_PAGE,
};
