//! `/admin/reservations?from=&to=&period=&status=&source=&party_min=&party_max=&q=&tag=&sort=&after=`.

use super::filters::{statuses_of, Filters};
use super::table::BookingsTable;
use super::{api, FILTER_KEYS};
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::Loading;
use domain::{ReservationFilterInput, ReservationPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;
use std::collections::HashSet;

/// The filters of `query` alone (no cursor, no outcome of a bulk action),
/// with the statuses as one comma-separated value.
fn filters_only(query: &ParamsMap) -> ParamsMap {
    let mut out = ParamsMap::new();
    for key in FILTER_KEYS {
        let value = if key == "status" {
            statuses_of(query).join(",")
        } else {
            query.get(key).unwrap_or_default()
        };
        if !value.trim().is_empty() {
            out.insert(key, value);
        }
    }
    out
}

fn input_of(query: &ParamsMap) -> ReservationFilterInput {
    let get = |k: &str| query.get(k).filter(|v| !v.trim().is_empty());
    let statuses = statuses_of(query).join(",");
    ReservationFilterInput {
        from: get("from"),
        to: get("to"),
        status: (!statuses.is_empty()).then_some(statuses),
        source: get("source"),
        party_min: get("party_min"),
        party_max: get("party_max"),
        q: get("q"),
        tag: get("tag"),
        period: get("period"),
        sort: get("sort"),
        after: get("after"),
        limit: get("limit"),
    }
}

#[component]
pub fn ReservationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let input = Memo::new(move |_| input_of(&query.read()));
    let bulk = ServerAction::<api::AdminBulk>::new();
    // Kept across readings (a change elsewhere reads the list again).
    let selected = RwSignal::new(HashSet::<i64>::new());
    // A bulk action is done with its selection.
    Effect::watch(
        move || bulk.version().get(),
        move |_, _, _| selected.set(HashSet::new()),
        false,
    );
    // Read again after each bulk action (it comes back to the same
    // filters with what happened in the query string).
    let list = Resource::new(
        move || {
            (
                input.get(),
                bulk.version().get(),
                crate::ui::live::changes(),
            )
        },
        |(f, ..)| {
            api::admin_reservations(
                f.from,
                f.to,
                f.status,
                f.source,
                f.party_min,
                f.party_max,
                f.q,
                f.tag,
                f.period,
                f.sort,
                f.after,
                f.limit,
            )
        },
    );
    focus_heading_on_arrival("page-title");
    // The outcome of a bulk action, from the query string it came back with.
    let outcome = Memo::new(move |_| {
        let q = query.read();
        let n = |k: &str| q.get(k).and_then(|v| v.parse::<usize>().ok());
        n("done").map(|done| (done, n("refused").unwrap_or(0)))
    });
    view! {
        <Title text=move || t_string!(i18n, list.title).to_string() />
        <header class="day-head">
            <h1 id="page-title" tabindex="-1">{t!(i18n, list.title)}</h1>
        </header>
        <div class="status-region" role="status" aria-live="polite">
            {move || outcome.get().map(|(done, refused)| view! {
                <p class="alert alert-success">
                    {move || t_string!(i18n, list.bulk_done, count = done).to_string()}
                    {(refused > 0).then(|| view! {
                        " "{move || t_string!(i18n, list.bulk_refused, count = refused).to_string()}
                    })}
                </p>
            })}
            {move || bulk.value().get().and_then(Result::err).map(|error| view! { <ErrorMessage error /> })}
        </div>
        {move || view! { <Filters query=filters_only(&query.read()) /> }}
        <Transition fallback=Loading>
            {move || {
                // Read before the await: the query belongs to the route,
                // which may be gone when the data arrives.
                let (filters, first) = query.with(|q| (filters_only(q), q.get("after").is_some()));
                Suspend::new(async move {
                    match list.await {
                        Ok(page) => view! { <Results page filters first bulk selected /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// The page of bookings: totals, export and print, the table and the
/// links to the next page and back to the first.
#[component]
fn Results(
    page: ReservationPage,
    filters: ParamsMap,
    /// Whether this is a later page (offer the first one).
    first: bool,
    bulk: ServerAction<api::AdminBulk>,
    selected: RwSignal<HashSet<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let qs = filters.to_query_string();
    let csv = format!("/api/admin/reservations.csv{qs}");
    let back = format!("/admin/reservations{qs}");
    let next = page.next.clone().map(|cursor| {
        let mut with = filters.clone();
        with.insert("after", cursor);
        format!("/admin/reservations{}", with.to_query_string())
    });
    let (matched, covers, more) = (page.matched, page.covers, page.more);
    let range = format!("{} → {}", page.from, page.to);
    // Printing needs the script; without it the browser's own menu prints.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <div class="list-summary">
            <p>
                {if more {
                    view! {
                        <strong>{move || t_string!(i18n, list.matched_more, count = matched).to_string()}</strong>
                    }.into_any()
                } else {
                    view! {
                        <strong>{move || t_string!(i18n, list.matched, count = matched).to_string()}</strong>
                        " · "{move || t_string!(i18n, list.covers, count = covers).to_string()}
                    }.into_any()
                }}
                " · "<span class="hint">{range.clone()}</span>
            </p>
            <p class="list-tools">
                <a class="button button-secondary" href=csv download="reservations.csv" rel="external">
                    {t!(i18n, list.export)}
                </a>
                <Show when=move || hydrated.get()>
                    <button type="button" class="button button-secondary"
                        on:click=move |_| { let _ = window().print(); }>
                        {t!(i18n, list.print)}
                    </button>
                </Show>
            </p>
        </div>
        {if page.reservations.is_empty() {
            view! { <p class="alert alert-info">{t!(i18n, list.empty)}</p> }.into_any()
        } else {
            view! { <BookingsTable reservations=page.reservations back bulk selected /> }.into_any()
        }}
        <nav class="list-pages" aria-label=move || t_string!(i18n, list.pages)>
            {first.then(|| view! {
                <a class="button button-secondary" href=format!("/admin/reservations{qs}")>
                    <span aria-hidden="true">"← "</span>{t!(i18n, list.first_page)}
                </a>
            })}
            {next.map(|href| view! {
                <a class="button button-secondary" href=href rel="next">
                    {t!(i18n, list.next_page)}<span aria-hidden="true">" →"</span>
                </a>
            })}
        </nav>
    }
}
