//! The weekly opening hours: each weekday's services (with a button to
//! remove each, for admins), and the form that sets a service's hours on
//! the ticked days (creating that service there, or replacing its hours).

use super::api;
use super::errors::{Alerts, Errors, Scope};
use super::fields::{day_name, pacing_text, PeriodFields};
use crate::i18n::*;
use crate::ui::labels::service_label;
use domain::{Weekday, WeeklyPeriod};
use leptos::prelude::*;

#[component]
pub fn HoursCard(
    hours: Vec<WeeklyPeriod>,
    editable: bool,
    save: ServerAction<api::AdminHoursSave>,
    remove: ServerAction<api::AdminHoursDelete>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = Signal::derive(move || t_string!(i18n, settings.hours_label).to_string());
    let rows = Weekday::ALL
        .into_iter()
        .map(|day| {
            let mine: Vec<WeeklyPeriod> = hours.iter().filter(|p| p.weekday == day).copied().collect();
            if mine.is_empty() {
                let span = if editable { 7 } else { 6 };
                return view! {
                    <tr data-day=day.as_str()>
                        <th scope="row">{move || day_name(i18n, day)}</th>
                        <td colspan=span>{t!(i18n, settings.closed)}</td>
                    </tr>
                }
                .into_any();
            }
            mine.into_iter()
                .map(|p| {
                    let t = p.times;
                    view! {
                        <tr data-day=day.as_str() data-service=t.kind.as_str()>
                            <th scope="row">{move || day_name(i18n, day)}</th>
                            <td>{move || service_label(i18n, t.kind)}</td>
                            <td class="nowrap">{t.opens.to_string()}</td>
                            <td class="nowrap">{t.last_seating.to_string()}</td>
                            <td class="nowrap">{t.closes.to_string()}</td>
                            <td class="nowrap">{move || t_string!(i18n, settings.interval_short, minutes = t.slot_interval_minutes).to_string()}</td>
                            <td class="nowrap">{move || match t.max_covers_per_slot {
                                Some(n) => t_string!(i18n, settings.pacing_short, count = n).to_string(),
                                None => pacing_text(i18n, None),
                            }}</td>
                            {editable.then(|| view! {
                                <td class="row-actions">
                                    <ActionForm action=remove attr:class="inline-form">
                                        <input type="hidden" name="id" value=p.id />
                                        <button type="submit" class="button button-secondary">
                                            {t!(i18n, settings.remove)}
                                            <span class="visually-hidden">
                                                " "{move || day_name(i18n, day)}" "{move || service_label(i18n, t.kind)}
                                            </span>
                                        </button>
                                    </ActionForm>
                                </td>
                            })}
                        </tr>
                    }
                })
                .collect_view()
                .into_any()
        })
        .collect_view();
    view! {
        <section class="card" id="hours" aria-labelledby="hours-title">
            <h2 id="hours-title">{t!(i18n, settings.hours_title)}</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-label=label>
                <table class="list-table">
                    <caption class="visually-hidden">{label}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, settings.col_day)}</th>
                            <th scope="col">{t!(i18n, settings.service)}</th>
                            <th scope="col">{t!(i18n, settings.col_opens)}</th>
                            <th scope="col">{t!(i18n, settings.col_last_seating)}</th>
                            <th scope="col">{t!(i18n, settings.col_closes)}</th>
                            <th scope="col">{t!(i18n, settings.col_interval)}</th>
                            <th scope="col">{t!(i18n, settings.col_pacing)}</th>
                            {editable.then(|| view! { <th scope="col">{t!(i18n, settings.col_actions)}</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {editable.then(|| view! { <HoursForm action=save /> })}
        </section>
    }
}

#[component]
fn HoursForm(action: ServerAction<api::AdminHoursSave>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Memo::new(move |_| action.value().get().and_then(Result::err));
    let errors = Errors::new(error, "hours-errors", Scope::Hours);
    let days_error = errors.field("weekdays");
    // Saved: the form is empty again for the next service.
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
        <h3 id="hours-form-title">{t!(i18n, settings.hours_form_title)}</h3>
        <p class="hint" id="hours-form-intro">{t!(i18n, settings.hours_form_intro)}</p>
        <ActionForm action node_ref=form attr:id="hours-form" attr:class="form" attr:novalidate=true
            attr:aria-labelledby="hours-form-title" attr:aria-describedby="hours-form-intro">
            <Alerts id="hours-errors" errors />
            <fieldset class="field" class:field-invalid=move || days_error.with(Option::is_some)
                aria-describedby=move || days_error.with(Option::is_some).then_some("hours-days-error")>
                <legend>{t!(i18n, settings.weekdays)}</legend>
                {move || days_error.get().map(|m| view! {
                    <p class="field-error" id="hours-days-error">
                        <span class="visually-hidden">{t_string!(i18n, form.error_prefix)}" "</span>
                        {m}
                    </p>
                })}
                <div class="check-grid">
                    {Weekday::ALL.into_iter().map(|day| view! {
                        <label class="check">
                            <input type="checkbox" id=format!("hours-{}", day.as_str())
                                name=day.as_str() value="on" />
                            {move || day_name(i18n, day)}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            <PeriodFields prefix="hours" kind_name="kind" errors required=true />
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || action.pending().get()>
                    {t!(i18n, settings.hours_submit)}
                </button>
            </div>
        </ActionForm>
    }
}
