//! A dish on the menu screen: its name and price in the page's language,
//! its description, allergens and dietary tags as words, "sold out today"
//! in words, its photos' thumbnails, and its buttons — sold out / back on
//! the menu (staff too), and for admins edit, move up or down, and remove
//! (confirmed on a second step, `?remove=ID`, which works without
//! JavaScript).

use super::page::Actions;
use crate::i18n::*;
use crate::ui::focus::focus_later;
use crate::ui::labels::{allergen_label, diet_label};
use crate::ui::photo::Thumb;
use crate::ui::I18n;
use domain::{format_price, Localized, MenuItem};
use leptos::prelude::*;

/// A name in the page's language, following it.
pub fn localized(i18n: I18n, text: Localized) -> impl Fn() -> String + Clone + Send + Sync {
    move || text.get(i18n.get_locale().as_str()).to_string()
}

#[component]
pub fn DishRow(
    item: MenuItem,
    first: bool,
    last: bool,
    editable: bool,
    actions: Actions,
    /// Its removal is being confirmed (`?remove=ID`).
    confirm: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.get_locale().as_str();
    let MenuItem {
        id,
        name,
        description,
        price_cents,
        allergens,
        diets,
        available,
        photos,
        ..
    } = item;
    let title = localized(i18n, name.clone());
    let has_description = !description.fr.is_empty() || !description.en.is_empty();
    let label = {
        let title = title.clone();
        move |f: fn(I18n, String) -> String| {
            let title = title.clone();
            move || f(i18n, title())
        }
    };
    let (name_a, name_b, name_c, name_d) =
        (title.clone(), title.clone(), title.clone(), title.clone());
    view! {
        <li class="menu-dish" id=format!("item-{id}") data-dish=name.fr.clone()
            data-available=if available { "true" } else { "false" }>
            <div class="menu-dish-main">
                <div class="menu-item-head">
                    <h3 class="menu-dish-name">{title.clone()}</h3>
                    <span class="menu-item-price">{move || format_price(price_cents, lang())}</span>
                </div>
                {(!available).then(|| view! {
                    <p class="menu-sold-out"><span class="tag menu-tag-sold-out">{t!(i18n, menu_admin.sold_out_badge)}</span></p>
                })}
                {has_description.then(|| view! {
                    <p class="menu-item-description">{localized(i18n, description.clone())}</p>
                })}
                <div class="menu-chips">
                    <span class="menu-chips-label">{t!(i18n, menu_admin.contains)}</span>
                    {if allergens.is_empty() {
                        view! { <span class="hint">{t!(i18n, menu_admin.no_allergens)}</span> }.into_any()
                    } else {
                        view! {
                            <ul class="chips">
                                {allergens.iter().map(|a| {
                                    let a = *a;
                                    view! { <li class="tag">{move || allergen_label(i18n, a)}</li> }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </div>
                {(!diets.is_empty()).then(|| view! {
                    <div class="menu-chips">
                        <span class="menu-chips-label">{t!(i18n, menu_admin.suits)}</span>
                        <ul class="chips">
                            {diets.iter().map(|d| {
                                let d = *d;
                                view! { <li class="tag menu-tag-diet">{move || diet_label(i18n, d)}</li> }
                            }).collect_view()}
                        </ul>
                    </div>
                })}
                {(!photos.is_empty()).then(|| {
                    let title = title.clone();
                    view! {
                        <ul class="menu-thumbs">
                            {photos.into_iter().enumerate().map(|(n, photo)| {
                                let title = title.clone();
                                let alt = Signal::derive(move || {
                                    t_string!(i18n, menu_admin.photo_alt, name = title(), n = n + 1).to_string()
                                });
                                view! { <li><Thumb photo alt lazy=true /></li> }
                            }).collect_view()}
                        </ul>
                    }
                })}
            </div>
            <div class="menu-dish-actions">
                <ActionForm action=actions.available attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="available" value=if available { "false" } else { "true" } />
                    <button type="submit" class="button button-secondary" id=format!("item-{id}-available")>
                        {if available {
                            t!(i18n, menu_admin.mark_sold_out).into_any()
                        } else {
                            t!(i18n, menu_admin.back_on).into_any()
                        }}
                        <span class="visually-hidden">" – "{name_a}</span>
                    </button>
                </ActionForm>
                {editable.then(|| view! {
                    <a class="button button-secondary" href=format!("/admin/menu?edit={id}#dish-form")>
                        {t!(i18n, menu_admin.edit)}
                        <span class="visually-hidden">" – "{name_b}</span>
                    </a>
                    {(!(first && last)).then(|| view! {
                        <ActionForm action=actions.move_item attr:class="inline-form menu-move">
                            <input type="hidden" name="id" value=id />
                            {(!first).then(|| view! {
                                <button type="submit" name="direction" value="up" class="button button-secondary"
                                    id=format!("item-{id}-up")
                                    aria-label=label(|i, name| t_string!(i, menu_admin.move_up_label, name = name).to_string())>
                                    <span aria-hidden="true">"↑ "</span>{t!(i18n, menu_admin.move_up)}
                                </button>
                            })}
                            {(!last).then(|| view! {
                                <button type="submit" name="direction" value="down" class="button button-secondary"
                                    id=format!("item-{id}-down")
                                    aria-label=label(|i, name| t_string!(i, menu_admin.move_down_label, name = name).to_string())>
                                    <span aria-hidden="true">"↓ "</span>{t!(i18n, menu_admin.move_down)}
                                </button>
                            })}
                        </ActionForm>
                    })}
                    <a class="button button-danger-outline" href=format!("/admin/menu?remove={id}#confirm-remove")>
                        {t!(i18n, menu_admin.remove)}
                        <span class="visually-hidden">" – "{name_c}</span>
                    </a>
                })}
            </div>
            {(editable && confirm).then(|| view! { <ConfirmRemove id title=name_d actions /> })}
        </li>
    }
}

/// The second step of a dish's removal: what it does, and its button.
#[component]
fn ConfirmRemove(
    id: i64,
    title: impl Fn() -> String + Clone + Send + Sync + 'static,
    actions: Actions,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = actions.delete_item;
    // The second step is where the admin is now (the page scrolls there).
    Effect::new(move |_| focus_later("confirm-remove-title"));
    view! {
        <section class="confirm-card menu-confirm" id="confirm-remove" aria-labelledby="confirm-remove-title">
            <h4 id="confirm-remove-title" tabindex="-1">
                {move || t_string!(i18n, menu_admin.confirm_title, name = title()).to_string()}
            </h4>
            <p>{t!(i18n, menu_admin.confirm_text)}</p>
            <div class="form-actions">
                <ActionForm action attr:class="inline-form">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="button button-danger" id="confirm-remove-submit"
                        disabled=move || action.pending().get()>
                        {t!(i18n, menu_admin.confirm_submit)}
                    </button>
                </ActionForm>
                <a class="button button-secondary" href=format!("/admin/menu#item-{id}")>
                    {t!(i18n, menu_admin.confirm_keep)}
                </a>
            </div>
        </section>
    }
}
