//! The menu: ordered categories of dishes with their names and
//! descriptions in both site languages, a price in minor units, the EU's
//! 14 allergens, dietary tags, whether the kitchen still has it today, and
//! photos. The forms admins fill in, and the filters diners use.

use crate::restaurant::Localized;
use crate::settings::{text, Errors};
use crate::time::Date;
use crate::FieldError;
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

/// A dish's photo, stored as resized variants (WebP and a JPEG fallback)
/// under `{base}-{width}.webp` and `{base}-{width}.jpg`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MenuPhoto {
    pub id: i64,
    /// The largest variant's size, in pixels.
    pub width: u32,
    pub height: u32,
    /// The variants' widths, ascending.
    pub widths: Vec<u32>,
    /// The variants' common URL path, e.g. `/media/menu/3f2a…`.
    pub base: String,
}

impl MenuPhoto {
    pub fn src(&self, width: u32, ext: &str) -> String {
        format!("{}-{width}.{ext}", self.base)
    }
    /// `srcset` of every variant in one format (`webp` or `jpg`).
    pub fn srcset(&self, ext: &str) -> String {
        self.widths
            .iter()
            .map(|w| format!("{} {w}w", self.src(*w, ext)))
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// The smallest variant at least `width` wide (or the largest).
    pub fn fallback(&self, width: u32) -> String {
        let w = self
            .widths
            .iter()
            .copied()
            .find(|w| *w >= width)
            .unwrap_or(self.width);
        self.src(w, "jpg")
    }
    /// The height of a rendering `width` pixels wide (for layout).
    pub fn height_at(&self, width: u32) -> u32 {
        if self.width == 0 {
            return 0;
        }
        ((u64::from(self.height) * u64::from(width) + u64::from(self.width) / 2)
            / u64::from(self.width)) as u32
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
    pub photos: Vec<MenuPhoto>,
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

/// A category as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryInput {
    pub name_fr: String,
    pub name_en: String,
}

/// A valid category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryForm {
    pub name: Localized,
}

impl CategoryForm {
    pub fn parse(input: &CategoryInput) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors(Vec::new());
        let fr = e.keep(text(
            &input.name_fr,
            "name_fr",
            MAX_MENU_NAME_CHARS,
            true,
            false,
        ));
        let en = e.keep(text(
            &input.name_en,
            "name_en",
            MAX_MENU_NAME_CHARS,
            true,
            false,
        ));
        e.done(CategoryForm {
            name: Localized { fr, en },
        })
    }
}

/// A dish as typed: the price as written (`18`, `18.5`, `18,50`), tags
/// by their names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemInput {
    pub category_id: i64,
    pub name_fr: String,
    pub name_en: String,
    pub description_fr: String,
    pub description_en: String,
    pub price: String,
    pub allergens: Vec<String>,
    pub diets: Vec<String>,
}

/// A valid dish (its category's existence is the service's to check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemForm {
    pub category_id: i64,
    pub name: Localized,
    pub description: Localized,
    pub price_cents: i64,
    pub allergens: Vec<Allergen>,
    pub diets: Vec<Diet>,
}

/// A price as typed, in cents: digits with at most two decimals after a
/// point or a comma; spaces between thousands allowed.
pub fn parse_price(raw: &str, field: &'static str) -> Result<i64, FieldError> {
    let cleaned: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    let (units, decimals) = match cleaned.split_once(['.', ',']) {
        Some((u, d)) => (u, d),
        None => (cleaned.as_str(), ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if units.is_empty() || !digits(units) || !digits(decimals) || decimals.len() > 2 {
        return Err(FieldError::invalid(field));
    }
    if units.len() > 7 {
        return Err(FieldError::new(field, "too_large"));
    }
    let units: i64 = units.parse().map_err(|_| FieldError::invalid(field))?;
    let cents: i64 = match decimals.len() {
        0 => 0,
        1 => decimals.parse::<i64>().unwrap_or(0) * 10,
        _ => decimals.parse::<i64>().unwrap_or(0),
    };
    let total = units * 100 + cents;
    if total > MAX_PRICE_CENTS {
        return Err(FieldError::new(field, "too_large"));
    }
    Ok(total)
}

/// A price in cents as an admin types it back: `18.50`.
pub fn price_input(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents.rem_euclid(100))
}

fn tags<T: Tag>(raw: &[String], field: &'static str) -> Result<Vec<T>, FieldError> {
    let mut found = Vec::new();
    for r in raw {
        let tag = T::parse(r).ok_or_else(|| FieldError::invalid(field))?;
        if !found.contains(&tag) {
            found.push(tag);
        }
    }
    Ok(T::from_bits(T::to_bits(&found)))
}

impl ItemForm {
    /// Every field at fault, in the form's order.
    pub fn parse(input: &ItemInput) -> Result<Self, Vec<FieldError>> {
        let mut e = Errors(Vec::new());
        if input.category_id <= 0 {
            e.0.push(FieldError::invalid("category_id"));
        }
        let name_fr = e.keep(text(
            &input.name_fr,
            "name_fr",
            MAX_MENU_NAME_CHARS,
            true,
            false,
        ));
        let name_en = e.keep(text(
            &input.name_en,
            "name_en",
            MAX_MENU_NAME_CHARS,
            true,
            false,
        ));
        let description_fr = e.keep(text(
            &input.description_fr,
            "description_fr",
            MAX_DESCRIPTION_CHARS,
            false,
            true,
        ));
        let description_en = e.keep(text(
            &input.description_en,
            "description_en",
            MAX_DESCRIPTION_CHARS,
            false,
            true,
        ));
        let price_cents = e.keep(parse_price(&input.price, "price"));
        let allergens = e.keep(tags(&input.allergens, "allergens"));
        let diets = e.keep(tags(&input.diets, "diets"));
        e.done(ItemForm {
            category_id: input.category_id,
            name: Localized {
                fr: name_fr,
                en: name_en,
            },
            description: Localized {
                fr: description_fr,
                en: description_en,
            },
            price_cents,
            allergens,
            diets,
        })
    }
}

/// Which way a category or a dish moves in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

/// What a diner filters the menu by (the public menu's query string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MenuFilter {
    /// Only this category.
    pub category: Option<i64>,
    /// Dishes carrying every one of these tags.
    pub diets: Vec<Diet>,
    /// Dishes containing none of these.
    pub without: Vec<Allergen>,
    /// Words found in the name or description (either language; case and
    /// accents ignored).
    pub q: String,
}

/// The longest search text kept.
pub const MAX_SEARCH_CHARS: usize = 80;

impl MenuFilter {
    /// From the query string's values; unknown tags and a bad category
    /// are ignored (a shared link never fails).
    pub fn from_query(
        category: Option<&str>,
        diets: &[String],
        without: &[String],
        q: Option<&str>,
    ) -> Self {
        let tags_of = |raw: &[String]| -> Vec<String> {
            raw.iter()
                .flat_map(|r| r.split(','))
                .map(str::to_owned)
                .collect()
        };
        MenuFilter {
            category: category.and_then(|c| c.trim().parse().ok()),
            diets: tags_of(diets)
                .iter()
                .filter_map(|d| Diet::parse(d))
                .collect(),
            without: tags_of(without)
                .iter()
                .filter_map(|a| Allergen::parse(a))
                .collect(),
            q: q.unwrap_or("")
                .trim()
                .chars()
                .take(MAX_SEARCH_CHARS)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.category.is_none() && self.diets.is_empty() && self.without.is_empty() && self.q.is_empty()
    }

    pub fn matches(&self, item: &MenuItem) -> bool {
        if !self.diets.iter().all(|d| item.diets.contains(d)) {
            return false;
        }
        if self.without.iter().any(|a| item.allergens.contains(a)) {
            return false;
        }
        let words: Vec<String> = fold(&self.q)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        if words.is_empty() {
            return true;
        }
        let haystack = fold(&format!(
            "{} {} {} {}",
            item.name.fr, item.name.en, item.description.fr, item.description.en
        ));
        words.iter().all(|w| haystack.contains(w.as_str()))
    }

    /// The categories (all, or the chosen one) with their matching dishes;
    /// a category left without a dish is dropped.
    pub fn apply(&self, menu: &[MenuCategory]) -> Vec<MenuCategory> {
        menu.iter()
            .filter(|c| self.category.is_none_or(|id| id == c.id))
            .map(|c| MenuCategory {
                id: c.id,
                name: c.name.clone(),
                items: c
                    .items
                    .iter()
                    .filter(|i| self.matches(i))
                    .cloned()
                    .collect(),
            })
            .filter(|c| !c.items.is_empty())
            .collect()
    }
}

/// Lower case without the accents of French and other Latin scripts, so
/// "creme brulee" finds "Crème brûlée".
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'œ' => 'o',
            'æ' => 'a',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, fr: &str, allergens: &[Allergen], diets: &[Diet]) -> MenuItem {
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
    fn prices_are_read_as_people_write_them() {
        assert_eq!(parse_price("18", "p"), Ok(1800));
        assert_eq!(parse_price("18.5", "p"), Ok(1850));
        assert_eq!(parse_price(" 18,05 ", "p"), Ok(1805));
        assert_eq!(parse_price("1 234,50", "p"), Ok(123_450));
        assert_eq!(parse_price("0", "p"), Ok(0));
        assert_eq!(parse_price("99999.99", "p"), Ok(MAX_PRICE_CENTS));
        for bad in ["-3", "18.505", "abc", "1e3", ".5", "18.", "18..5", "1,2,3"] {
            let want = if bad == "18." { Ok(1800) } else { Err(FieldError::invalid("p")) };
            assert_eq!(parse_price(bad, "p"), want, "{bad}");
        }
        assert_eq!(parse_price("", "p"), Err(FieldError::new("p", "required")));
        assert_eq!(parse_price("100000", "p"), Err(FieldError::new("p", "too_large")));
        assert_eq!(parse_price("99999999999999999999", "p"), Err(FieldError::new("p", "too_large")));
        assert_eq!(price_input(1805), "18.05");
        assert_eq!(parse_price(&price_input(123_456), "p"), Ok(123_456));
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
    fn an_item_form_names_every_field_at_fault() {
        let input = ItemInput {
            category_id: 0,
            name_fr: " ".into(),
            name_en: "x".repeat(MAX_MENU_NAME_CHARS + 1),
            description_fr: "ok\nsur deux lignes".into(),
            description_en: "bad\u{200B}".into(),
            price: "12,345".into(),
            allergens: vec!["gluten".into(), "plutonium".into()],
            diets: vec!["vegan".into()],
        };
        let fields: Vec<_> = ItemForm::parse(&input)
            .unwrap_err()
            .into_iter()
            .map(|e| format!("{}:{}", e.field, e.reason))
            .collect();
        assert_eq!(
            fields,
            [
                "category_id:invalid",
                "name_fr:required",
                "name_en:too_long",
                "description_en:invalid",
                "price:invalid",
                "allergens:invalid",
            ]
        );
        let good = ItemForm::parse(&ItemInput {
            category_id: 3,
            name_fr: "Tarte".into(),
            name_en: "Tart".into(),
            price: "9,5".into(),
            allergens: vec!["milk".into(), "gluten".into(), "milk".into()],
            ..ItemInput::default()
        })
        .unwrap();
        assert_eq!(good.price_cents, 950);
        assert_eq!(good.allergens, vec![Allergen::Gluten, Allergen::Milk]);
    }

    #[test]
    fn filters_keep_what_a_diner_asked_for() {
        let menu = vec![
            MenuCategory {
                id: 1,
                name: Localized {
                    fr: "Entrées".into(),
                    en: "Starters".into(),
                },
                items: vec![
                    item(1, "Crème brûlée", &[Allergen::Milk, Allergen::Eggs], &[Diet::Vegetarian]),
                    item(2, "Salade verte", &[], &[Diet::Vegan, Diet::Vegetarian, Diet::GlutenFree]),
                ],
            },
            MenuCategory {
                id: 2,
                name: Localized {
                    fr: "Plats".into(),
                    en: "Mains".into(),
                },
                items: vec![item(3, "Sole meunière", &[Allergen::Fish, Allergen::Milk], &[])],
            },
        ];
        let ids = |f: &MenuFilter| -> Vec<i64> {
            f.apply(&menu)
                .iter()
                .flat_map(|c| c.items.iter().map(|i| i.id))
                .collect()
        };
        assert_eq!(ids(&MenuFilter::default()), [1, 2, 3]);
        let q = |s: &str| MenuFilter::from_query(None, &[], &[], Some(s));
        assert_eq!(ids(&q("creme BRULEE")), [1]);
        assert_eq!(ids(&q("sole  salade")), Vec::<i64>::new());
        let f = MenuFilter::from_query(None, &["vegetarian".into()], &["milk,bogus".into()], None);
        assert_eq!(f.without, vec![Allergen::Milk]);
        assert_eq!(ids(&f), [2]);
        let f = MenuFilter::from_query(Some("2"), &[], &[], None);
        assert_eq!(ids(&f), [3]);
        assert_eq!(f.apply(&menu).len(), 1);
        let f = MenuFilter::from_query(Some("x"), &["nope".into()], &[], Some(&"a".repeat(200)));
        assert_eq!(f.category, None);
        assert!(f.diets.is_empty());
        assert_eq!(f.q.chars().count(), MAX_SEARCH_CHARS);
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
        let photo = MenuPhoto {
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
