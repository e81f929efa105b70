//! The exceptions to the weekly hours that have not ended: closed days
//! and special hours (with a button to remove each, for admins), and the
//! form that adds one.

use super::api;
use super::errors::{Alerts, Errors, Scope};
use super::fields::{period_text, PeriodFields};
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::form::text;
use crate::ui::form::Field;
use crate::ui::I18n;
use domain::settings::MAX_EXCEPTION_NOTE_CHARS;
use domain::HoursException;
use leptos::prelude::*;

/// "Thursday 24 December 2026 – Saturday 26 December 2026", or the one day.
fn dates_text(i18n: I18n, e: &HoursException) -> String {
    let from = long_date(i18n, &e.from.to_string());
    if e.from == e.to {
        from
    } else {
        format!("{from} – {}", long_date(i18n, &e.to.to_string()))
    }
}

#[component]
pub fn ExceptionsCard(
    exceptions: Vec<HoursException>,
    editable: bool,
    add: ServerAction<api::AdminExceptionAdd>,
    remove: ServerAction<api::AdminExceptionDelete>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = Signal::derive(move || t_string!(i18n, settings.exceptions_label).to_string());
    let list = if exceptions.is_empty() {
        view! { <p class="hint">{t!(i18n, settings.no_exceptions)}</p> }.into_any()
    } else {
        view! {
            <div class="table-scroll" role="region" tabindex="0" aria-label=label>
                <table class="list-table">
                    <caption class="visually-hidden">{label}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, settings.col_dates)}</th>
                            <th scope="col">{t!(i18n, settings.col_hours)}</th>
                            <th scope="col">{t!(i18n, settings.col_note)}</th>
                            {editable.then(|| view! { <th scope="col">{t!(i18n, settings.col_actions)}</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {exceptions.into_iter().map(|e| {
                            let (dates, hours) = (e.clone(), e.hours);
                            let context = e.clone();
                            view! {
                                <tr data-exception=e.id>
                                    <th scope="row">{move || dates_text(i18n, &dates)}</th>
                                    <td>{move || match &hours {
                                        None => t_string!(i18n, settings.closed).to_string(),
                                        Some(p) => period_text(i18n, p),
                                    }}</td>
                                    <td>{if e.note.is_empty() { "—".to_owned() } else { e.note.clone() }}</td>
                                    {editable.then(|| view! {
                                        <td class="row-actions">
                                            <ActionForm action=remove attr:class="inline-form">
                                                <input type="hidden" name="id" value=e.id />
                                                <button type="submit" class="button button-secondary">
                                                    {t!(i18n, settings.remove)}
                                                    <span class="visually-hidden">
                                                        " "{move || dates_text(i18n, &context)}
                                                    </span>
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
        .into_any()
    };
    view! {
        <section class="card" id="exceptions" aria-labelledby="exceptions-title">
            <h2 id="exceptions-title">{t!(i18n, settings.exceptions_title)}</h2>
            <p class="hint">{t!(i18n, settings.exceptions_intro)}</p>
            {list}
            {editable.then(|| view! { <ExceptionForm action=add /> })}
        </section>
    }
}

#[component]
fn ExceptionForm(action: ServerAction<api::AdminExceptionAdd>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = Errors::new(error, "exception-errors", Scope::Exception);
    let kind_error = errors.field("kind");
    // Saved: the form is empty again for the next exception.
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
        <h3 id="exception-form-title">{t!(i18n, settings.exception_form_title)}</h3>
        <ActionForm action node_ref=form attr:id="exception-form" attr:class="form" attr:novalidate=true
            attr:aria-labelledby="exception-form-title">
            <Alerts id="exception-errors" errors />
            <fieldset class="field" class:field-invalid=move || kind_error.with(Option::is_some)
                aria-describedby=move || kind_error.with(Option::is_some).then_some("exception-kind-error")>
                <legend>{t!(i18n, settings.exception_kind)}</legend>
                {move || kind_error.get().map(|m| view! {
                    <p class="field-error" id="exception-kind-error">
                        <span class="visually-hidden">{t_string!(i18n, form.error_prefix)}" "</span>
                        {m}
                    </p>
                })}
                <div class="check-grid">
                    <label class="check">
                        <input type="radio" id="exception-kind-closed" name="kind" value="closed" checked=true />
                        {t!(i18n, settings.kind_closed)}
                    </label>
                    <label class="check">
                        <input type="radio" id="exception-kind-special" name="kind" value="special_hours" />
                        {t!(i18n, settings.kind_special)}
                    </label>
                </div>
            </fieldset>
            <div class="form-grid">
                <Field id="exception-from" name="from" kind="date" required=true
                    label=text(i18n, |i| t_string!(i, settings.from_date)) error=errors.field("from") />
                <Field id="exception-to" name="to" kind="date"
                    label=text(i18n, |i| t_string!(i, settings.to_date))
                    hint=text(i18n, |i| t_string!(i, settings.to_hint)) error=errors.field("to") />
            </div>
            <Field id="exception-note" name="note" maxlength=MAX_EXCEPTION_NOTE_CHARS
                label=text(i18n, |i| t_string!(i, settings.note))
                hint=text(i18n, |i| t_string!(i, settings.note_hint)) error=errors.field("note") />
            <fieldset class="settings-fieldset" aria-describedby="exception-hours-hint">
                <legend>{t!(i18n, settings.special_hours)}</legend>
                <p class="field-hint" id="exception-hours-hint">{t!(i18n, settings.special_hours_hint)}</p>
                <PeriodFields prefix="exception" kind_name="service_kind" errors />
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {t!(i18n, settings.exception_submit)}
                </button>
            </div>
        </ActionForm>
    }
}
