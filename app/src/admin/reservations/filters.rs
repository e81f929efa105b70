//! The list's filter form: a GET form whose fields are the query string
//! (a bookmarkable view that works before hydration).

use crate::i18n::*;
use crate::ui::form::submit_get_form;
use crate::ui::labels::KnownTags;
use crate::ui::labels::{service_label, source_label, status_label};
use crate::ui::I18n;
use domain::{ListSort, ReservationSource, ReservationStatus, ServiceKind};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::params::ParamsMap;

/// The statuses a host filters on, in the order of a service.
const STATUSES: [ReservationStatus; 8] = [
    ReservationStatus::PendingConfirmation,
    ReservationStatus::PendingPayment,
    ReservationStatus::Confirmed,
    ReservationStatus::Arrived,
    ReservationStatus::Seated,
    ReservationStatus::Completed,
    ReservationStatus::NoShow,
    ReservationStatus::Cancelled,
];

const SOURCES: [ReservationSource; 3] = [
    ReservationSource::Online,
    ReservationSource::Phone,
    ReservationSource::WalkIn,
];

fn sort_label(i18n: I18n, sort: ListSort) -> &'static str {
    match sort {
        ListSort::Time => t_string!(i18n, list.sort_time),
        ListSort::TimeDesc => t_string!(i18n, list.sort_time_desc),
        ListSort::Created => t_string!(i18n, list.sort_created),
    }
}

/// The statuses asked for: repeated `status` keys (the form's check
/// boxes) or one comma-separated value (a link), alike.
pub fn statuses_of(query: &ParamsMap) -> Vec<String> {
    query
        .get_all("status")
        .unwrap_or_default()
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
pub fn Filters(query: ParamsMap) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let get = |k: &str| query.get(k).unwrap_or_default();
    let statuses = statuses_of(&query);
    let source = get("source");
    let period = get("period");
    let sort = get("sort");
    view! {
        <form class="card list-filters" method="get" action="/admin/reservations" role="search"
            aria-label=move || t_string!(i18n, list.filters)
            on:submit=move |ev| submit_get_form(&ev, &navigate)>
            <div class="filter-row">
                <div class="field">
                    <label for="f-q">{t!(i18n, list.search)}</label>
                    <input id="f-q" type="search" name="q" value=get("q") maxlength="100"
                        aria-describedby="f-q-hint" autocomplete="off" />
                    <p id="f-q-hint" class="hint">{t!(i18n, list.search_hint)}</p>
                </div>
                <div class="field">
                    <label for="f-from">{t!(i18n, list.from)}</label>
                    <input id="f-from" type="date" name="from" value=get("from") />
                </div>
                <div class="field">
                    <label for="f-to">{t!(i18n, list.to)}</label>
                    <input id="f-to" type="date" name="to" value=get("to") />
                </div>
                <div class="field">
                    <label for="f-period">{t!(i18n, list.period)}</label>
                    <select id="f-period" name="period">
                        <option value="" selected=period.is_empty()>{t!(i18n, list.any)}</option>
                        {ServiceKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=period == k.as_str()>{move || service_label(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <fieldset class="filter-statuses">
                <legend>{t!(i18n, list.status)}</legend>
                {STATUSES.into_iter().map(|s| {
                    let id = format!("f-status-{}", s.as_str());
                    let label_for = id.clone();
                    let checked = statuses.iter().any(|v| v == s.as_str());
                    view! {
                        <label class="check" for=label_for>
                            <input id=id type="checkbox" name="status" value=s.as_str() checked=checked />
                            {move || status_label(i18n, s)}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <div class="filter-row">
                <div class="field">
                    <label for="f-source">{t!(i18n, list.source)}</label>
                    <select id="f-source" name="source">
                        <option value="" selected=source.is_empty()>{t!(i18n, list.any)}</option>
                        {SOURCES.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=source == s.as_str()>{move || source_label(i18n, s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field field-narrow">
                    <label for="f-tag">{t!(i18n, guests.tag)}</label>
                    <input id="f-tag" type="text" name="tag" value=get("tag") list="known-tags"
                        maxlength="30" autocomplete="off" />
                    <KnownTags />
                </div>
                <div class="field field-narrow">
                    <label for="f-party-min">{t!(i18n, list.party_min)}</label>
                    <input id="f-party-min" type="number" name="party_min" min="1" max="99" inputmode="numeric" value=get("party_min") />
                </div>
                <div class="field field-narrow">
                    <label for="f-party-max">{t!(i18n, list.party_max)}</label>
                    <input id="f-party-max" type="number" name="party_max" min="1" max="99" inputmode="numeric" value=get("party_max") />
                </div>
                <div class="field">
                    <label for="f-sort">{t!(i18n, list.sort)}</label>
                    <select id="f-sort" name="sort">
                        {ListSort::ALL.into_iter().map(|s| {
                            let selected = sort == s.as_str() || (sort.is_empty() && s == ListSort::Time);
                            view! { <option value=s.as_str() selected=selected>{move || sort_label(i18n, s)}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary">{t!(i18n, list.apply)}</button>
                <a class="button button-secondary" href="/admin/reservations">{t!(i18n, list.reset)}</a>
            </div>
        </form>
    }
}
