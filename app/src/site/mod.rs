//! The public site: home, menu, contact and the not-found page.

pub mod api;
mod menu;
mod pages;

pub use menu::MenuPage;
pub use pages::{ContactPage, HomePage, NotFound};
