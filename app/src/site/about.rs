//! `/about`: the restaurant's story, team and values as its admins wrote
//! them (sections opened by `## ` lines), and its photos in a lightbox.

use super::api;
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::gallery::Gallery;
use crate::ui::restaurant::use_restaurant;
use crate::ui::Loading;
use domain::{about_blocks, AboutBlock, Localized};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

#[component]
pub fn AboutPage() -> impl IntoView {
    let i18n = use_i18n();
    let about = Resource::new(|| (), |_| api::get_about());
    let restaurant = use_restaurant();
    view! {
        <crate::ui::seo::PageMeta path="/about"
            title=Signal::derive(move || t_string!(i18n, about.title).to_string())
            description=Signal::derive(move || t_string!(i18n, about.description).to_string()) />
        <h1>{t!(i18n, about.title)}</h1>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match about.await {
                    Ok(text) => Either::Left(view! { <Story text /> }),
                    Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                restaurant.await.ok().filter(|info| !info.gallery.is_empty()).map(|info| view! {
                    <Gallery
                        name=info.name.clone()
                        photos=info.gallery.clone()
                        title=Signal::derive(move || t_string!(i18n, about.photos).to_string())
                        heading_id="about-photos"
                    />
                })
            })}
        </Transition>
    }
}

/// The text in the page's language, cut into sections; the other
/// language's when this one was left empty.
#[component]
fn Story(text: Localized) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.get_locale().as_str();
        let written = match text.get(lang) {
            "" => text.get(if lang == "en" { "fr" } else { "en" }),
            said => said,
        };
        let blocks = about_blocks(written);
        if blocks.is_empty() {
            return Either::Left(view! { <p class="lead">{t!(i18n, about.empty)}</p> });
        }
        let items = blocks
            .into_iter()
            .map(|block| match block {
                AboutBlock::Heading(title) => EitherOf3::A(view! { <h2>{title}</h2> }),
                AboutBlock::Paragraph(lines) if lines.len() == 1 => {
                    EitherOf3::B(view! { <p>{lines.into_iter().next()}</p> })
                }
                AboutBlock::Paragraph(lines) => {
                    let last = lines.len() - 1;
                    let parts = lines
                        .into_iter()
                        .enumerate()
                        .map(|(i, line)| view! { {line}{(i < last).then(|| view! { <br /> })} })
                        .collect_view();
                    EitherOf3::C(view! { <p>{parts}</p> })
                }
            })
            .collect_view();
        Either::Right(view! { <div class="about-story">{items}</div> })
    }
}
