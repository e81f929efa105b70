//! The public site: home, menu, contact and the not-found page.

pub mod api;
mod pages;

pub use pages::{ContactPage, HomePage, MenuPage, NotFound};
