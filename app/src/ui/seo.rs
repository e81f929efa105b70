//! What search engines and link previews read of a public page: its title
//! and summary, its canonical address in the page's language, the same page
//! in every language (`hreflang`), Open Graph and Twitter cards with the
//! restaurant's photo, and the restaurant as schema.org JSON-LD.
//!
//! A page's address in one language is `path?lang=xx` (the server renders
//! it in that language whatever the visitor's cookie says); the bare path
//! is the `x-default`, which follows the visitor's choice.

use super::restaurant::use_restaurant;
use crate::i18n::*;
use domain::RestaurantInfo;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// The languages a page exists in, as `?lang=` and `hreflang` name them.
pub const LANGUAGES: [&str; 2] = ["fr", "en"];

/// `path` in `lang`, absolute.
pub fn page_url(site: &str, path: &str, lang: &str) -> String {
    format!("{site}{path}?lang={lang}")
}

/// The canonical address of `path` asked with `?lang=` `asked`: that
/// language's address when it is one of [`LANGUAGES`], else the bare path.
pub fn canonical_url(site: &str, path: &str, asked: Option<&str>) -> String {
    match asked.filter(|l| LANGUAGES.contains(l)) {
        Some(lang) => page_url(site, path, lang),
        None => format!("{site}{path}"),
    }
}

/// The Open Graph locale of a page language.
fn og_locale(lang: &str) -> &'static str {
    match lang {
        "en" => "en_GB",
        _ => "fr_FR",
    }
}

/// The image link previews show: the restaurant's first photo (1600 px
/// when it has that variant), else the app icon. `(url, width, height)`.
fn preview_image(info: &RestaurantInfo) -> (String, u32, u32) {
    match info.gallery.first() {
        Some(first) => {
            let photo = &first.photo;
            let width = photo
                .widths
                .iter()
                .copied()
                .filter(|w| *w <= 1600)
                .max()
                .unwrap_or(photo.width);
            (
                format!("{}{}", info.site_url, photo.src(width, "jpg")),
                width,
                photo.height_at(width),
            )
        }
        None => (format!("{}/icons/icon-512.png", info.site_url), 512, 512),
    }
}

/// The head of a public page: title, description, canonical and alternate
/// addresses, link previews.
#[component]
pub fn PageMeta(
    /// The page's path, without query (`/menu`).
    path: &'static str,
    title: Signal<String>,
    description: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let restaurant = use_restaurant();
    // The address asked for is its own canonical: `path?lang=xx` names the
    // page in one language, the bare path (the `x-default`) the page in
    // the visitor's language. Pointing the bare path at one language would
    // point one hreflang address at another (search engines and Lighthouse
    // refuse that).
    let asked = leptos_router::hooks::use_query_map();
    let links = move |info: RestaurantInfo| {
        let lang = i18n.get_locale().as_str();
        let site = info.site_url.clone();
        let (image, width, height) = preview_image(&info);
        let canonical = canonical_url(&site, path, asked.read_untracked().get_str("lang"));
        let card = if info.gallery.is_empty() {
            "summary"
        } else {
            "summary_large_image"
        };
        let alternates = LANGUAGES
            .iter()
            .map(|l| view! { <Link rel="alternate" hreflang=*l href=page_url(&site, path, l) /> })
            .collect_view();
        let other_locales = LANGUAGES
            .iter()
            .filter(|l| **l != lang)
            .map(|l| view! { <Meta property="og:locale:alternate" content=og_locale(l) /> })
            .collect_view();
        view! {
            <Link rel="canonical" href=canonical.clone() />
            {alternates}
            <Link rel="alternate" hreflang="x-default" href=format!("{site}{path}") />
            <Meta property="og:type" content="website" />
            <Meta property="og:site_name" content=info.name.clone() />
            <Meta property="og:title" content=title />
            <Meta property="og:description" content=description />
            <Meta property="og:url" content=canonical />
            <Meta property="og:locale" content=og_locale(lang) />
            {other_locales}
            <Meta property="og:image" content=image.clone() />
            <Meta property="og:image:width" content=width.to_string() />
            <Meta property="og:image:height" content=height.to_string() />
            <Meta name="twitter:card" content=card />
            <Meta name="twitter:title" content=title />
            <Meta name="twitter:description" content=description />
            <Meta name="twitter:image" content=image />
        }
    };
    view! {
        <Title text=title />
        <Meta name="description" content=description />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move { restaurant.await.ok().map(links) })}
        </Transition>
    }
}

#[cfg(any(feature = "ssr", test))]
fn day_of_week(day: domain::Weekday) -> &'static str {
    use domain::Weekday;
    match day {
        Weekday::Monday => "https://schema.org/Monday",
        Weekday::Tuesday => "https://schema.org/Tuesday",
        Weekday::Wednesday => "https://schema.org/Wednesday",
        Weekday::Thursday => "https://schema.org/Thursday",
        Weekday::Friday => "https://schema.org/Friday",
        Weekday::Saturday => "https://schema.org/Saturday",
        Weekday::Sunday => "https://schema.org/Sunday",
    }
}

/// The restaurant as schema.org `Restaurant` JSON-LD, in `lang`: address,
/// contact, opening hours, menu, booking page, photos; `price_range` (e.g.
/// `€€`) when known. Safe inside a `<script>` element (no `<`).
#[cfg(any(feature = "ssr", test))]
pub fn restaurant_json_ld(info: &RestaurantInfo, lang: &str, price_range: Option<&str>) -> String {
    let site = &info.site_url;
    let hours: Vec<serde_json::Value> = info
        .hours
        .iter()
        .flat_map(|day| {
            day.periods.iter().map(move |p| {
                serde_json::json!({
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": day_of_week(day.weekday),
                    "opens": p.opens.to_string(),
                    "closes": p.closes.to_string(),
                })
            })
        })
        .collect();
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Restaurant",
        "@id": format!("{site}/#restaurant"),
        "name": info.name,
        "description": info.tagline.get(lang),
        "url": page_url(site, "/", lang),
        "inLanguage": lang,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": info.address.street,
            "postalCode": info.address.postal_code,
            "addressLocality": info.address.city,
            "addressCountry": info.address.country,
        },
        "openingHoursSpecification": hours,
        "hasMenu": page_url(site, "/menu", lang),
        "acceptsReservations": page_url(site, "/book", lang),
        "image": info.gallery.iter().map(|g| format!("{site}{}", g.photo.fallback(1600))).collect::<Vec<_>>(),
    });
    if let Some(map) = value.as_object_mut() {
        if !info.phone.is_empty() {
            map.insert("telephone".into(), info.phone.clone().into());
        }
        if !info.email.is_empty() {
            map.insert("email".into(), info.email.clone().into());
        }
        if let Some(range) = price_range {
            map.insert("priceRange".into(), range.into());
        }
    }
    value.to_string().replace('<', "\\u003c")
}

/// The restaurant's JSON-LD as a `<script type="application/ld+json">`
/// (data, never run: the page's script policy does not apply to it).
/// Written on the server only: it is for crawlers, which read the served
/// page, and hydration keeps what the server wrote, so the client carries
/// none of the code that builds it.
#[component]
pub fn RestaurantJsonLd(
    info: RestaurantInfo,
    #[prop(optional)] price_range: Option<String>,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let json = restaurant_json_ld(
        &info,
        use_i18n().get_locale_untracked().as_str(),
        price_range.as_deref(),
    );
    #[cfg(not(feature = "ssr"))]
    let json = {
        let _ = (info, price_range);
        String::new()
    };
    view! { <script type="application/ld+json" inner_html=json></script> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{Address, DayHours, Localized, ServiceKind, ServicePeriod, Weekday};

    fn info() -> RestaurantInfo {
        RestaurantInfo {
            name: "Chez </script> Margot".into(),
            tagline: Localized {
                fr: "Cuisine de saison".into(),
                en: "Seasonal cooking".into(),
            },
            address: Address {
                street: "12 rue des Lilas".into(),
                postal_code: "75011".into(),
                city: "Paris".into(),
                country: "FR".into(),
            },
            phone: "+33142000000".into(),
            email: String::new(),
            time_zone: "Europe/Paris".into(),
            hours: vec![DayHours {
                weekday: Weekday::Tuesday,
                periods: vec![ServicePeriod {
                    kind: ServiceKind::Dinner,
                    opens: domain::TimeOfDay::parse("19:00").unwrap(),
                    closes: domain::TimeOfDay::parse("22:30").unwrap(),
                }],
            }],
            gallery: vec![],
            site_url: "https://margot.example".into(),
        }
    }

    #[test]
    fn the_json_ld_describes_the_restaurant_in_the_page_language() {
        let text = restaurant_json_ld(&info(), "en", Some("€€"));
        assert!(!text.contains('<'), "{text}");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["@type"], "Restaurant");
        assert_eq!(value["name"], "Chez </script> Margot");
        assert_eq!(value["description"], "Seasonal cooking");
        assert_eq!(value["address"]["postalCode"], "75011");
        assert_eq!(value["telephone"], "+33142000000");
        assert!(value.get("email").is_none());
        assert_eq!(value["priceRange"], "€€");
        assert_eq!(value["hasMenu"], "https://margot.example/menu?lang=en");
        assert_eq!(
            value["acceptsReservations"],
            "https://margot.example/book?lang=en"
        );
        let hours = &value["openingHoursSpecification"][0];
        assert_eq!(hours["dayOfWeek"], "https://schema.org/Tuesday");
        assert_eq!(hours["opens"], "19:00");
        assert_eq!(hours["closes"], "22:30");
    }

    #[test]
    fn a_page_is_its_own_canonical() {
        let site = "https://margot.example";
        assert_eq!(
            canonical_url(site, "/menu", None),
            "https://margot.example/menu"
        );
        assert_eq!(
            canonical_url(site, "/menu", Some("en")),
            "https://margot.example/menu?lang=en"
        );
        assert_eq!(
            canonical_url(site, "/menu", Some("de")),
            "https://margot.example/menu"
        );
    }

    #[test]
    fn without_photos_the_preview_is_the_app_icon() {
        assert_eq!(
            preview_image(&info()),
            ("https://margot.example/icons/icon-512.png".into(), 512, 512)
        );
    }
}
