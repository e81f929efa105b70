//! The menu's forms: a category (new, or renamed) and a dish (new, or
//! `?edit=ID` prefilled). Each names its fields at fault inline and in a
//! summary; each works before hydration.

use super::api;
use super::errors::{Alerts, Errors};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::form::{text, Field};
use crate::ui::labels::{allergen_label, diet_label};
use crate::ui::I18n;
use domain::menu::{MAX_DESCRIPTION_CHARS, MAX_MENU_NAME_CHARS};
use domain::{price_input, MenuCategory, MenuItem, Tag};
use leptos::prelude::*;

/// A new category (`category` none), or one renamed. Several rename
/// forms share one action: `shows` says whether this one sent the last.
#[component]
pub fn CategoryForm(
    action: ServerAction<api::AdminCategorySave>,
    #[prop(optional)] category: Option<MenuCategory>,
    #[prop(optional)] shows: Option<Signal<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = category.as_ref().map(|c| c.id);
    let key = id.map_or("new".to_owned(), |id| id.to_string());
    let summary = if id.is_none() {
        "category-errors"
    } else {
        "rename-errors"
    };
    let error = Memo::new(move |_| {
        action
            .value()
            .get()
            .and_then(Result::err)
            .filter(|_| shows.is_none_or(|s| s.get()))
    });
    let errors = Errors::new(error, summary);
    let (fr, en) = category.map(|c| (c.name.fr, c.name.en)).unwrap_or_default();
    let form = view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <Alerts id=summary errors />
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <div class="form-grid menu-pair">
                <Field id=format!("category-{key}-name-fr") name="name_fr" value=fr required=true
                    maxlength=MAX_MENU_NAME_CHARS
                    label=text(i18n, |i| t_string!(i, menu_admin.name_fr)) error=errors.field("name_fr") />
                <Field id=format!("category-{key}-name-en") name="name_en" value=en required=true
                    maxlength=MAX_MENU_NAME_CHARS
                    label=text(i18n, |i| t_string!(i, menu_admin.name_en)) error=errors.field("name_en") />
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {if id.is_none() {
                        t!(i18n, menu_admin.add_category_submit).into_any()
                    } else {
                        t!(i18n, menu_admin.rename_submit).into_any()
                    }}
                </button>
            </div>
        </ActionForm>
    };
    match id {
        Some(_) => form.into_any(),
        None => view! {
            <section class="card narrow-card" aria-labelledby="category-form-title">
                <h2 id="category-form-title">{t!(i18n, menu_admin.add_category)}</h2>
                {form}
            </section>
        }
        .into_any(),
    }
}

/// A fieldset of tag check boxes (`allergens[]`, `diets[]`).
#[component]
fn Tags<T: Tag + Send + Sync>(
    name: &'static str,
    legend: Signal<String>,
    #[prop(optional)] hint: Option<Signal<String>>,
    error: Signal<Option<String>>,
    word: fn(I18n, T) -> &'static str,
    checked: Vec<T>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = name.trim_end_matches("[]");
    let hint_id = format!("dish-{field}-hint");
    let error_id = format!("dish-{field}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <fieldset class="menu-fieldset" class:field-invalid=move || error.with(Option::is_some)
            aria-describedby=described>
            <legend>{legend}</legend>
            {hint.map(|hint| view! { <p class="field-hint" id=hint_id>{hint}</p> })}
            {move || error.get().map(|m| view! {
                <p class="field-error" id=error_id.clone()>
                    <span class="visually-hidden">{t_string!(i18n, form.error_prefix)}" "</span>
                    {m}
                </p>
            })}
            <div class="check-grid">
                {T::ALL.iter().copied().map(|tag| view! {
                    <label class="check">
                        <input type="checkbox" name=name value=tag.as_str()
                            id=format!("dish-{field}-{}", tag.as_str()) checked=checked.contains(&tag) />
                        {move || word(i18n, tag)}
                    </label>
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A new dish, or `item` changed.
#[component]
pub fn DishForm(
    action: ServerAction<api::AdminItemSave>,
    categories: Vec<MenuCategory>,
    item: Option<MenuItem>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.get_locale().as_str();
    let error: Memo<Option<AppError>> =
        Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = Errors::new(error, "dish-errors");
    let category_error = errors.field("category_id");
    let heading = match &item {
        Some(item) => {
            let name = item.name.clone();
            Signal::derive(move || {
                t_string!(
                    i18n,
                    menu_admin.edit_dish,
                    name = name.get(lang()).to_string()
                )
                .to_string()
            })
        }
        None => text(i18n, |i| t_string!(i, menu_admin.add_dish)),
    };
    let current = item.as_ref().map(|i| i.category_id);
    let value = |f: fn(&MenuItem) -> String| item.as_ref().map(f).unwrap_or_default();
    let name_fr = value(|i| i.name.fr.clone());
    let name_en = value(|i| i.name.en.clone());
    let description_fr = value(|i| i.description.fr.clone());
    let description_en = value(|i| i.description.en.clone());
    let price = value(|i| price_input(i.price_cents));
    let allergens = item
        .as_ref()
        .map(|i| i.allergens.clone())
        .unwrap_or_default();
    let diets = item.as_ref().map(|i| i.diets.clone()).unwrap_or_default();
    let editing = item.as_ref().map(|i| i.id);
    let described = move || {
        category_error
            .with(Option::is_some)
            .then_some("dish-category-error")
    };
    view! {
        <section class="card" id="dish-form" aria-labelledby="dish-form-title">
            <h2 id="dish-form-title" tabindex="-1">{heading}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <Alerts id="dish-errors" errors />
                {editing.map(|id| view! { <input type="hidden" name="id" value=id /> })}
                <div class="field" class:field-invalid=move || category_error.with(Option::is_some)>
                    <label for="dish-category">{t!(i18n, menu_admin.category)}</label>
                    {move || category_error.get().map(|m| view! {
                        <p class="field-error" id="dish-category-error">
                            <span class="visually-hidden">{t_string!(i18n, form.error_prefix)}" "</span>
                            {m}
                        </p>
                    })}
                    <select id="dish-category" name="category_id"
                        aria-invalid=move || category_error.with(Option::is_some).then_some("true")
                        aria-describedby=described>
                        {categories.into_iter().map(|c| {
                            let name = c.name.clone();
                            view! {
                                <option value=c.id selected=current == Some(c.id)>
                                    {move || name.get(lang()).to_string()}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                <div class="form-grid menu-pair">
                    <Field id="dish-name-fr" name="name_fr" required=true maxlength=MAX_MENU_NAME_CHARS
                        value=name_fr
                        label=text(i18n, |i| t_string!(i, menu_admin.name_fr)) error=errors.field("name_fr") />
                    <Field id="dish-name-en" name="name_en" required=true maxlength=MAX_MENU_NAME_CHARS
                        value=name_en
                        label=text(i18n, |i| t_string!(i, menu_admin.name_en)) error=errors.field("name_en") />
                    <Field id="dish-description-fr" name="description_fr" multiline=true rows=3
                        maxlength=MAX_DESCRIPTION_CHARS value=description_fr
                        label=text(i18n, |i| t_string!(i, menu_admin.description_fr))
                        error=errors.field("description_fr") />
                    <Field id="dish-description-en" name="description_en" multiline=true rows=3
                        maxlength=MAX_DESCRIPTION_CHARS value=description_en
                        label=text(i18n, |i| t_string!(i, menu_admin.description_en))
                        error=errors.field("description_en") />
                </div>
                <div class="menu-price">
                    <Field id="dish-price" name="price" required=true maxlength=12 inputmode="decimal"
                        value=price
                        label=text(i18n, |i| t_string!(i, menu_admin.price))
                        hint=text(i18n, |i| t_string!(i, menu_admin.price_hint))
                        error=errors.field("price") />
                </div>
                <Tags name="allergens[]" word=allergen_label checked=allergens
                    legend=text(i18n, |i| t_string!(i, menu_admin.allergens))
                    hint=text(i18n, |i| t_string!(i, menu_admin.allergens_hint))
                    error=errors.field("allergens") />
                <Tags name="diets[]" word=diet_label checked=diets
                    legend=text(i18n, |i| t_string!(i, menu_admin.diets))
                    error=errors.field("diets") />
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {if editing.is_some() {
                            t!(i18n, menu_admin.save_dish).into_any()
                        } else {
                            t!(i18n, menu_admin.add_dish_submit).into_any()
                        }}
                    </button>
                    {editing.map(|id| view! {
                        <a class="button button-secondary" href=format!("/admin/menu#item-{id}")>
                            {t!(i18n, menu_admin.cancel)}
                        </a>
                    })}
                </div>
            </ActionForm>
        </section>
    }
}
