//! The restaurant's photos as a grid, each opening in a lightbox: a modal
//! `<dialog>` (the page behind it is inert, so focus stays inside; Escape
//! closes it) with the previous and next photos (buttons and the arrow
//! keys) and a close button; focus goes back to the photo that opened it.
//! Before the client has loaded, a photo is a plain link to its large
//! image.

use super::photo::Picture;
use crate::i18n::*;
use domain::GalleryPhoto;
use leptos::prelude::*;

/// How wide a gallery photo is drawn: a column on phones, up to three
/// side by side on wide screens.
const GRID_SIZES: &str = "(min-width: 64rem) 33vw, (min-width: 40rem) 50vw, 100vw";
/// The lightbox's photo: the screen's width, at most 1600 px.
const LIGHTBOX_SIZES: &str = "(min-width: 100rem) 1600px, 100vw";

/// The photos of `name`, each with its text alternative in the page's
/// language (or "Photo n of {name}" when the admins wrote none).
#[component]
pub fn Gallery(
    name: String,
    photos: Vec<GalleryPhoto>,
    /// The section's heading, as its id names it.
    title: Signal<String>,
    heading_id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = photos.len();
    let alts: Vec<Signal<String>> = photos
        .iter()
        .enumerate()
        .map(|(i, GalleryPhoto { alt, .. })| {
            let (alt, name) = (alt.clone(), name.clone());
            Signal::derive(move || {
                let said = alt.get(i18n.get_locale().as_str());
                if said.is_empty() {
                    t_string!(i18n, home.gallery_alt, n = i + 1, name = name.clone()).to_string()
                } else {
                    said.to_owned()
                }
            })
        })
        .collect();
    let photos = StoredValue::new(photos);
    let alts = StoredValue::new(alts);
    // The photo shown, and the one whose link opened the lightbox.
    let (shown, set_shown) = signal(0usize);
    let (opener, set_opener) = signal(0usize);
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = move |i: usize| {
        set_shown.set(i);
        set_opener.set(i);
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    let step = move |by: isize| {
        set_shown.update(|i| *i = (*i as isize + by).rem_euclid(count as isize) as usize);
    };
    let close = move || {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let on_close = move |_| {
        // Back to where the visitor was.
        crate::ui::focus::focus_later(format!("gallery-open-{}", opener.get_untracked()));
    };
    let items = (0..count)
        .map(|i| {
            let photo = photos.with_value(|p| p[i].photo.clone());
            let alt = alts.with_value(|a| a[i]);
            let large = photo.fallback(1600);
            view! {
                <li>
                    <a
                        id=format!("gallery-open-{i}")
                        class="gallery-open"
                        href=large
                        on:click=move |ev| {
                            ev.prevent_default();
                            open(i);
                        }
                    >
                        <Picture photo alt sizes=GRID_SIZES width=800 />
                    </a>
                </li>
            }
        })
        .collect_view();
    let big = move || {
        let i = shown.get();
        let photo = photos.with_value(|p| p[i].photo.clone());
        let alt = alts.with_value(|a| a[i]);
        view! { <Picture photo alt sizes=LIGHTBOX_SIZES width=1600 class="lightbox-picture" /> }
    };
    let caption = move || alts.with_value(|a| a[shown.get()].get());
    let position =
        move || t_string!(i18n, gallery.position, n = shown.get() + 1, count = count).to_string();
    view! {
        <section class="gallery" aria-labelledby=heading_id>
            <h2 id=heading_id>{title}</h2>
            <ul class="gallery-grid">{items}</ul>
            <dialog
                node_ref=dialog
                class="lightbox"
                aria-labelledby="lightbox-caption"
                on:close=on_close
                on:keydown=move |ev| match ev.key().as_str() {
                    "ArrowLeft" => step(-1),
                    "ArrowRight" => step(1),
                    _ => {}
                }
            >
                <figure>
                    {big}
                    <figcaption id="lightbox-caption">
                        {caption}
                        <span class="lightbox-position">{position}</span>
                    </figcaption>
                </figure>
                <div class="lightbox-controls">
                    {(count > 1).then(|| view! {
                        <button type="button" class="button button-secondary" on:click=move |_| step(-1)>
                            <span aria-hidden="true">"‹ "</span>{t!(i18n, gallery.previous)}
                        </button>
                        <button type="button" class="button button-secondary" on:click=move |_| step(1)>
                            {t!(i18n, gallery.next)}<span aria-hidden="true">" ›"</span>
                        </button>
                    })}
                    <button type="button" class="button button-primary" autofocus on:click=move |_| close()>
                        {t!(i18n, gallery.close)}
                    </button>
                </div>
            </dialog>
        </section>
    }
}
