//! The offline page and the page of an unknown address, and what every
//! page about the restaurant starts from (the home, menu, about and
//! contact pages have their own files).

use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::restaurant::use_restaurant;
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
