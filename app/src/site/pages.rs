//! Home, the offline page and the page of an unknown address (the menu,
//! the about and contact pages have their own files).

use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::gallery::Gallery;
use crate::ui::restaurant::{use_restaurant, HoursList};
use crate::ui::Loading;
use domain::RestaurantInfo;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;

/// Renders `view` with the restaurant's information once it is loaded, or
/// the translated error.
pub(super) fn with_restaurant<V: IntoView + 'static>(
    view: impl Fn(RestaurantInfo) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let restaurant = use_restaurant();
    view! {
        <Transition fallback=Loading>
            {
                let view = view.clone();
                move || {
                    let view = view.clone();
                    Suspend::new(async move {
                        match restaurant.await {
                            Ok(info) => Either::Left(view(info)),
                            Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                        }
                    })
                }
            }
        </Transition>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <crate::ui::seo::PageMeta path="/"
            title=Signal::derive(move || t_string!(i18n, home.title).to_string())
            description=Signal::derive(move || t_string!(i18n, home.description).to_string()) />
        {with_restaurant(move |info: RestaurantInfo| {
            let tagline = info.tagline.clone();
            view! {
                <crate::ui::seo::RestaurantJsonLd info=info.clone() />
                <section class="hero" aria-labelledby="restaurant-name">
                    <p class="eyebrow">{t!(i18n, home.welcome)}</p>
                    <h1 id="restaurant-name">{info.name.clone()}</h1>
                    <p class="lead">{move || tagline.get(i18n.get_locale().as_str()).to_string()}</p>
                    <p class="address">{info.address.one_line()}</p>
                    <div class="actions">
                        <a class="button button-primary" href="/book">{t!(i18n, home.book_cta)}</a>
                        <a class="button button-secondary" href="/menu">{t!(i18n, home.menu_cta)}</a>
                    </div>
                </section>
                <section class="card" aria-labelledby="hours-title">
                    <h2 id="hours-title">{t!(i18n, home.hours_title)}</h2>
                    <HoursList hours=info.hours.clone() />
                </section>
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

#[component]
pub fn NotFound() -> impl IntoView {
    crate::response::set_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, not_found.title).to_string() />
        <section class="card not-found">
            <h1>{t!(i18n, not_found.title)}</h1>
            <p>{t!(i18n, not_found.text)}</p>
            <p><a class="button button-primary" href="/">{t!(i18n, not_found.back_home)}</a></p>
        </section>
    }
}

/// What the service worker shows for a page it cannot fetch and has not
/// kept: the site's frame, no data of anyone's.
#[component]
pub fn OfflinePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, offline.title).to_string() />
        <leptos_meta::Meta name="robots" content="noindex" />
        <section class="card not-found">
            <h1>{t!(i18n, offline.title)}</h1>
            <p>{t!(i18n, offline.text)}</p>
            <p class="actions">
                // The address that failed: the page is served in its place.
                <a class="button button-primary" href="">{t!(i18n, offline.retry)}</a>
                " "
                <a class="button button-secondary" href="/">{t!(i18n, offline.home)}</a>
            </p>
        </section>
    }
}
