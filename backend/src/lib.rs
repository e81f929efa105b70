//! TechPlus server side: one store over SQLite and PostgreSQL, demo data,
//! and the services that the web layer (server functions, REST handlers)
//! calls. Nothing here knows about HTTP or Leptos.

pub mod demo_bookings;
pub mod error;
pub mod live;
pub mod mail;
pub mod media;
pub mod payments;
pub mod ratelimit;
pub mod seed;
pub mod services;
pub mod store;

pub use error::{ConfigError, StoreError};
pub use store::{Backend, DatabaseUrl, Pool, Store};

/// The current instant. Services take `now` as an argument (tests choose
/// it); the web layer passes this.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
