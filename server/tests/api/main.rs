//! The integration tests: one binary (one link of the whole server) whose
//! modules start the real server in this process on SQLite and on
//! PostgreSQL and talk HTTP to it; `startup` runs the server binary itself.

#[macro_use]
mod helpers;

mod accounts;
mod booking;
mod contact;
mod lifecycle;
mod limits;
mod mail;
mod page_cache;
mod payments;
mod security;
mod seo;
mod setup;
mod setup_cache;
mod site;
mod staff;
mod startup;
mod transfer;
