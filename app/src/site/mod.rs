//! The public site: home, menu, about, contact, the not-found and offline
//! pages.

mod about;
pub mod api;
mod menu;
mod pages;

pub use about::AboutPage;
pub use menu::MenuPage;
pub use pages::{ContactPage, HomePage, NotFound, OfflinePage};
