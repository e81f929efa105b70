//! The photos of the dish being edited (`?edit=ID`, `#photos`): each with
//! its remove button, and the upload box — a plain form that works before
//! hydration (`?photo=added`, `?photo_error=reason` say how it went), which
//! the script then lets take several files, dropped or picked, sent one
//! after another with their progress (`upload.rs`). The box is drawn
//! again only when `?edit=` changes, so its live region keeps speaking
//! while the photos above are read again after each upload.

use super::dishes::localized;
use super::errors::photo_reason;
use super::page::{take_focus, Actions};
use super::upload::{Step, Uploads};
use super::MenuView;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::photo::Thumb;
use crate::ui::Loading;
use domain::menu::MAX_PHOTOS;
use domain::MenuItem;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The dish `id`'s photos, for admins (nothing for staff). `setup` says
/// whether the reader may change dish `id`; it is read again when `?edit=`
/// changes, not after each photo: the upload box stays while photos come
/// in, and only the photos above it (from `menu`) are drawn again.
#[component]
pub fn PhotosSection(
    id: i64,
    setup: Resource<Result<MenuView, AppError>>,
    menu: Resource<Result<MenuView, AppError>>,
    actions: Actions,
    uploads: Uploads,
) -> impl IntoView {
    let mine = move |view: &MenuView| {
        view.editable && view.menu.iter().flat_map(|c| &c.items).any(|i| i.id == id)
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match setup.await {
                    Ok(view) if mine(&view) => view! {
                        <section class="card" id="photos" aria-labelledby="photos-title">
                            <Transition fallback=Loading>
                                {move || Suspend::new(async move {
                                    let item = menu.await.ok().and_then(|v| {
                                        v.menu.into_iter().flat_map(|c| c.items).find(|i| i.id == id)
                                    });
                                    item.map(|item| view! { <Photos item actions /> })
                                })}
                            </Transition>
                            <UploadBox id uploads />
                        </section>
                    }
                    .into_any(),
                    Ok(_) | Err(AppError::Forbidden | AppError::NotFound) => ().into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The heading and the photos with their remove buttons.
#[component]
fn Photos(item: MenuItem, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let title = localized(i18n, item.name.clone());
    let count = item.photos.len();
    let heading = {
        let title = title.clone();
        move || t_string!(i18n, menu_admin.photos_title, name = title()).to_string()
    };
    let remove = actions.delete_photo;
    take_focus(actions.focus_next);
    view! {
        <h2 id="photos-title" tabindex="-1">{heading}</h2>
        <p class="hint">{move || t_string!(i18n, menu_admin.photos_count, count = count).to_string()}</p>
        {if item.photos.is_empty() {
            view! { <p>{t!(i18n, menu_admin.photos_none)}</p> }.into_any()
        } else {
            view! {
                <ul class="menu-photos">
                    {item.photos.into_iter().enumerate().map(|(n, photo)| {
                        let title = title.clone();
                        let alt = Signal::derive(move || {
                            t_string!(i18n, menu_admin.photo_alt, name = title(), n = n + 1).to_string()
                        });
                        let photo_id = photo.id;
                        view! {
                            <li class="menu-photo" data-photo=photo_id>
                                <Thumb photo alt />
                                <ActionForm action=remove attr:class="inline-form">
                                    <input type="hidden" name="id" value=photo_id />
                                    <button type="submit" class="button button-danger-outline"
                                        id=format!("photo-{photo_id}-remove")
                                        disabled=move || remove.pending().get()>
                                        {move || t_string!(i18n, menu_admin.remove_photo, n = n + 1).to_string()}
                                    </button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(count >= MAX_PHOTOS).then(|| view! {
            <p class="alert alert-info">{t!(i18n, menu_admin.photo_too_many)}</p>
        })}
    }
}

/// The upload box: a plain multipart form, enhanced once hydrated.
#[component]
fn UploadBox(id: i64, uploads: Uploads) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let ready = uploads.ready;
    // The plain form's answer, until the script sends a photo itself.
    let answer = Memo::new(move |_| {
        let q = query.read();
        if q.get("photo").as_deref() == Some("added") {
            Some(Ok(()))
        } else {
            q.get("photo_error").map(Err)
        }
    });
    let fresh = move || uploads.list.with(|l| l.iter().all(|u| u.item != id));
    let dragging = RwSignal::new(0_i32);
    let hint = move || {
        if ready.get() {
            format!(
                "{} {}",
                t_string!(i18n, menu_admin.photo_hint),
                t_string!(i18n, menu_admin.photo_drop_hint)
            )
        } else {
            t_string!(i18n, menu_admin.photo_hint).to_string()
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let input = event_target::<web_sys::HtmlInputElement>(&ev);
            if let Some(files) = input.files() {
                super::upload::send(uploads, id, &files);
            }
            input.set_value("");
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(0);
        #[cfg(feature = "hydrate")]
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            super::upload::send(uploads, id, &files);
        }
    };
    // Once hydrated the files are sent as they are picked: a submit
    // (Enter) sends nothing more.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        if ready.get_untracked() {
            ev.prevent_default();
        }
    };
    let on_enter = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.update(|n| *n += 1);
    };
    let on_over = move |ev: leptos::ev::DragEvent| ev.prevent_default();
    let on_leave = move |_: leptos::ev::DragEvent| dragging.update(|n| *n = (*n - 1).max(0));
    let over = move || dragging.get() > 0;
    view! {
        <form id="photo-upload" class="menu-drop" class:menu-drop-over=over
            method="post" enctype="multipart/form-data" action=format!("/admin/menu/items/{id}/photos")
            aria-labelledby="upload-title"
            on:submit=on_submit on:dragenter=on_enter on:dragover=on_over on:dragleave=on_leave
            on:drop=on_drop>
            <h3 id="upload-title">{t!(i18n, menu_admin.upload_title)}</h3>
            <div class="field">
                <label for="photo-file">
                    {move || if ready.get() {
                        t_string!(i18n, menu_admin.photo_choose_many)
                    } else {
                        t_string!(i18n, menu_admin.photo_choose)
                    }}
                </label>
                <p class="field-hint" id="photo-file-hint">{hint}</p>
                <input id="photo-file" type="file" name="photo" accept="image/jpeg,image/png,image/webp"
                    multiple=move || ready.get() aria-describedby="photo-file-hint" on:change=on_change />
            </div>
            {move || (!ready.get()).then(|| view! {
                <div class="form-actions">
                    <button type="submit" class="button button-primary">{t!(i18n, menu_admin.photo_submit)}</button>
                </div>
            })}
            {move || answer.get().filter(|_| fresh()).map(|answer| match answer {
                Ok(()) => view! {
                    <p class="alert alert-success" role="status">{t!(i18n, menu_admin.photo_added)}</p>
                }.into_any(),
                Err(reason) => view! {
                    <p class="alert alert-error" role="alert">{move || photo_reason(i18n, &reason)}</p>
                }.into_any(),
            })}
            <p class="menu-upload-said" role="status" aria-live="polite">{move || uploads.said_text(i18n)}</p>
            <UploadList id uploads />
        </form>
    }
}

/// The files sent to dish `id` by the script, each with its progress.
#[component]
fn UploadList(id: i64, uploads: Uploads) -> impl IntoView {
    let i18n = use_i18n();
    let mine = move || {
        uploads
            .list
            .get()
            .into_iter()
            .filter(|u| u.item == id)
            .collect::<Vec<_>>()
    };
    move || {
        let list = mine();
        (!list.is_empty()).then(|| {
            view! {
                <ul class="menu-uploads" aria-label=move || t_string!(i18n, menu_admin.upload_list)>
                    {list.into_iter().map(|u| {
                        let name_id = format!("upload-{}", u.key);
                        let (state, percent) = match &u.step {
                            Step::Waiting => ("waiting", 0),
                            Step::Sending(p) => ("sending", *p),
                            Step::Added => ("added", 100),
                            Step::Refused(_) => ("refused", 0),
                        };
                        let words = match u.step.clone() {
                            Step::Waiting => t_string!(i18n, menu_admin.upload_waiting).to_string(),
                            Step::Sending(p) => format!("{} {p} %", t_string!(i18n, menu_admin.upload_sending)),
                            Step::Added => t_string!(i18n, menu_admin.upload_added).to_string(),
                            Step::Refused(reason) => photo_reason(i18n, &reason),
                        };
                        view! {
                            <li class="menu-upload" data-upload=state>
                                <span class="menu-upload-name" id=name_id.clone()>{u.name.clone()}</span>
                                {(state != "refused").then(|| view! {
                                    <progress max="100" value=percent aria-labelledby=name_id.clone()>{format!("{percent} %")}</progress>
                                })}
                                <span class="menu-upload-step" class:field-error=state == "refused">{words}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}
