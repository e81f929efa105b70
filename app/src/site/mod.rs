//! The public site: home, menu, about, contact, the not-found and offline
//! pages.

mod about;
pub mod api;
mod contact;
mod menu;
mod pages;

pub use about::AboutPage;
pub use contact::ContactPage;
pub use menu::MenuPage;
pub use pages::{HomePage, NotFound, OfflinePage};
