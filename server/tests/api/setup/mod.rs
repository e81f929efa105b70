//! Setting the restaurant up through the API: the room (areas, tables on
//! their floor plans, combinations) and blocks of tables.

mod blocks;
mod floor;
