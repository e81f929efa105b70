//! What a diner filters the menu by (the public menu's query string): the
//! same pure code on the server and in the browser.

use super::{Allergen, Diet, MenuCategory, MenuItem, Tag};
use serde::{Deserialize, Serialize};

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
        self.category.is_none()
            && self.diets.is_empty()
            && self.without.is_empty()
            && self.q.is_empty()
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
    use crate::menu::tests::item;
    use crate::restaurant::Localized;

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
                    item(
                        1,
                        "Crème brûlée",
                        &[Allergen::Milk, Allergen::Eggs],
                        &[Diet::Vegetarian],
                    ),
                    item(
                        2,
                        "Salade verte",
                        &[],
                        &[Diet::Vegan, Diet::Vegetarian, Diet::GlutenFree],
                    ),
                ],
            },
            MenuCategory {
                id: 2,
                name: Localized {
                    fr: "Plats".into(),
                    en: "Mains".into(),
                },
                items: vec![item(
                    3,
                    "Sole meunière",
                    &[Allergen::Fish, Allergen::Milk],
                    &[],
                )],
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
}
