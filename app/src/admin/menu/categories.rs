//! A category on the menu screen: its name in the page's language, its
//! dishes in order, and for admins its buttons — move up or down, rename,
//! remove (refused, in words, while it has dishes).

use super::dishes::{localized, DishRow};
use super::errors::Refusal;
use super::forms::CategoryForm;
use super::page::{Actions, CategoryOp};
use crate::i18n::*;
use crate::ui::I18n;
use domain::MenuCategory;
use leptos::prelude::*;

#[component]
pub fn CategoryCard(
    category: MenuCategory,
    first: bool,
    last: bool,
    editable: bool,
    actions: Actions,
    /// The dish whose removal is being confirmed (`?remove=ID`).
    remove: Option<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = category.id;
    let title = localized(i18n, category.name.clone());
    let count = category.items.len();
    let heading = format!("category-{id}-title");
    let labelled_by = heading.clone();
    let sent = move |op: CategoryOp| actions.category_target.get() == Some((op, id));
    let refused = move || {
        sent(CategoryOp::Remove)
            .then(|| actions.delete_category.value().get().and_then(Result::err))
            .flatten()
    };
    let renaming = Signal::derive(move || sent(CategoryOp::Rename));
    let rename_failed =
        move || renaming.get() && matches!(actions.rename_category.value().get(), Some(Err(_)));
    let label = {
        let title = title.clone();
        move |f: fn(I18n, String) -> String| {
            let title = title.clone();
            move || f(i18n, title())
        }
    };
    let (remove_name, rename_name) = (title.clone(), title.clone());
    let items = category.items.clone();
    let last_index = items.len().saturating_sub(1);
    view! {
        <section class="card menu-category" id=format!("category-{id}") aria-labelledby=labelled_by>
            <div class="menu-category-head">
                <h2 id=heading>{title.clone()}</h2>
                <p class="hint">{move || t_string!(i18n, menu_admin.dish_count, count = count).to_string()}</p>
            </div>
            {move || refused().map(|error| view! { <Refusal error /> })}
            {editable.then(|| view! {
                <div class="menu-category-tools">
                    {(!(first && last)).then(|| view! {
                        <ActionForm action=actions.move_category attr:class="inline-form menu-move">
                            <input type="hidden" name="id" value=id />
                            {(!first).then(|| view! {
                                <button type="submit" name="direction" value="up" class="button button-secondary"
                                    id=format!("category-{id}-up")
                                    aria-label=label(|i, name| t_string!(i, menu_admin.move_up_label, name = name).to_string())>
                                    <span aria-hidden="true">"↑ "</span>{t!(i18n, menu_admin.move_up)}
                                </button>
                            })}
                            {(!last).then(|| view! {
                                <button type="submit" name="direction" value="down" class="button button-secondary"
                                    id=format!("category-{id}-down")
                                    aria-label=label(|i, name| t_string!(i, menu_admin.move_down_label, name = name).to_string())>
                                    <span aria-hidden="true">"↓ "</span>{t!(i18n, menu_admin.move_down)}
                                </button>
                            })}
                        </ActionForm>
                    })}
                    <ActionForm action=actions.delete_category attr:class="inline-form">
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="button button-danger-outline">
                            {t!(i18n, menu_admin.remove_category)}
                            <span class="visually-hidden">" – "{remove_name}</span>
                        </button>
                    </ActionForm>
                    <details class="menu-rename" open=rename_failed>
                        <summary class="button button-secondary">
                            {t!(i18n, menu_admin.rename)}
                            <span class="visually-hidden">" – "{rename_name}</span>
                        </summary>
                        <CategoryForm action=actions.rename_category category=category.clone() shows=renaming />
                    </details>
                </div>
            })}
            {if items.is_empty() {
                view! { <p class="hint">{t!(i18n, menu_admin.category_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="menu-dishes">
                        {items.into_iter().enumerate().map(|(n, item)| {
                            let confirm = remove == Some(item.id);
                            view! {
                                <DishRow item first=n == 0 last=n == last_index editable actions confirm />
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
