//! The kit: what every feature's pages are made of. Form fields and error
//! summaries, focus handling, translated labels and dates, the
//! restaurant's and the signed-in user's information shared by the frame
//! and the pages, and slot summaries. It knows no feature; features use it.

pub mod dates;
pub mod focus;
pub mod form;
pub mod gallery;
pub mod labels;
pub mod live;
pub mod photo;
pub mod plan;
pub mod reservation;
pub mod restaurant;
pub mod seo;
pub mod user;

use crate::i18n::*;
use leptos::prelude::*;

/// The translations of the page, as the `t!` macros take them.
pub type I18n = leptos_i18n::I18nContext<Locale>;

/// "Loading…", the fallback of a `<Transition>` while its data comes.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading">{t!(i18n, loading)}</p> }
}

/// The page's summary for search engines and link previews
/// (`<meta name="description">`), in the page's language.
#[component]
pub fn Description(text: Signal<String>) -> impl IntoView {
    view! { <leptos_meta::Meta name="description" content=text /> }
}
