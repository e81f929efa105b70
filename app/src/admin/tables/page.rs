//! `/admin/tables`: the areas with their plans and tables, the table form
//! (a new table, or `?edit=ID`), and the combinations.

use super::blocks::BlocksCard;
use super::forms::{AreaForm, CombinationForm, TableForm};
use super::in_use::InUseCard;
use super::plan::Plan;
use super::{api, TablesView};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::{I18n, Loading};
use domain::{Area, FloorTable, TableShape};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The screen's actions: each moves the room's resource on.
#[derive(Clone, Copy)]
pub(super) struct Actions {
    pub save_area: ServerAction<api::AdminAreaSave>,
    pub rename_area: ServerAction<api::AdminAreaSave>,
    pub delete_area: ServerAction<api::AdminAreaDelete>,
    pub save_table: ServerAction<api::AdminTableSave>,
    pub delete_table: ServerAction<api::AdminTableDelete>,
    pub add_combination: ServerAction<api::AdminCombinationAdd>,
    pub delete_combination: ServerAction<api::AdminCombinationDelete>,
    /// A table moved on its plan: not read again after (the plan moved
    /// it already).
    pub place: ServerAction<api::AdminTablePlace>,
}

impl Actions {
    /// Moves on with every action that succeeds.
    fn successes(self) -> RwSignal<usize> {
        let count = RwSignal::new(0_usize);
        count_successes!(
            count,
            self.save_area,
            self.rename_area,
            self.delete_area,
            self.save_table,
            self.delete_table,
            self.add_combination,
            self.delete_combination,
        );
        count
    }

    /// The last refusal of an action that has no form of its own.
    fn refusal(self) -> Option<AppError> {
        [
            self.rename_area.value().get(),
            self.delete_area.value().get(),
            self.delete_table.value().get(),
            self.delete_combination.value().get(),
            self.place.value().get(),
        ]
        .into_iter()
        .flatten()
        .find_map(Result::err)
    }
}

pub fn shape_label(i18n: I18n, shape: TableShape) -> &'static str {
    match shape {
        TableShape::Round => t_string!(i18n, tables.shape_round),
        TableShape::Square => t_string!(i18n, tables.shape_square),
        TableShape::Rectangle => t_string!(i18n, tables.shape_rectangle),
    }
}

/// What an `in_use` refusal means, in words.
fn refusal_text(i18n: I18n, error: &AppError) -> Option<&'static str> {
    match error {
        AppError::InUse { reason } => Some(match reason.as_str() {
            "area_not_empty" => t_string!(i18n, tables.in_use_area),
            "table_has_history" => t_string!(i18n, tables.has_history),
            _ => t_string!(i18n, tables.in_use_table),
        }),
        AppError::InvalidFields { fields } if fields.iter().any(|f| f.reason == "taken") => {
            Some(t_string!(i18n, tables.err_taken))
        }
        _ => None,
    }
}

#[component]
pub fn TablesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let actions = Actions {
        save_area: ServerAction::new(),
        rename_area: ServerAction::new(),
        delete_area: ServerAction::new(),
        save_table: ServerAction::new(),
        delete_table: ServerAction::new(),
        add_combination: ServerAction::new(),
        delete_combination: ServerAction::new(),
        place: ServerAction::new(),
    };
    let edit = Memo::new(move |_| query.read().get("edit").and_then(|v| v.parse::<i64>().ok()));
    let done = Memo::new(move |_| query.read().get("done"));
    let saved = actions.successes();
    let room = Resource::new(
        move || (saved.get(), crate::ui::live::changes()),
        |_| api::admin_floor(),
    );
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, tables.title).to_string() />
        <h1 id="page-title" tabindex="-1">{t!(i18n, tables.title)}</h1>
        <div class="status-region" role="status" aria-live="polite">
            {move || done.get().map(|code| {
                let text = match code.as_str() {
                    "area" => t_string!(i18n, tables.done_area),
                    "area_removed" => t_string!(i18n, tables.done_area_removed),
                    "table_removed" => t_string!(i18n, tables.done_table_removed),
                    "combination" => t_string!(i18n, tables.done_combination),
                    "combination_removed" => t_string!(i18n, tables.done_combination_removed),
                    "block" => t_string!(i18n, blocks.done),
                    "block_removed" => t_string!(i18n, blocks.done_removed),
                    "reassigned" => t_string!(i18n, tables.done_reassigned),
                    _ => t_string!(i18n, tables.done_table),
                };
                view! { <p class="alert alert-success">{text}</p> }
            })}
            {move || actions.refusal().map(|error| match refusal_text(i18n, &error) {
                Some(text) => view! { <p class="alert alert-error" role="alert">{text}</p> }.into_any(),
                None => view! { <ErrorMessage error /> }.into_any(),
            })}
        </div>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match room.await {
                    Ok(view) => view! { <Room view actions edit /> }.into_any(),
                    Err(error) => view! { <ErrorMessage error /> }.into_any(),
                }
            })}
        </Transition>
        {move || edit.get().map(|id| view! { <InUseCard id /> })}
        <BlocksCard room />
    }
}

#[component]
fn Room(view: TablesView, actions: Actions, edit: Memo<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let TablesView { floor, editable } = view;
    let areas = floor.areas.clone();
    let tables = floor.tables.clone();
    let editing = move || {
        edit.get()
            .and_then(|id| tables.iter().find(|t| t.id == id).cloned())
    };
    let all_tables = floor.tables.clone();
    let (form_areas, combo_tables) = (floor.areas.clone(), floor.tables.clone());
    view! {
        {(!editable).then(|| view! { <p class="alert alert-info">{t!(i18n, tables.read_only)}</p> })}
        {areas
            .into_iter()
            .map(|area| {
                let mine: Vec<FloorTable> =
                    all_tables.iter().filter(|t| t.area_id == area.id).cloned().collect();
                view! { <AreaCard area tables=mine editable actions /> }
            })
            .collect_view()}
        {editable.then(|| view! {
            <AreaForm action=actions.save_area id=None name=String::new() />
            {move || {
                let areas = form_areas.clone();
                view! { <TableForm action=actions.save_table areas table=editing() /> }
            }}
        })}
        <CombinationsCard floor=floor.clone() editable actions />
        {editable.then(|| view! { <CombinationForm action=actions.add_combination tables=combo_tables /> })}
    }
}

#[component]
fn AreaCard(
    area: Area,
    tables: Vec<FloorTable>,
    editable: bool,
    actions: Actions,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("area-{}", area.id);
    let labelled_by = heading.clone();
    let count = area.tables;
    let name = area.name.clone();
    let plan_label = {
        let name = area.name.clone();
        move || t_string!(i18n, tables.plan_label, area = name.clone()).to_string()
    };
    view! {
        <section class="card area-card" aria-labelledby=labelled_by>
            <h2 id=heading>{area.name.clone()}</h2>
            <p class="hint">{move || t_string!(i18n, tables.count, count = count).to_string()}</p>
            <Plan tables=tables.clone() label=Signal::derive(plan_label) place=editable.then_some(actions.place) grid=format!("plan-grid-{}", area.id) />
            {(!tables.is_empty()).then(|| view! { <TableList area=area.name.clone() tables=tables.clone() editable actions /> })}
            {editable.then(|| view! {
                <details class="area-edit">
                    <summary class="button button-secondary">{t!(i18n, tables.rename)}</summary>
                    <AreaForm action=actions.rename_area id=Some(area.id) name=name.clone() />
                </details>
                {if count == 0 {
                    view! {
                        <ActionForm action=actions.delete_area>
                            <input type="hidden" name="id" value=area.id />
                            <button type="submit" class="button button-secondary">
                                {move || t_string!(i18n, tables.remove_area, area = name.clone()).to_string()}
                            </button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! { <p class="hint">{t!(i18n, tables.area_keep_hint)}</p> }.into_any()
                }}
            })}
        </section>
    }
}

#[component]
fn TableList(
    area: String,
    tables: Vec<FloorTable>,
    editable: bool,
    actions: Actions,
) -> impl IntoView {
    let i18n = use_i18n();
    let label =
        Signal::derive(move || t_string!(i18n, tables.list_label, area = area.clone()).to_string());
    let yes_no = move |b: bool| {
        if b {
            t_string!(i18n, tables.yes)
        } else {
            t_string!(i18n, tables.no)
        }
    };
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
            <table class="list-table">
                <caption class="visually-hidden">{label}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, tables.col_name)}</th>
                        <th scope="col">{t!(i18n, tables.col_seats)}</th>
                        <th scope="col">{t!(i18n, tables.col_online)}</th>
                        <th scope="col">{t!(i18n, tables.col_active)}</th>
                        <th scope="col">{t!(i18n, tables.col_shape)}</th>
                        {editable.then(|| view! { <th scope="col">{t!(i18n, tables.col_actions)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {tables.into_iter().map(|t| {
                        let name = t.name.clone();
                        view! {
                            <tr data-table=t.name.clone()>
                                <th scope="row">{t.name.clone()}</th>
                                <td>{format!("{}–{}", t.min_seats, t.max_seats)}</td>
                                <td>{yes_no(t.bookable_online)}</td>
                                <td>{yes_no(t.active)}</td>
                                <td>{shape_label(i18n, t.shape)}</td>
                                {editable.then(|| view! {
                                    <td class="row-actions">
                                        <a class="button button-secondary" href=format!("/admin/tables?edit={}#table-form", t.id)>
                                            {let name = name.clone(); move || t_string!(i18n, tables.edit, name = name.clone()).to_string()}
                                        </a>
                                        <ActionForm action=actions.delete_table>
                                            <input type="hidden" name="id" value=t.id />
                                            <button type="submit" class="button button-secondary">
                                                {let name = name.clone(); move || t_string!(i18n, tables.remove_table, name = name.clone()).to_string()}
                                            </button>
                                        </ActionForm>
                                    </td>
                                })}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CombinationsCard(floor: domain::Floor, editable: bool, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let names = |ids: &[i64]| {
        ids.iter()
            .filter_map(|id| {
                floor
                    .tables
                    .iter()
                    .find(|t| t.id == *id)
                    .map(|t| t.name.clone())
            })
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let rows: Vec<_> = floor
        .combinations
        .iter()
        .map(|c| (c.id, c.name.clone(), names(&c.tables), c.max_seats))
        .collect();
    view! {
        <section class="card" aria-labelledby="combinations-title">
            <h2 id="combinations-title">{t!(i18n, tables.combinations)}</h2>
            {if rows.is_empty() {
                view! { <p class="hint">{t!(i18n, tables.no_combinations)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list">
                        {rows.into_iter().map(|(id, name, members, seats)| {
                            let label = name.clone();
                            view! {
                                <li class="combination">
                                    <strong>{name}</strong>" · "{members}" · "
                                    {move || t_string!(i18n, tables.up_to, count = seats).to_string()}
                                    {editable.then(|| view! {
                                        <ActionForm action=actions.delete_combination attr:class="inline-form">
                                            <input type="hidden" name="id" value=id />
                                            <button type="submit" class="button button-secondary">
                                                {let label = label.clone(); move || t_string!(i18n, tables.remove_combination, name = label.clone()).to_string()}
                                            </button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
