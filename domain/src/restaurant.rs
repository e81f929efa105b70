//! The restaurant as the public site shows it: identity, opening hours, menu.

use crate::time::{TimeOfDay, Weekday};
use serde::{Deserialize, Serialize};

/// Text the restaurant writes in both site languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Localized {
    pub fr: String,
    pub en: String,
}

impl Localized {
    /// The text for a language tag (`"fr"`, `"en"`); French is the default.
    pub fn get(&self, lang: &str) -> &str {
        if lang.starts_with("en") {
            &self.en
        } else {
            &self.fr
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Address {
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

impl Address {
    pub fn one_line(&self) -> String {
        format!("{}, {} {}", self.street, self.postal_code, self.city)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Breakfast,
    Brunch,
    Lunch,
    Afternoon,
    Dinner,
    LateNight,
}

impl ServiceKind {
    /// The services a restaurant may name its periods after, in the day's
    /// order.
    pub const ALL: [ServiceKind; 6] = [
        ServiceKind::Breakfast,
        ServiceKind::Brunch,
        ServiceKind::Lunch,
        ServiceKind::Afternoon,
        ServiceKind::Dinner,
        ServiceKind::LateNight,
    ];
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Breakfast => "breakfast",
            ServiceKind::Brunch => "brunch",
            ServiceKind::Lunch => "lunch",
            ServiceKind::Afternoon => "afternoon",
            ServiceKind::Dinner => "dinner",
            ServiceKind::LateNight => "late_night",
        }
    }
}

/// One service of a weekday: the restaurant is open from `opens` to `closes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePeriod {
    pub kind: ServiceKind,
    pub opens: TimeOfDay,
    pub closes: TimeOfDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a service period must close after it opens")]
pub struct EmptyPeriod;

impl ServicePeriod {
    pub fn parse(
        kind: ServiceKind,
        opens: TimeOfDay,
        closes: TimeOfDay,
    ) -> Result<Self, EmptyPeriod> {
        if closes <= opens {
            return Err(EmptyPeriod);
        }
        Ok(ServicePeriod {
            kind,
            opens,
            closes,
        })
    }
}

/// Opening hours of one weekday; no periods means closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayHours {
    pub weekday: Weekday,
    pub periods: Vec<ServicePeriod>,
}

/// Groups service periods by weekday, Monday first, every day present
/// (closed days with no periods), periods in opening order.
pub fn weekly_hours(periods: impl IntoIterator<Item = (Weekday, ServicePeriod)>) -> Vec<DayHours> {
    let mut days: Vec<DayHours> = Weekday::ALL
        .iter()
        .map(|&weekday| DayHours {
            weekday,
            periods: Vec::new(),
        })
        .collect();
    for (day, period) in periods {
        days[day.index() as usize].periods.push(period);
    }
    for day in &mut days {
        day.periods.sort_by_key(|p| p.opens);
    }
    days
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestaurantInfo {
    pub name: String,
    pub tagline: Localized,
    pub address: Address,
    pub phone: String,
    pub email: String,
    /// IANA time zone, e.g. `Europe/Paris`.
    pub time_zone: String,
    pub hours: Vec<DayHours>,
    /// Photos of the place, in the order admins set.
    #[serde(default)]
    pub gallery: Vec<crate::photo::GalleryPhoto>,
    /// Where the site is served (`PUBLIC_URL`, an origin without a
    /// trailing `/`), for absolute links: canonical addresses, link
    /// previews. Filled by the web layer; empty elsewhere.
    #[serde(default)]
    pub site_url: String,
}

/// `1850` → `"18,50 €"` (fr) or `"€18.50"` (en).
pub fn format_price(cents: i64, lang: &str) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let (units, rest) = (abs / 100, abs % 100);
    if lang.starts_with("en") {
        format!("{sign}€{units}.{rest:02}")
    } else {
        format!("{sign}{units},{rest:02}\u{a0}€")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> TimeOfDay {
        TimeOfDay::parse(s).unwrap()
    }

    #[test]
    fn every_service_reads_back_from_its_name() {
        for kind in ServiceKind::ALL {
            assert_eq!(ServiceKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!(ServiceKind::parse("supper"), None);
        assert_eq!(ServiceKind::parse("Lunch"), None);
    }

    #[test]
    fn period_must_not_be_empty() {
        assert!(ServicePeriod::parse(ServiceKind::Lunch, t("12:00"), t("12:00")).is_err());
        assert!(ServicePeriod::parse(ServiceKind::Lunch, t("14:00"), t("12:00")).is_err());
        assert!(ServicePeriod::parse(ServiceKind::Lunch, t("12:00"), t("14:30")).is_ok());
    }

    #[test]
    fn weekly_hours_lists_every_day_in_order() {
        let lunch = ServicePeriod::parse(ServiceKind::Lunch, t("12:00"), t("14:00")).unwrap();
        let dinner = ServicePeriod::parse(ServiceKind::Dinner, t("19:00"), t("22:30")).unwrap();
        let days = weekly_hours([
            (Weekday::Friday, dinner),
            (Weekday::Friday, lunch),
            (Weekday::Tuesday, lunch),
        ]);
        assert_eq!(days.len(), 7);
        assert_eq!(days[0].weekday, Weekday::Monday);
        assert!(days[0].periods.is_empty());
        assert_eq!(days[1].periods, vec![lunch]);
        assert_eq!(days[4].periods, vec![lunch, dinner]);
    }

    #[test]
    fn prices_format_per_language() {
        assert_eq!(format_price(1850, "fr"), "18,50\u{a0}€");
        assert_eq!(format_price(1850, "en"), "€18.50");
        assert_eq!(format_price(5, "en"), "€0.05");
        assert_eq!(format_price(-250, "fr"), "-2,50\u{a0}€");
    }

    #[test]
    fn localized_falls_back_to_french() {
        let l = Localized {
            fr: "Bonjour".into(),
            en: "Hello".into(),
        };
        assert_eq!(l.get("en"), "Hello");
        assert_eq!(l.get("fr"), "Bonjour");
        assert_eq!(l.get("de"), "Bonjour");
    }
}

/// An E.164 number for reading: French numbers grouped as
/// `+33 1 42 00 00 00`; anything else is returned unchanged.
pub fn format_phone(e164: &str) -> String {
    let digits = match e164.strip_prefix('+') {
        Some(d) if !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()) => d,
        _ => return e164.to_owned(),
    };
    if let Some(national) = digits.strip_prefix("33").filter(|n| n.len() == 9) {
        let (first, rest) = national.split_at(1);
        let pairs: Vec<&str> = rest
            .as_bytes()
            .chunks(2)
            .filter_map(|c| std::str::from_utf8(c).ok())
            .collect();
        return format!("+33 {first} {}", pairs.join(" "));
    }
    e164.to_owned()
}

#[cfg(test)]
mod phone_tests {
    use super::format_phone;

    #[test]
    fn groups_french_numbers_in_pairs() {
        assert_eq!(format_phone("+33142000000"), "+33 1 42 00 00 00");
        assert_eq!(format_phone("+33612345678"), "+33 6 12 34 56 78");
    }

    #[test]
    fn other_numbers_are_untouched() {
        assert_eq!(format_phone("+442079460000"), "+442079460000");
        assert_eq!(format_phone("01 42 00 00 00"), "01 42 00 00 00");
        assert_eq!(format_phone("+"), "+");
    }
}
