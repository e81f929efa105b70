//! Setting the restaurant up: what admins change (the room, and later the
//! menu, hours and rules) and staff may read. Each write moves the setup
//! version in the same statement (database triggers), so every server
//! process answers the next availability request with it.

mod blocks;
mod floor;

pub use blocks::{
    blocks, create_block, delete_block, upcoming_blocks, MAX_BLOCK_DAYS, TABLES_BOOKED,
    UPCOMING_DAYS,
};
pub use floor::{
    create_area, create_combination, create_table, delete_area, delete_combination, delete_table,
    floor, place_table, rename_area, update_table, AREA_NOT_EMPTY, TABLE_HAS_HISTORY, TABLE_IN_USE,
};
