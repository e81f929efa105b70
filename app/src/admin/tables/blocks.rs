//! The tables screen's blocks: what is blocked in the coming weeks (with
//! a button to unblock each) and the form that blocks ticked tables or a
//! whole area over a span. Any staff member may; it works before
//! hydration.

use super::{api, TablesView};
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::form::{FormAlerts, FormErrors};
use crate::ui::{I18n, Loading};
use domain::blocks::MAX_REASON_CHARS;
use domain::{Floor, TableBlock};
use leptos::prelude::*;

/// A block's span: `2026-12-24, 18:00–23:00` within a day, else
/// `2026-12-24 18:00 – 2026-12-26 10:00`.
fn span(start: &str, end: &str) -> String {
    match (start.split_once('T'), end.split_once('T')) {
        (Some((day, from)), Some((last, to))) if day == last => format!("{day}, {from}–{to}"),
        _ => format!(
            "{} – {}",
            start.replacen('T', " ", 1),
            end.replacen('T', " ", 1)
        ),
    }
}

#[component]
pub fn BlocksCard(room: Resource<Result<TablesView, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<api::AdminBlockAdd>::new();
    let remove = ServerAction::<api::AdminBlockDelete>::new();
    let saved = RwSignal::new(0_usize);
    count_successes!(saved, add, remove);
    let blocks = Resource::new(
        move || (saved.get(), crate::ui::live::changes()),
        |_| api::admin_blocks(),
    );
    let refused = move || remove.value().get().and_then(Result::err);
    view! {
        <section class="card" aria-labelledby="blocks-title">
            <h2 id="blocks-title">{t!(i18n, blocks.title)}</h2>
            <p class="hint">{t!(i18n, blocks.intro)}</p>
            {move || refused().map(|error| view! { <ErrorMessage error /> })}
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match (room.await, blocks.await) {
                        (Ok(view), Ok(list)) => {
                            let floor = view.floor;
                            let list = if list.is_empty() {
                                view! { <p class="hint">{t!(i18n, blocks.none)}</p> }.into_any()
                            } else {
                                let tables = floor.tables.clone();
                                let names = move |ids: &[i64]| {
                                    ids.iter()
                                        .filter_map(|id| tables.iter().find(|t| t.id == *id).map(|t| t.name.clone()))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                };
                                view! { <BlockList list names remove /> }.into_any()
                            };
                            view! { {list} <BlockForm action=add floor /> }.into_any()
                        }
                        (Err(error), _) | (_, Err(error)) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn BlockList(
    list: Vec<TableBlock>,
    names: impl Fn(&[i64]) -> String + 'static,
    remove: ServerAction<api::AdminBlockDelete>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = Signal::derive(move || t_string!(i18n, blocks.list_label).to_string());
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=label>
            <table class="list-table">
                <caption class="visually-hidden">{label}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, blocks.col_when)}</th>
                        <th scope="col">{t!(i18n, blocks.col_tables)}</th>
                        <th scope="col">{t!(i18n, blocks.col_reason)}</th>
                        <th scope="col">{t!(i18n, blocks.col_by)}</th>
                        <th scope="col">{t!(i18n, blocks.col_actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|b| {
                        let reason = b.reason.clone();
                        view! {
                            <tr data-block=b.id>
                                <td class="nowrap">{span(&b.start, &b.end)}</td>
                                <td>{names(&b.tables)}</td>
                                <th scope="row">{b.reason.clone()}</th>
                                <td>{b.created_by.clone().unwrap_or_default()}</td>
                                <td class="row-actions">
                                    <ActionForm action=remove>
                                        <input type="hidden" name="id" value=b.id />
                                        <button type="submit" class="button button-secondary">
                                            {t!(i18n, blocks.remove)}
                                            <span class="visually-hidden">" "{reason.clone()}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn text(i18n: I18n, f: fn(I18n) -> &'static str) -> Signal<String> {
    Signal::derive(move || f(i18n).to_string())
}

/// A labelled `datetime-local` field with its inline error.
#[component]
fn When(
    id: &'static str,
    name: &'static str,
    label: Signal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.with(Option::is_some).then(|| error_id.clone())
    };
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label for=id>{label}</label>
            {move || error.get().map(|message| view! {
                <p class="field-error" id=error_id.clone()>{message}</p>
            })}
            <input id=id name=name type="datetime-local" required=true
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described />
        </div>
    }
}

#[component]
fn BlockForm(action: ServerAction<api::AdminBlockAdd>, floor: Floor) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = FormErrors::new(error, "block-errors");
    let tables_error = errors.field(i18n, "tables");
    let area_error = errors.field(i18n, "area_id");
    let reason_error = errors.field(i18n, "reason");
    let reason_described = move || {
        reason_error
            .with(Option::is_some)
            .then_some("block-reason-error")
    };
    // Blocked: the form is empty again for the next one.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::watch(
        move || action.version().get(),
        move |_, _, _| {
            if matches!(action.value().get_untracked(), Some(Ok(_))) {
                if let Some(form) = form.get_untracked() {
                    form.reset();
                }
            }
        },
        false,
    );
    view! {
        <h3 id="block-form-title">{t!(i18n, blocks.add)}</h3>
        <ActionForm action node_ref=form attr:class="form" attr:novalidate=true attr:aria-labelledby="block-form-title">
            <FormAlerts id="block-errors" errors />
            <fieldset class="field" class:field-invalid=move || tables_error.with(Option::is_some)>
                <legend>{t!(i18n, blocks.tables)}</legend>
                {move || tables_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
                <div class="check-grid">
                    {floor.tables.iter().filter(|t| t.active).map(|t| view! {
                        <label class="check">
                            <input type="checkbox" name="tables[]" value=t.id />
                            {t.name.clone()}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field" class:field-invalid=move || area_error.with(Option::is_some)>
                <label for="block-area">{t!(i18n, blocks.area)}</label>
                {move || area_error.get().map(|m| view! { <p class="field-error" id="block-area-error">{m}</p> })}
                <select id="block-area" name="area_id"
                    aria-invalid=move || area_error.with(Option::is_some).then_some("true")
                    aria-describedby=move || area_error.with(Option::is_some).then_some("block-area-error")>
                    <option value="">{t!(i18n, blocks.no_area)}</option>
                    {floor.areas.iter().map(|a| view! {
                        <option value=a.id>{a.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-grid">
                <When id="block-start" name="start" label=text(i18n, |i| t_string!(i, blocks.start))
                    error=errors.field(i18n, "start") />
                <When id="block-end" name="end" label=text(i18n, |i| t_string!(i, blocks.end))
                    error=errors.field(i18n, "end") />
            </div>
            <div class="field" class:field-invalid=move || reason_error.with(Option::is_some)>
                <label for="block-reason">{t!(i18n, blocks.reason)}</label>
                {move || reason_error.get().map(|m| view! { <p class="field-error" id="block-reason-error">{m}</p> })}
                <input id="block-reason" name="reason" type="text" required=true maxlength=MAX_REASON_CHARS
                    aria-invalid=move || reason_error.with(Option::is_some).then_some("true")
                    aria-describedby=reason_described />
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {t!(i18n, blocks.submit)}
                </button>
            </div>
        </ActionForm>
    }
}
