//! Setting the restaurant up through the API: the room (areas, tables on
//! their floor plans, combinations), blocks of tables, and the settings
//! (hours, exceptions, rules, the restaurant's page, the audit log), and
//! the menu.

mod audit;
mod blocks;
mod floor;
mod from_empty;
mod gallery;
mod menu;
mod photos;
mod settings;
