//! The photos of the restaurant's page: each with what it shows in both
//! languages (saved on its own), moved earlier or later, removed; and the
//! upload form. The upload is a plain multipart form posted to
//! `/admin/settings/gallery` (with or without a script: the page comes
//! back with `?gallery=added` or `?gallery_error=reason`).

use super::api;
use crate::i18n::*;
use crate::ui::form::{text, Field, FormAlerts, FormErrors};
use crate::ui::photo::{photo_reason, Thumb};
use crate::ui::I18n;
use domain::photo::{MAX_ALT_CHARS, MAX_GALLERY_PHOTOS};
use domain::GalleryPhoto;
use leptos::prelude::*;

/// The gallery's actions: each that succeeds reads the gallery again.
#[derive(Clone, Copy)]
pub(super) struct GalleryActions {
    pub alt: ServerAction<api::AdminGalleryAlt>,
    pub shift: ServerAction<api::AdminGalleryMove>,
    pub remove: ServerAction<api::AdminGalleryDelete>,
    /// The photo whose words were sent last (its form shows the refusal).
    pub described: RwSignal<Option<i64>>,
}

impl GalleryActions {
    pub fn new() -> Self {
        let alt = ServerAction::<api::AdminGalleryAlt>::new();
        let described = RwSignal::new(None);
        Effect::new(move |_| {
            if let Some(sent) = alt.input().get() {
                described.set(Some(sent.id));
            }
        });
        GalleryActions {
            alt,
            shift: ServerAction::new(),
            remove: ServerAction::new(),
            described,
        }
    }
}

/// Why an upload came back refused, in words.
fn upload_refusal(i18n: I18n, reason: &str) -> String {
    match reason {
        "too_many" => t_string!(i18n, settings.gallery_too_many).to_string(),
        "alt_too_long" => t_string!(i18n, settings.gallery_alt_too_long).to_string(),
        "alt_invalid" => t_string!(i18n, settings.gallery_alt_invalid).to_string(),
        other => photo_reason(i18n, other),
    }
}

#[component]
pub(super) fn GalleryCard(
    photos: Vec<GalleryPhoto>,
    editable: bool,
    actions: GalleryActions,
    /// How the last upload went: `Ok(())` added, `Err(reason)` refused.
    upload: Option<Result<(), String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // A description refused: summed up above the photos (before hydration
    // too, when the page cannot tell which photo's form was sent), and
    // inline in that photo's form.
    let refused = Memo::new(move |_| actions.alt.value().get().and_then(Result::err));
    let refusals = FormErrors::new(refused, "gallery-errors");
    let count = photos.len();
    let last = count.saturating_sub(1);
    // Keyed by all an item shows: a photo whose words or place changed is
    // drawn afresh. Redrawn in place, a field the admin had typed in kept
    // the old words (a dirty input ignores its new `value`), and saving it
    // again would have given one photo another's description.
    let entries: Vec<(usize, bool, GalleryPhoto)> = photos
        .into_iter()
        .enumerate()
        .map(|(i, photo)| (i + 1, i == last, photo))
        .collect();
    let said = upload.map(|result| match result {
        Ok(()) => view! { <p class="alert alert-success">{t!(i18n, settings.gallery_added)}</p> }
            .into_any(),
        Err(reason) => {
            let text = upload_refusal(i18n, &reason);
            view! { <p class="alert alert-error" id="gallery-upload-error">{text}</p> }.into_any()
        }
    });
    view! {
        <section id="gallery" class="card" aria-labelledby="gallery-heading">
            <h2 id="gallery-heading">{t!(i18n, settings.gallery_title)}</h2>
            <p class="hint">{t!(i18n, settings.gallery_hint)}</p>
            <div role="status" aria-live="polite">{said}</div>
            <FormAlerts id="gallery-errors" errors=refusals />
            {(count == 0).then(|| view! { <p>{t!(i18n, settings.gallery_empty)}</p> })}
            <ol class="gallery-admin">
                <For
                    each=move || entries.clone()
                    key=|(n, last, p)| (p.photo.id, *n, *last, p.alt.fr.clone(), p.alt.en.clone())
                    children=move |(n, last, photo)| view! { <GalleryItem photo n last editable actions refusals /> }
                />
            </ol>
            {(editable && count < MAX_GALLERY_PHOTOS).then(|| view! {
                <form class="form gallery-upload" method="post" action="/admin/settings/gallery"
                    enctype="multipart/form-data">
                    <div class="field">
                        <label for="gallery-photo">{t!(i18n, settings.gallery_photo)}</label>
                        <input type="file" id="gallery-photo" name="photo" required=true
                            accept="image/jpeg,image/png,image/webp"
                            aria-describedby="gallery-upload-error" />
                    </div>
                    <Field id="gallery-new-alt-fr" name="alt_fr"
                        label=text(i18n, |i| t_string!(i, settings.gallery_alt_fr))
                        error=Signal::stored(None) maxlength=MAX_ALT_CHARS />
                    <Field id="gallery-new-alt-en" name="alt_en"
                        label=text(i18n, |i| t_string!(i, settings.gallery_alt_en))
                        error=Signal::stored(None) maxlength=MAX_ALT_CHARS />
                    <div class="form-actions">
                        <button type="submit" class="button button-primary">{t!(i18n, settings.gallery_add)}</button>
                    </div>
                </form>
            })}
        </section>
    }
}

/// One photo: its thumbnail, its words (a form of their own for admins)
/// and the buttons that move and remove it.
#[component]
fn GalleryItem(
    photo: GalleryPhoto,
    /// Its place, from 1.
    n: usize,
    last: bool,
    editable: bool,
    actions: GalleryActions,
    /// The refused description, summed up on the card.
    refusals: FormErrors,
) -> impl IntoView {
    let i18n = use_i18n();
    let GalleryPhoto { photo, alt } = photo;
    let id = photo.id;
    let shown = alt.clone();
    let thumb_alt = Signal::derive(move || shown.get(i18n.get_locale().as_str()).to_owned());
    // The card's refusal, inline here when this photo's form was sent.
    let inline = move |name: &'static str| {
        let message = refusals.field(i18n, name);
        Signal::derive(move || {
            (actions.described.get() == Some(id))
                .then(|| message.get())
                .flatten()
        })
    };
    let (fr_id, en_id) = (
        format!("gallery-{id}-alt-fr"),
        format!("gallery-{id}-alt-en"),
    );
    let words = if editable {
        let which = move || t_string!(i18n, settings.gallery_which, n = n).to_string();
        let button = move |direction: &'static str, label: &'static str| {
            view! {
                <ActionForm action=actions.shift attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="direction" value=direction />
                    <button type="submit" class="button button-secondary">
                        {label}<span class="visually-hidden">" – "{which()}</span>
                    </button>
                </ActionForm>
            }
        };
        view! {
            <ActionForm action=actions.alt attr:class="form gallery-words">
                <input type="hidden" name="id" value=id />
                <Field id=fr_id name="alt_fr" value=alt.fr.clone()
                    label=text(i18n, |i| t_string!(i, settings.gallery_alt_fr))
                    error=inline("alt_fr") maxlength=MAX_ALT_CHARS />
                <Field id=en_id name="alt_en" value=alt.en.clone()
                    label=text(i18n, |i| t_string!(i, settings.gallery_alt_en))
                    error=inline("alt_en") maxlength=MAX_ALT_CHARS />
                <div class="form-actions">
                    <button type="submit" class="button button-secondary">
                        {t!(i18n, settings.gallery_save)}<span class="visually-hidden">" – "{which()}</span>
                    </button>
                </div>
            </ActionForm>
            <div class="row-actions">
                {(n > 1).then(|| button("up", t_string!(i18n, settings.gallery_up)))}
                {(!last).then(|| button("down", t_string!(i18n, settings.gallery_down)))}
                <ActionForm action=actions.remove attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="button button-secondary">
                        {t!(i18n, settings.gallery_remove)}<span class="visually-hidden">" – "{which()}</span>
                    </button>
                </ActionForm>
            </div>
        }
        .into_any()
    } else {
        let said = move || {
            let said = alt.get(i18n.get_locale().as_str()).to_owned();
            if said.is_empty() {
                t_string!(i18n, settings.gallery_no_alt).to_string()
            } else {
                said
            }
        };
        view! { <p>{said}</p> }.into_any()
    };
    view! {
        <li id=format!("gallery-{id}") class="gallery-admin-item">
            <Thumb photo alt=thumb_alt lazy=true />
            <div>{words}</div>
        </li>
    }
}
