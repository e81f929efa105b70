//! The public site: home, menu, about, contact, the not-found and offline
//! pages.

mod about;
pub mod api;
mod contact;
mod home;
mod menu;
mod pages;

pub use about::AboutPage;
pub use contact::ContactPage;
pub use home::HomePage;
pub use menu::MenuPage;
pub use pages::{NotFound, OfflinePage};
