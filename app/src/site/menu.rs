//! The public menu (`/menu`): every dish with its price, diets, allergens
//! and photo, narrowed by a GET form whose fields are the query string
//! (`q`, `category`, repeated `diet` and `without`). The same
//! `MenuFilter` runs on the server and in the browser, so a shared link or
//! a visitor without JavaScript sees the same page as a hydrated one.

use super::api;
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::form::submit_get_form;
use crate::ui::labels::{allergen_label, diet_label};
use crate::ui::photo::Picture;
use crate::ui::{I18n, Loading};
use domain::{format_price, Allergen, Diet, Localized, MenuCategory, MenuFilter, MenuItem, Tag};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

/// The photo's width in the layout: full width on a phone, 400 px beside
/// the text from 800 px on.
const PHOTO_SIZES: &str = "(min-width: 800px) 400px, 100vw";

/// The filter of the query string: the form's repeated check boxes and a
/// link's comma-separated values alike.
fn filter_of(query: &ParamsMap) -> MenuFilter {
    MenuFilter::from_query(
        query.get_str("category"),
        &query.get_all("diet").unwrap_or_default(),
        &query.get_all("without").unwrap_or_default(),
        query.get_str("q"),
    )
}

/// "8 dishes on the menu", "1 dish matches", "3 dishes match" or the
/// empty state's sentence.
fn count_text(i18n: I18n, count: usize, filtered: bool) -> String {
    match (count, filtered) {
        (0, _) => t_string!(i18n, menu.no_match).to_string(),
        (1, _) => t_string!(i18n, menu.count_one).to_string(),
        (_, false) => t_string!(i18n, menu.count_all, count = count).to_string(),
        _ => t_string!(i18n, menu.count_many, count = count).to_string(),
    }
}

#[component]
pub fn MenuPage() -> impl IntoView {
    let i18n = use_i18n();
    let menu = Resource::new(|| (), |_| api::get_menu());
    let query = use_query_map();
    let filter = Memo::new(move |_| filter_of(&query.read()));
    view! {
        <crate::ui::seo::PageMeta path="/menu"
            title=Signal::derive(move || t_string!(i18n, menu.title).to_string())
            description=Signal::derive(move || t_string!(i18n, menu.description).to_string()) />
        <h1>{t!(i18n, menu.title)}</h1>
        <p class="lead">{t!(i18n, menu.intro)}</p>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match menu.await {
                    Ok(categories) if categories.is_empty() => {
                        Either::Left(Either::Left(view! { <p>{t!(i18n, menu.empty)}</p> }))
                    }
                    Ok(menu) => Either::Left(Either::Right(view! { <FilteredMenu menu filter /> })),
                    Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                }
            })}
        </Transition>
    }
}

/// The form beside the dishes it lets through.
#[component]
fn FilteredMenu(menu: Vec<MenuCategory>, filter: Memo<MenuFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let categories: Vec<(i64, Localized)> = menu.iter().map(|c| (c.id, c.name.clone())).collect();
    let menu = StoredValue::new(menu);
    let shown = Memo::new(move |_| filter.with(|f| menu.with_value(|m| f.apply(m))));
    let count = Memo::new(move |_| shown.with(|s| s.iter().map(|c| c.items.len()).sum::<usize>()));
    view! {
        <div class="menu-page">
            <MenuFilters categories filter />
            <div class="menu-results">
                // Polite: the new count is read once the list has changed.
                <p class="menu-count" role="status" aria-live="polite">
                    {move || count_text(i18n, count.get(), !filter.with(MenuFilter::is_empty))}
                </p>
                {move || {
                    let shown = shown.get();
                    if shown.is_empty() {
                        Either::Left(view! {
                            <div class="card menu-empty">
                                <p>{t!(i18n, menu.no_match_hint)}</p>
                                <a class="button button-secondary" href="/menu">{t!(i18n, menu.clear)}</a>
                            </div>
                        })
                    } else {
                        Either::Right(shown.into_iter().map(|category| view! { <Category category /> }).collect_view())
                    }
                }}
            </div>
        </div>
    }
}

/// The GET form. Its controls show the query (on the server, as
/// attributes; in the browser, as properties kept in step with the
/// address, so "Clear filters" or the back button reset them). Once
/// hydrated a check box or the category submits at once; the button stays
/// for the search box and for visitors without JavaScript.
#[component]
fn MenuFilters(categories: Vec<(i64, Localized)>, filter: Memo<MenuFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.get_locale().as_str();
    let navigate = use_navigate();
    let initial = filter.get_untracked();
    let category_options = categories
        .into_iter()
        .map(|(id, name)| {
            let is = move || filter.with(|f| f.category == Some(id));
            view! {
                <option value=id.to_string() selected=initial.category == Some(id) prop:selected=is>
                    {move || name.get(lang()).to_string()}
                </option>
            }
        })
        .collect_view();
    let diets = Diet::ALL
        .iter()
        .map(|&d| {
            let checked = move || filter.with(|f| f.diets.contains(&d));
            check_box(
                "diet",
                d.as_str(),
                initial.diets.contains(&d),
                checked,
                move || diet_label(i18n, d),
            )
        })
        .collect_view();
    let allergens = Allergen::ALL
        .iter()
        .map(|&a| {
            let checked = move || filter.with(|f| f.without.contains(&a));
            check_box(
                "without",
                a.as_str(),
                initial.without.contains(&a),
                checked,
                move || allergen_label(i18n, a),
            )
        })
        .collect_view();
    view! {
        <form class="card menu-filters" method="get" action="/menu" role="search"
            aria-label=move || t_string!(i18n, menu.filters)
            on:submit=move |ev| submit_get_form(&ev, &navigate)
            on:change=submit_on_change>
            <div class="field">
                <label for="menu-q">{t!(i18n, menu.search)}</label>
                <input id="menu-q" type="search" name="q" maxlength="80" autocomplete="off"
                    aria-describedby="menu-q-hint"
                    value=initial.q.clone() prop:value=move || filter.with(|f| f.q.clone()) />
                <p id="menu-q-hint" class="field-hint">{t!(i18n, menu.search_hint)}</p>
            </div>
            <div class="field">
                <label for="menu-category">{t!(i18n, menu.category)}</label>
                <select id="menu-category" name="category">
                    <option value="" selected=initial.category.is_none()
                        prop:selected=move || filter.with(|f| f.category.is_none())>
                        {t!(i18n, menu.all_categories)}
                    </option>
                    {category_options}
                </select>
            </div>
            <fieldset class="menu-checks">
                <legend>{t!(i18n, menu.suitable_for)}</legend>
                {diets}
            </fieldset>
            <fieldset class="menu-checks">
                <legend>{t!(i18n, menu.without)}</legend>
                {allergens}
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="button button-primary">{t!(i18n, menu.filter)}</button>
                <a class="button button-secondary" href="/menu">{t!(i18n, menu.clear)}</a>
            </div>
        </form>
    }
}

fn check_box(
    name: &'static str,
    value: &'static str,
    initial: bool,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    label: impl Fn() -> &'static str + Send + Sync + 'static,
) -> impl IntoView {
    let id = format!("menu-{name}-{value}");
    let label_for = id.clone();
    view! {
        <label class="check" for=label_for>
            <input id=id type="checkbox" name=name value=value checked=initial prop:checked=checked />
            <span>{label}</span>
        </label>
    }
}

/// A change of a check box or of the category submits the form (the
/// search box waits for Enter or the button: its `change` comes on blur).
fn submit_on_change(ev: leptos::ev::Event) {
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, HtmlFormElement};
    let from_search = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|el| el.get_attribute("name").as_deref() == Some("q"));
    if from_search {
        return;
    }
    if let Some(form) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
    {
        let _ = form.request_submit();
    }
}

#[component]
fn Category(category: MenuCategory) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.get_locale().as_str();
    let name = category.name;
    let heading = format!("menu-category-{}", category.id);
    let labelled_by = heading.clone();
    view! {
        <section class="card menu-category" aria-labelledby=labelled_by>
            <h2 id=heading>{move || name.get(lang()).to_string()}</h2>
            <ul class="menu-items">
                {category.items.into_iter().map(|item| view! { <Dish item /> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn Dish(item: MenuItem) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.get_locale().as_str();
    let MenuItem {
        name,
        description,
        price_cents,
        allergens,
        diets,
        available,
        photos,
        ..
    } = item;
    let photo = photos.into_iter().next().map(|photo| {
        let name = name.clone();
        view! { <Picture photo alt=Signal::derive(move || name.get(lang()).to_string()) sizes=PHOTO_SIZES class="menu-item-photo" /> }
    });
    let has_photo = photo.is_some();
    let diet_tags = (!diets.is_empty()).then(|| {
        view! {
            <ul class="menu-tags" aria-label=move || t_string!(i18n, menu.suitable_for)>
                {diets.into_iter().map(|d| view! {
                    <li class="menu-tag">{move || diet_label(i18n, d)}</li>
                }).collect_view()}
            </ul>
        }
    });
    // Said in words, not by an icon or a colour.
    let allergen_line = if allergens.is_empty() {
        Either::Left(view! { <p class="menu-allergens">{t!(i18n, menu.no_allergens)}</p> })
    } else {
        let names = move || {
            let names: Vec<&str> = allergens.iter().map(|a| allergen_label(i18n, *a)).collect();
            names.join(", ")
        };
        Either::Right(view! {
            <p class="menu-allergens">
                <span class="menu-allergens-label">{t!(i18n, menu.contains)}</span>" "{names}
            </p>
        })
    };
    view! {
        <li class="menu-item" class:menu-item-unavailable=!available class:has-photo=has_photo>
            {photo}
            <div class="menu-item-body">
                <div class="menu-item-head">
                    <h3 class="menu-item-name">{move || name.get(lang()).to_string()}</h3>
                    <span class="menu-item-price">{move || format_price(price_cents, lang())}</span>
                </div>
                {(!available).then(|| view! {
                    <p class="menu-item-status">{t!(i18n, menu.unavailable)}</p>
                })}
                <p class="menu-item-description">{move || description.get(lang()).to_string()}</p>
                {diet_tags}
                {allergen_line}
            </div>
        </li>
    }
}
