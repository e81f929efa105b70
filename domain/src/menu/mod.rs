//! The menu: ordered categories of dishes with their names and
//! descriptions in both site languages, a price in minor units, the EU's
//! 14 allergens, dietary tags, whether the kitchen still has it today, and
//! photos; the forms admins fill in (`form`), and the filters diners use
//! (`filter`).

mod filter;
mod form;

pub use filter::{fold, MenuFilter, MAX_SEARCH_CHARS};
pub use form::{
    parse_price, price_input, CategoryForm, CategoryInput, Direction, ItemForm, ItemInput,
};

use crate::photo::Photo;
use crate::restaurant::Localized;
use crate::time::Date;
use serde::{Deserialize, Serialize};

/// The 14 allergens EU regulation 1169/2011 (annex II) requires a
/// restaurant to declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Allergen {
    Gluten,
    Crustaceans,
    Eggs,
    Fish,
    Peanuts,
    Soybeans,
    Milk,
    Nuts,
    Celery,
    Mustard,
    Sesame,
    Sulphites,
    Lupin,
    Molluscs,
}

/// What a dish suits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Diet {
    Vegetarian,
    Vegan,
    GlutenFree,
    DairyFree,
    Halal,
    Kosher,
}

/// A closed set of tags stored as bits of one integer column.
pub trait Tag: Copy + Eq + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;

    fn parse(raw: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.as_str() == raw.trim())
    }
    fn bit(self) -> i64 {
        let index = Self::ALL.iter().position(|t| *t == self).unwrap_or(0);
        1 << index
    }
    /// The tags of a stored bit set, in their canonical order (unknown
    /// bits ignored).
    fn from_bits(bits: i64) -> Vec<Self> {
        Self::ALL
            .iter()
            .copied()
            .filter(|t| bits & t.bit() != 0)
            .collect()
    }
    fn to_bits(tags: &[Self]) -> i64 {
        tags.iter().fold(0, |bits, t| bits | t.bit())
    }
}

impl Tag for Allergen {
    const ALL: &'static [Self] = &[
        Allergen::Gluten,
        Allergen::Crustaceans,
        Allergen::Eggs,
        Allergen::Fish,
        Allergen::Peanuts,
        Allergen::Soybeans,
        Allergen::Milk,
        Allergen::Nuts,
        Allergen::Celery,
        Allergen::Mustard,
        Allergen::Sesame,
        Allergen::Sulphites,
        Allergen::Lupin,
        Allergen::Molluscs,
    ];
    fn as_str(self) -> &'static str {
        match self {
            Allergen::Gluten => "gluten",
            Allergen::Crustaceans => "crustaceans",
            Allergen::Eggs => "eggs",
            Allergen::Fish => "fish",
            Allergen::Peanuts => "peanuts",
            Allergen::Soybeans => "soybeans",
            Allergen::Milk => "milk",
            Allergen::Nuts => "nuts",
            Allergen::Celery => "celery",
            Allergen::Mustard => "mustard",
            Allergen::Sesame => "sesame",
            Allergen::Sulphites => "sulphites",
            Allergen::Lupin => "lupin",
            Allergen::Molluscs => "molluscs",
        }
    }
}

impl Tag for Diet {
    const ALL: &'static [Self] = &[
        Diet::Vegetarian,
        Diet::Vegan,
        Diet::GlutenFree,
        Diet::DairyFree,
        Diet::Halal,
        Diet::Kosher,
    ];
    fn as_str(self) -> &'static str {
        match self {
            Diet::Vegetarian => "vegetarian",
            Diet::Vegan => "vegan",
            Diet::GlutenFree => "gluten_free",
            Diet::DairyFree => "dairy_free",
            Diet::Halal => "halal",
            Diet::Kosher => "kosher",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenuItem {
    pub id: i64,
    pub category_id: i64,
    pub name: Localized,
    pub description: Localized,
    /// In the restaurant's currency's minor units (cents).
    pub price_cents: i64,
    pub allergens: Vec<Allergen>,
    pub diets: Vec<Diet>,
    /// The local date the kitchen ran out of it (`YYYY-MM-DD`): it is back
    /// on the menu the day after.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub sold_out_on: Option<Date>,
    /// Served today (false when sold out today).
    pub available: bool,
    pub photos: Vec<Photo>,
}

impl MenuItem {
    /// Sets `available` for the restaurant's local date.
    pub fn as_of(mut self, today: Date) -> Self {
        self.available = self.sold_out_on != Some(today);
        self
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenuCategory {
    pub id: i64,
    pub name: Localized,
    /// In the order diners read them.
    pub items: Vec<MenuItem>,
}

/// Sets every item's `available` for the restaurant's local date.
pub fn menu_as_of(menu: Vec<MenuCategory>, today: Date) -> Vec<MenuCategory> {
    menu.into_iter()
        .map(|c| MenuCategory {
            items: c.items.into_iter().map(|i| i.as_of(today)).collect(),
            ..c
        })
        .collect()
}

/// The longest category and dish name, and dish description.
pub const MAX_MENU_NAME_CHARS: usize = 80;
pub const MAX_DESCRIPTION_CHARS: usize = 600;
/// The highest price, in cents (99,999.99).
pub const MAX_PRICE_CENTS: i64 = 9_999_999;
/// The most photos of one dish.
pub const MAX_PHOTOS: usize = 6;

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn item(id: i64, fr: &str, allergens: &[Allergen], diets: &[Diet]) -> MenuItem {
        MenuItem {
            id,
            category_id: 1,
            name: Localized {
                fr: fr.into(),
                en: fr.into(),
            },
            description: Localized {
                fr: String::new(),
                en: String::new(),
            },
            price_cents: 1000,
            allergens: allergens.to_vec(),
            diets: diets.to_vec(),
            sold_out_on: None,
            available: true,
            photos: Vec::new(),
        }
    }

    #[test]
    fn tags_round_trip_through_their_bits() {
        let all = Allergen::ALL.to_vec();
        assert_eq!(Allergen::to_bits(&all), (1 << 14) - 1);
        assert_eq!(Allergen::from_bits(Allergen::to_bits(&all)), all);
        assert_eq!(
            Diet::from_bits(Diet::to_bits(&[Diet::Vegan, Diet::Vegetarian])),
            vec![Diet::Vegetarian, Diet::Vegan]
        );
        for a in Allergen::ALL {
            assert_eq!(Allergen::parse(a.as_str()), Some(*a));
        }
    }

    #[test]
    fn sold_out_means_today_only() {
        let today = Date::parse("2026-12-06").unwrap();
        let mut dish = item(1, "Tarte", &[], &[]);
        dish.sold_out_on = Some(today);
        assert!(!dish.clone().as_of(today).available);
        assert!(dish.as_of(Date::parse("2026-12-07").unwrap()).available);
    }

    #[test]
    fn photo_sources_name_each_variant() {
        let photo = Photo {
            id: 1,
            width: 1600,
            height: 1200,
            widths: vec![400, 800, 1600],
            base: "/media/menu/ab".into(),
        };
        assert_eq!(
            photo.srcset("webp"),
            "/media/menu/ab-400.webp 400w, /media/menu/ab-800.webp 800w, /media/menu/ab-1600.webp 1600w"
        );
        assert_eq!(photo.fallback(500), "/media/menu/ab-800.jpg");
        assert_eq!(photo.fallback(4000), "/media/menu/ab-1600.jpg");
        assert_eq!(photo.height_at(400), 300);
    }
}
