//! `/admin/menu`: the screen's frame — its title, the message of the last
//! change (`?done=`), the refusals of the buttons — then the categories
//! with their dishes, the dish form (new, or `?edit=ID`), the photos of the
//! dish being edited, and the category form.
//!
//! Two resources, both of the page: `menu` (what the list and the photos
//! show: read again after each change, each photo added and each live
//! update) and `setup` (what the forms start from, and whether the reader
//! may change the dish being edited: read again when `?edit=` changes and
//! after the changes that alter the forms, so a form being filled in is not
//! drawn again under the admin's hands while photos come in).

use super::categories::CategoryCard;
use super::errors::Refusal;
use super::forms::{CategoryForm, DishForm};
use super::photos::PhotosSection;
use super::upload::Uploads;
use super::{api, MenuView};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::{I18n, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::sync::atomic::{AtomicU64, Ordering};

/// Runs `then` after each success of `action` (not after a refusal).
macro_rules! on_success {
    ($action:expr, $then:expr) => {{
        let action = $action;
        let then = $then;
        Effect::watch(
            move || action.version().get(),
            move |_, _, _| {
                if matches!(action.value().get_untracked(), Some(Ok(_))) {
                    then();
                }
            },
            false,
        );
    }};
}

/// What `action` was last sent with (its `input` is cleared once it
/// answers).
macro_rules! last_input {
    ($action:expr) => {{
        let action = $action;
        let last = RwSignal::new(None);
        Effect::new(move |_| {
            if let Some(input) = action.input().get() {
                last.set(Some(input));
            }
        });
        last
    }};
}

/// What was last sent for a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategoryOp {
    Rename,
    Remove,
}

/// The screen's actions: each that succeeds reads the menu again.
#[derive(Clone, Copy)]
pub struct Actions {
    pub add_category: ServerAction<api::AdminCategorySave>,
    pub rename_category: ServerAction<api::AdminCategorySave>,
    pub delete_category: ServerAction<api::AdminCategoryDelete>,
    pub move_category: ServerAction<api::AdminCategoryMove>,
    pub save_item: ServerAction<api::AdminItemSave>,
    pub delete_item: ServerAction<api::AdminItemDelete>,
    pub move_item: ServerAction<api::AdminItemMove>,
    pub available: ServerAction<api::AdminItemAvailable>,
    pub delete_photo: ServerAction<api::AdminPhotoDelete>,
    /// The category a rename or a removal was last sent for: its card
    /// says the refusal.
    pub category_target: RwSignal<Option<(CategoryOp, i64)>>,
    /// Where the keyboard focus goes once the screen is drawn again (the
    /// first of these ids found): the button just used, not the page's
    /// top.
    pub focus_next: RwSignal<Vec<String>>,
}

impl Actions {
    fn new() -> Self {
        let a = Actions {
            add_category: ServerAction::new(),
            rename_category: ServerAction::new(),
            delete_category: ServerAction::new(),
            move_category: ServerAction::new(),
            save_item: ServerAction::new(),
            delete_item: ServerAction::new(),
            move_item: ServerAction::new(),
            available: ServerAction::new(),
            delete_photo: ServerAction::new(),
            category_target: RwSignal::new(None),
            focus_next: RwSignal::new(Vec::new()),
        };
        Effect::new(move |_| {
            if let Some(id) = a.rename_category.input().get().and_then(|i| i.id) {
                a.category_target.set(Some((CategoryOp::Rename, id)));
            }
        });
        Effect::new(move |_| {
            if let Some(input) = a.delete_category.input().get() {
                a.category_target.set(Some((CategoryOp::Remove, input.id)));
            }
        });
        // A moved row keeps the focus on its button (the other one when
        // it reached the end).
        let both = |kind: &str, id: i64, direction: &str| {
            let other = if direction == "up" { "down" } else { "up" };
            vec![
                format!("{kind}-{id}-{direction}"),
                format!("{kind}-{id}-{other}"),
            ]
        };
        let moved = last_input!(a.move_category);
        on_success!(a.move_category, move || {
            if let Some(i) = moved.get_untracked() {
                a.focus_next.set(both("category", i.id, &i.direction));
            }
        });
        let moved = last_input!(a.move_item);
        on_success!(a.move_item, move || {
            if let Some(i) = moved.get_untracked() {
                a.focus_next.set(both("item", i.id, &i.direction));
            }
        });
        let toggled = last_input!(a.available);
        on_success!(a.available, move || {
            if let Some(i) = toggled.get_untracked() {
                a.focus_next.set(vec![format!("item-{}-available", i.id)]);
            }
        });
        on_success!(a.delete_photo, move || {
            a.focus_next.set(vec!["photos-title".into()]);
        });
        a
    }

    /// Counts the successes of the actions that change what the forms
    /// start from (`setup`), and of all of them (`menu`).
    fn successes(self) -> (RwSignal<usize>, RwSignal<usize>) {
        let (forms, all) = (RwSignal::new(0_usize), RwSignal::new(0_usize));
        let bump = move |n: RwSignal<usize>| move || n.update(|n| *n += 1);
        on_success!(self.add_category, move || (bump(forms)(), bump(all)()));
        on_success!(self.rename_category, move || (bump(forms)(), bump(all)()));
        on_success!(self.delete_category, move || (bump(forms)(), bump(all)()));
        on_success!(self.move_category, move || (bump(forms)(), bump(all)()));
        on_success!(self.save_item, move || (bump(forms)(), bump(all)()));
        on_success!(self.delete_item, move || (bump(forms)(), bump(all)()));
        on_success!(self.move_item, bump(all));
        on_success!(self.available, bump(all));
        on_success!(self.delete_photo, bump(all));
        (forms, all)
    }

    /// The last refusal of a button that has no place of its own to say
    /// it (a category's card says its own when it knows it sent it).
    fn refusal(self) -> Option<AppError> {
        let targeted = self.category_target.get().is_some();
        [
            self.move_category.value().get(),
            self.move_item.value().get(),
            self.available.value().get(),
            self.delete_item.value().get(),
            self.delete_photo.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
        .or_else(|| {
            (!targeted)
                .then(|| self.delete_category.value().get().and_then(Result::err))
                .flatten()
        })
    }
}

/// Moves the focus to the first of `focus_next` on the page, once drawn.
/// Called by what each success draws again.
pub fn take_focus(focus_next: RwSignal<Vec<String>>) {
    Effect::new(move |_| {
        let ids = focus_next.get_untracked();
        if let Some(id) = ids
            .into_iter()
            .find(|id| document().get_element_by_id(id).is_some())
        {
            focus_next.set(Vec::new());
            focus_later(id);
        }
    });
}

fn done_text(i18n: I18n, code: &str) -> Option<&'static str> {
    Some(match code {
        "category" => t_string!(i18n, menu_admin.done_category),
        "category_removed" => t_string!(i18n, menu_admin.done_category_removed),
        "item" => t_string!(i18n, menu_admin.done_item),
        "item_removed" => t_string!(i18n, menu_admin.done_item_removed),
        "photo_removed" => t_string!(i18n, menu_admin.done_photo_removed),
        _ => return None,
    })
}

#[component]
pub fn MenuPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let actions = Actions::new();
    let uploads = Uploads::new();
    let id_of = move |key: &str| query.read().get(key).and_then(|v| v.parse::<i64>().ok());
    let edit = Memo::new(move |_| id_of("edit"));
    let remove = Memo::new(move |_| id_of("remove"));
    let done = Memo::new(move |_| query.read().get("done"));
    let (forms_saved, saved) = actions.successes();
    let menu = Resource::new(
        move || (saved.get(), uploads.added.get(), crate::ui::live::changes()),
        |_| api::admin_menu(),
    );
    let setup = Resource::new(
        move || (edit.get(), forms_saved.get()),
        |_| api::admin_menu(),
    );
    // A client-side step to a dish's form: the focus goes there once it
    // is drawn, as the page scrolls there.
    Effect::watch(
        move || edit.get(),
        move |edit, _, _| {
            if edit.is_some() {
                actions.focus_next.set(vec!["dish-form-title".into()]);
            }
        },
        false,
    );
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, menu_admin.title).to_string() />
        <h1 id="page-title" tabindex="-1">{t!(i18n, menu_admin.title)}</h1>
        <div class="status-region" role="status" aria-live="polite">
            {move || done.get().and_then(|code| done_text(i18n, &code)).map(|text| view! {
                <p class="alert alert-success">{text}</p>
            })}
            {move || actions.refusal().map(|error| view! { <Refusal error /> })}
        </div>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let remove = remove.get();
                match menu.await {
                    Ok(view) => view! { <Fresh><Categories view=view.clone() actions remove /></Fresh> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let edit = edit.get_untracked();
                match setup.await {
                    Ok(MenuView { menu, editable: true }) if !menu.is_empty() => {
                        let item = edit.and_then(|id| {
                            menu.iter().flat_map(|c| &c.items).find(|i| i.id == id).cloned()
                        });
                        view! {
                            <Fresh>
                                <TakeFocus actions />
                                <DishForm action=actions.save_item categories=menu.clone() item=item.clone() />
                            </Fresh>
                        }.into_any()
                    }
                    Ok(MenuView { editable: true, .. }) => view! {
                        <p class="alert alert-info">{t!(i18n, menu_admin.need_category)}</p>
                    }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Transition>
        {move || edit.get().map(|id| view! { <PhotosSection id setup menu actions uploads /> })}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                matches!(setup.await, Ok(MenuView { editable: true, .. }))
                    .then(|| view! { <Fresh><CategoryForm action=actions.add_category /></Fresh> })
            })}
        </Transition>
    }
}

/// Draws its children anew each time it is built. A `Suspend` that runs
/// again (the menu read again) would otherwise reuse the elements on the
/// page: a field would keep what was typed in it whatever it now says, an
/// opened `<details>` would stay open on whichever category took its place.
#[component]
pub fn Fresh(children: ChildrenFn) -> impl IntoView {
    static DRAWS: AtomicU64 = AtomicU64::new(0);
    let key = DRAWS.fetch_add(1, Ordering::Relaxed);
    view! { <For each=move || [key] key=|k| *k children=move |_| children() /> }
}

/// Moves the focus as [`take_focus`] says, once drawn.
#[component]
pub fn TakeFocus(actions: Actions) -> impl IntoView {
    take_focus(actions.focus_next);
}

/// The categories in order, each with its dishes.
#[component]
fn Categories(view: MenuView, actions: Actions, remove: Option<i64>) -> impl IntoView {
    let i18n = use_i18n();
    take_focus(actions.focus_next);
    let MenuView { menu, editable } = view;
    let last = menu.len().saturating_sub(1);
    view! {
        {(!editable).then(|| view! { <p class="alert alert-info">{t!(i18n, menu_admin.read_only)}</p> })}
        {menu.is_empty().then(|| view! {
            <p class="card">
                {if editable { t!(i18n, menu_admin.empty_admin).into_any() } else { t!(i18n, menu_admin.empty).into_any() }}
            </p>
        })}
        {menu.into_iter().enumerate().map(|(n, category)| view! {
            <CategoryCard category first=n == 0 last=n == last editable actions remove />
        }).collect_view()}
    }
}
