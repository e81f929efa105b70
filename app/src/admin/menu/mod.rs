//! `/admin/menu[?edit=ID]`: the menu — its categories in order, the dishes
//! in each (names and descriptions in both languages, price, allergens,
//! dietary tags, photos), and which dishes the kitchen has run out of
//! today. Staff read it and mark dishes sold out; admins change it.
//! Every form works before hydration; photos upload with progress once the
//! script runs, and through a plain form before.

pub mod api;
mod categories;
mod dishes;
mod errors;
mod forms;
mod page;
mod photos;
mod upload;

use domain::MenuCategory;
use serde::{Deserialize, Serialize};

pub use page::MenuPage;

/// The menu, and whether the reader may change it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuView {
    pub menu: Vec<MenuCategory>,
    pub editable: bool,
}
