//! The tables screen's forms: an area (new, or renamed), a table (new, or
//! `?edit=ID`), a combination. Each names its fields at fault inline and in
//! a summary; each works before hydration.

use super::api;
use super::page::shape_label;
use crate::i18n::*;
use crate::ui::form::{FormAlerts, FormErrors};
use crate::ui::I18n;
use domain::floor::{MAX_CELL, MAX_NAME_CHARS, MAX_SEATS, MAX_SIZE, ROTATIONS};
use domain::{Area, FloorTable, TableShape};
use leptos::prelude::*;

/// A labelled input with its inline error.
#[component]
fn Input(
    id: String,
    name: &'static str,
    label: Signal<String>,
    error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    value: String,
    #[prop(optional)] min: Option<u32>,
    #[prop(optional)] max: Option<u32>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{label}</label>
            {move || error.get().map(|message| view! {
                <p class="field-error" id=error_id.clone()>{message}</p>
            })}
            <input id=id.clone() name=name type=kind value=value min=min max=max
                maxlength=(kind == "text").then_some(MAX_NAME_CHARS)
                required=true
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described />
        </div>
    }
}

fn label(i18n: I18n, f: fn(I18n) -> &'static str) -> Signal<String> {
    Signal::derive(move || f(i18n).to_string())
}

/// A new area (`id` none), or an area renamed.
#[component]
pub fn AreaForm(
    action: ServerAction<api::AdminAreaSave>,
    id: Option<i64>,
    name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = id.map_or("new".to_owned(), |id| id.to_string());
    // A new area's form shows its errors; a rename's show in the screen's
    // status (several rename forms share one action).
    let error = Memo::new(move |_| {
        action
            .value()
            .get()
            .and_then(Result::err)
            .filter(|_| id.is_none())
    });
    let errors = FormErrors::new(error, "area-errors");
    view! {
        <ActionForm action attr:class=if id.is_none() { "form card narrow-card" } else { "form" }
            attr:novalidate=true>
            {id.is_none().then(|| view! { <h2>{t!(i18n, tables.add_area)}</h2> })}
            {id.is_none().then(|| view! { <FormAlerts id="area-errors" errors /> })}
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            <Input id=format!("area-name-{key}") name="name"
                label=label(i18n, |i| t_string!(i, tables.area_name))
                error=errors.field(i18n, "name") value=name />
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {if id.is_none() { t!(i18n, tables.add_area_submit).into_any() } else { t!(i18n, tables.rename_submit).into_any() }}
                </button>
            </div>
        </ActionForm>
    }
}

/// A new table, or `table` changed.
#[component]
pub fn TableForm(
    action: ServerAction<api::AdminTableSave>,
    areas: Vec<Area>,
    table: Option<FloorTable>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "table-errors");
    let field = move |name: &'static str| errors.field(i18n, name);
    let t = table.clone();
    let num =
        move |f: fn(&FloorTable) -> u32, default: u32| t.as_ref().map_or(default, f).to_string();
    let current_area = table.as_ref().map(|t| t.area_id);
    let current_shape = table.as_ref().map_or(TableShape::Square, |t| t.shape);
    let current_rotation = table.as_ref().map_or(0, |t| t.rotation);
    let online = table.as_ref().is_none_or(|t| t.bookable_online);
    let active = table.as_ref().is_none_or(|t| t.active);
    let heading = match &table {
        Some(t) => {
            let name = t.name.clone();
            Signal::derive(move || t_string!(i18n, tables.edit, name = name.clone()).to_string())
        }
        None => label(i18n, |i| t_string!(i, tables.add_table)),
    };
    let area_error = field("area_id");
    let shape_error = field("shape");
    let rotation_error = field("rotation");
    view! {
        <section class="card" id="table-form" aria-labelledby="table-form-title">
            <h2 id="table-form-title">{heading}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlerts id="table-errors" errors />
                {table.as_ref().map(|t| view! { <input type="hidden" name="id" value=t.id /> })}
                <div class="form-grid">
                    <Input id="table-name".into() name="name" label=label(i18n, |i| t_string!(i, tables.name))
                        error=field("name") value=table.as_ref().map(|t| t.name.clone()).unwrap_or_default() />
                    <div class="field" class:field-invalid=move || area_error.with(Option::is_some)>
                        <label for="table-area">{t!(i18n, tables.area)}</label>
                        {move || area_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                        <select id="table-area" name="area_id">
                            {areas.into_iter().map(|a| view! {
                                <option value=a.id selected=current_area == Some(a.id)>{a.name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Input id="table-min".into() name="min_seats" kind="number" min=1 max=MAX_SEATS
                        label=label(i18n, |i| t_string!(i, tables.min_seats)) error=field("min_seats")
                        value=num(|t| t.min_seats, 2) />
                    <Input id="table-max".into() name="max_seats" kind="number" min=1 max=MAX_SEATS
                        label=label(i18n, |i| t_string!(i, tables.max_seats)) error=field("max_seats")
                        value=num(|t| t.max_seats, 4) />
                    <div class="field" class:field-invalid=move || shape_error.with(Option::is_some)>
                        <label for="table-shape">{t!(i18n, tables.shape)}</label>
                        <select id="table-shape" name="shape">
                            {TableShape::ALL.into_iter().map(|s| view! {
                                <option value=s.as_str() selected=s == current_shape>{shape_label(i18n, s)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field" class:field-invalid=move || rotation_error.with(Option::is_some)>
                        <label for="table-rotation">{t!(i18n, tables.rotation)}</label>
                        <select id="table-rotation" name="rotation">
                            {ROTATIONS.into_iter().map(|r| view! {
                                <option value=r selected=r == current_rotation>{format!("{r}°")}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <Input id="table-x".into() name="x" kind="number" min=0 max=MAX_CELL
                        label=label(i18n, |i| t_string!(i, tables.x)) error=field("x") value=num(|t| t.x, 0) />
                    <Input id="table-y".into() name="y" kind="number" min=0 max=MAX_CELL
                        label=label(i18n, |i| t_string!(i, tables.y)) error=field("y") value=num(|t| t.y, 0) />
                    <Input id="table-width".into() name="width" kind="number" min=1 max=MAX_SIZE
                        label=label(i18n, |i| t_string!(i, tables.width)) error=field("width") value=num(|t| t.width, 2) />
                    <Input id="table-height".into() name="height" kind="number" min=1 max=MAX_SIZE
                        label=label(i18n, |i| t_string!(i, tables.height)) error=field("height") value=num(|t| t.height, 2) />
                </div>
                <div class="field field-check">
                    <label class="check">
                        <input id="table-online" type="checkbox" name="bookable_online" value="on" checked=online />
                        {t!(i18n, tables.online)}
                    </label>
                </div>
                <div class="field field-check">
                    <label class="check">
                        <input id="table-active" type="checkbox" name="active" value="on" checked=active />
                        {t!(i18n, tables.active)}
                    </label>
                </div>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, tables.save)}
                    </button>
                    {table.is_some().then(|| view! {
                        <a class="button button-secondary" href="/admin/tables">{t!(i18n, tables.cancel_edit)}</a>
                    })}
                </div>
            </ActionForm>
        </section>
    }
}

/// A new combination of two to eight tables.
#[component]
pub fn CombinationForm(
    action: ServerAction<api::AdminCombinationAdd>,
    tables: Vec<FloorTable>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "combination-errors");
    let tables_error = errors.field(i18n, "tables");
    view! {
        <section class="card narrow-card" aria-labelledby="combination-form-title">
            <h2 id="combination-form-title">{t!(i18n, tables.add_combination)}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlerts id="combination-errors" errors />
                <Input id="combination-name".into() name="name"
                    label=label(i18n, |i| t_string!(i, tables.combination_name))
                    error=errors.field(i18n, "name") value=String::new() />
                <fieldset class="field" class:field-invalid=move || tables_error.with(Option::is_some)>
                    <legend>{t!(i18n, tables.combination_tables)}</legend>
                    {move || tables_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                    <div class="check-grid">
                        {tables.into_iter().map(|t| view! {
                            <label class="check">
                                <input type="checkbox" name="tables[]" value=t.id />
                                {t.name}
                            </label>
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="form-actions">
                    <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                        {t!(i18n, tables.add_combination_submit)}
                    </button>
                </div>
            </ActionForm>
        </section>
    }
}
