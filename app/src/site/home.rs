//! The home page: the restaurant's photo, name and tagline, "Book a table"
//! with the next free times for two, this week's hours (today marked), a
//! taste of the menu, the gallery and the restaurant as JSON-LD.
//!
//! The page is shared and kept by the server (one per setup and
//! language); what changes by the minute (free times, which day is today)
//! is asked by the browser once the page runs, and the page reads well
//! without it.

use super::api;
use super::pages::with_restaurant;
use crate::i18n::*;
use crate::ui::dates::short_date;
use crate::ui::gallery::Gallery;
use crate::ui::restaurant::HoursList;
use crate::ui::I18n;
use domain::{format_price, GalleryPhoto, MenuCategory, MenuItem, NextFree, RestaurantInfo};
use leptos::prelude::*;

/// The hero photo's width in the layout: the page's width on phones, half
/// of it (at most 36 rem) beside the text from 48 rem on.
const HERO_SIZES: &str = "(min-width: 72rem) 576px, (min-width: 48rem) 50vw, 100vw";
/// How many dishes the home page shows.
const MENU_PREVIEW: usize = 3;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let (next, set_next) = signal(None::<NextFree>);
    // In the browser only (effects do not run on the server): the kept
    // page says nothing that goes stale.
    Effect::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(free) = api::next_free().await {
                set_next.set(Some(free));
            }
        });
    });
    let today = Signal::derive(move || next.with(|n| n.as_ref().map(|n| n.weekday)));
    let menu = Resource::new(|| (), |_| api::get_menu());
    view! {
        <crate::ui::seo::PageMeta path="/"
            title=Signal::derive(move || t_string!(i18n, home.title).to_string())
            description=Signal::derive(move || t_string!(i18n, home.description).to_string()) />
        {with_restaurant(move |info: RestaurantInfo| {
            let tagline = info.tagline.clone();
            let hero = info.gallery.first().cloned().map(|first| hero_photo(i18n, &info.name, first));
            let with_photo = hero.is_some();
            view! {
                <crate::ui::seo::RestaurantJsonLd info=info.clone() />
                <section class="hero" class:hero-with-photo=with_photo aria-labelledby="restaurant-name">
                    <div class="hero-text">
                        <p class="eyebrow">{t!(i18n, home.welcome)}</p>
                        <h1 id="restaurant-name">{info.name.clone()}</h1>
                        <p class="lead">{move || tagline.get(i18n.get_locale().as_str()).to_string()}</p>
                        <p class="address">{info.address.one_line()}</p>
                        <div class="actions">
                            <a class="button button-primary" href="/book">{t!(i18n, home.book_cta)}</a>
                            <a class="button button-secondary" href="/menu">{t!(i18n, home.menu_cta)}</a>
                        </div>
                        <NextTimes next />
                    </div>
                    {hero}
                </section>
                <div class="grid-2 home-sections">
                    <section class="card" aria-labelledby="hours-title">
                        <h2 id="hours-title">{t!(i18n, home.hours_title)}</h2>
                        <HoursList hours=info.hours.clone() today />
                    </section>
                    <MenuPreview menu />
                </div>
                {(!info.gallery.is_empty()).then(|| view! {
                    <Gallery
                        name=info.name.clone()
                        photos=info.gallery.clone()
                        title=Signal::derive(move || t_string!(i18n, home.gallery_title).to_string())
                        heading_id="gallery-title"
                    />
                })}
            }
        })}
    }
}

/// The restaurant's first photo, drawn at once (it is the page's largest
/// paint) and announced in the head so the browser fetches it first.
fn hero_photo(i18n: I18n, name: &str, first: GalleryPhoto) -> impl IntoView {
    let GalleryPhoto { photo, alt } = first;
    let name = name.to_owned();
    let alt = move || {
        let said = alt.get(i18n.get_locale().as_str());
        if said.is_empty() {
            t_string!(i18n, home.gallery_alt, n = 1, name = name.clone()).to_string()
        } else {
            said.to_owned()
        }
    };
    let width = photo
        .widths
        .iter()
        .copied()
        .filter(|w| *w <= 1200)
        .max()
        .unwrap_or(photo.width);
    view! {
        <leptos_meta::Link rel="preload" as_="image" type_="image/webp"
            imagesrcset=photo.srcset("webp") imagesizes=HERO_SIZES fetchpriority="high" />
        <picture class="hero-photo">
            <source type="image/webp" srcset=photo.srcset("webp") sizes=HERO_SIZES />
            <img src=photo.fallback(width) srcset=photo.srcset("jpg") sizes=HERO_SIZES
                width=width.to_string() height=photo.height_at(width).to_string()
                fetchpriority="high" alt=alt />
        </picture>
    }
}

/// The next free times for two, by day, each a link to the booking's
/// second step. Until the browser has asked (and without JavaScript), a
/// link to every time; the box keeps its height either way (no shift).
#[component]
fn NextTimes(next: ReadSignal<Option<NextFree>>) -> impl IntoView {
    let i18n = use_i18n();
    let content = move || match next.get() {
        None => view! {
            <p class="next-free-wait"><a href="/book">{t!(i18n, home.next_choose)}</a></p>
        }
        .into_any(),
        Some(free) if free.slots.is_empty() => {
            view! { <p class="next-free-none">{t!(i18n, home.next_none)}</p> }.into_any()
        }
        Some(free) => {
            let party = free.party_size;
            let days = by_day(free.slots)
                .into_iter()
                .map(|(date, times)| {
                    let is_today = date == free.today;
                    let day = {
                        let date = date.clone();
                        move || {
                            if is_today {
                                t_string!(i18n, home.today).to_string()
                            } else {
                                short_date(i18n, &date)
                            }
                        }
                    };
                    let links = times
                        .into_iter()
                        .map(|time| {
                            let href =
                                format!("/book/details?party={party}&date={date}&time={time}");
                            view! {
                                <li>
                                    <a class="slot-link" href=href>
                                        <span class="visually-hidden">{day.clone()}", "</span>
                                        {time}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="next-free-day">
                            <dt>{day.clone()}</dt>
                            <dd><ul class="next-free-list">{links}</ul></dd>
                        </div>
                    }
                })
                .collect_view();
            view! { <dl class="next-free-days">{days}</dl> }.into_any()
        }
    };
    view! {
        <section class="next-free" aria-labelledby="next-free-title">
            <h2 class="next-free-title" id="next-free-title">{t!(i18n, home.next_title)}</h2>
            {content}
        </section>
    }
}

/// Free times grouped by date, in order.
fn by_day(slots: Vec<domain::FreeSlot>) -> Vec<(String, Vec<String>)> {
    let mut days: Vec<(String, Vec<String>)> = Vec::new();
    for slot in slots {
        match days.last_mut() {
            Some((date, times)) if *date == slot.date => times.push(slot.time),
            _ => days.push((slot.date, vec![slot.time])),
        }
    }
    days
}

/// A few dishes (the first served today of each category: name, price,
/// description) and a link to the whole menu, which tells their diets and
/// allergens; nothing when the menu is empty. Kept plain: the home page's
/// code is what every first visit downloads.
#[component]
fn MenuPreview(menu: Resource<Result<Vec<MenuCategory>, crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.get_locale().as_str();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let dishes = menu.await.map(|menu| preview(&menu)).unwrap_or_default();
                (!dishes.is_empty()).then(|| view! {
                    <section class="card menu-preview" aria-labelledby="menu-preview-title">
                        <h2 id="menu-preview-title">{t!(i18n, home.menu_title)}</h2>
                        <ul class="menu-items">
                            {dishes.into_iter().map(|MenuItem { name, description, price_cents, .. }| {
                                view! {
                                    <li class="menu-item">
                                        <div class="menu-item-head">
                                            <h3 class="menu-item-name">{move || name.get(lang()).to_string()}</h3>
                                            <span class="menu-item-price">{move || format_price(price_cents, lang())}</span>
                                        </div>
                                        <p class="menu-item-description">{move || description.get(lang()).to_string()}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <p><a href="/menu">{t!(i18n, home.menu_more)}</a></p>
                    </section>
                })
            })}
        </Transition>
    }
}

/// The first dish served today of each category, [`MENU_PREVIEW`] at most.
fn preview(menu: &[MenuCategory]) -> Vec<MenuItem> {
    menu.iter()
        .filter_map(|c| c.items.iter().find(|i| i.available).cloned())
        .take(MENU_PREVIEW)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::FreeSlot;

    #[test]
    fn free_times_are_grouped_by_day_in_order() {
        let slot = |date: &str, time: &str| FreeSlot {
            date: date.into(),
            time: time.into(),
        };
        let days = by_day(vec![
            slot("2026-12-08", "21:30"),
            slot("2026-12-09", "12:00"),
            slot("2026-12-09", "12:15"),
            slot("2026-12-10", "19:00"),
        ]);
        assert_eq!(
            days,
            vec![
                ("2026-12-08".to_owned(), vec!["21:30".to_owned()]),
                (
                    "2026-12-09".to_owned(),
                    vec!["12:00".to_owned(), "12:15".to_owned()]
                ),
                ("2026-12-10".to_owned(), vec!["19:00".to_owned()]),
            ]
        );
        assert!(by_day(vec![]).is_empty());
    }
}
