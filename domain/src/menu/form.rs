//! What admins type: categories and dishes (every field at fault named at
//! once), prices as people write them, and moves up and down a list.

use super::{Allergen, Diet, Tag, MAX_DESCRIPTION_CHARS, MAX_MENU_NAME_CHARS, MAX_PRICE_CENTS};
use crate::restaurant::Localized;
use crate::settings::{text, AuditFields, Errors};
use crate::FieldError;
use serde::{Deserialize, Serialize};

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

fn tag_list<T: Tag>(tags: &[T]) -> String {
    tags.iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl AuditFields for CategoryForm {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name_fr", self.name.fr.clone()),
            ("name_en", self.name.en.clone()),
        ]
    }
}

/// A dish's fields but its category (the store names it).
impl AuditFields for ItemForm {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name_fr", self.name.fr.clone()),
            ("name_en", self.name.en.clone()),
            ("description_fr", self.description.fr.clone()),
            ("description_en", self.description.en.clone()),
            ("price", price_input(self.price_cents)),
            ("allergens", tag_list(&self.allergens)),
            ("diets", tag_list(&self.diets)),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_are_read_as_people_write_them() {
        assert_eq!(parse_price("18", "p"), Ok(1800));
        assert_eq!(parse_price("18.5", "p"), Ok(1850));
        assert_eq!(parse_price(" 18,05 ", "p"), Ok(1805));
        assert_eq!(parse_price("1 234,50", "p"), Ok(123_450));
        assert_eq!(parse_price("0", "p"), Ok(0));
        assert_eq!(parse_price("99999.99", "p"), Ok(MAX_PRICE_CENTS));
        for bad in ["-3", "18.505", "abc", "1e3", ".5", "18.", "18..5", "1,2,3"] {
            let want = if bad == "18." {
                Ok(1800)
            } else {
                Err(FieldError::invalid("p"))
            };
            assert_eq!(parse_price(bad, "p"), want, "{bad}");
        }
        assert_eq!(parse_price("", "p"), Err(FieldError::new("p", "required")));
        assert_eq!(
            parse_price("100000", "p"),
            Err(FieldError::new("p", "too_large"))
        );
        assert_eq!(
            parse_price("99999999999999999999", "p"),
            Err(FieldError::new("p", "too_large"))
        );
        assert_eq!(price_input(1805), "18.05");
        assert_eq!(parse_price(&price_input(123_456), "p"), Ok(123_456));
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
}
