//! `/admin/payments?from=&to=&status=&kind=`: the filters (a GET form),
//! the payments of the bookings found and the day figures.

use super::api;
use super::figures::DayFigures;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::short_date;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::form::submit_get_form;
use crate::ui::labels::money;
use crate::ui::labels::{party_label, payment_badge};
use crate::ui::{I18n, Loading};
use domain::{FieldError, PaymentKind, PaymentList, PaymentStatus, StaffPayment};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;

/// The query-string keys of the filters, in form order.
const FILTER_KEYS: [&str; 4] = ["from", "to", "status", "kind"];

/// The filters of `query` that are set (blank ones left out).
fn filters_of(query: &ParamsMap) -> ParamsMap {
    let mut out = ParamsMap::new();
    for key in FILTER_KEYS {
        if let Some(value) = query.get(key).filter(|v| !v.trim().is_empty()) {
            out.insert(key, value);
        }
    }
    out
}

pub(super) fn kind_label(i18n: I18n, kind: PaymentKind) -> &'static str {
    match kind {
        PaymentKind::Deposit => t_string!(i18n, payments_admin.kind_deposit),
        PaymentKind::Guarantee => t_string!(i18n, payments_admin.kind_guarantee),
    }
}

/// What is wrong with a filter, in words.
fn filter_message(i18n: I18n, error: &FieldError) -> &'static str {
    match (error.field.as_str(), error.reason.as_str()) {
        ("from", _) => t_string!(i18n, payments_list.err_from),
        ("to", "too_long") => t_string!(i18n, payments_list.err_to_too_long),
        ("to", _) => t_string!(i18n, payments_list.err_to),
        ("status", _) => t_string!(i18n, payments_list.err_status),
        _ => t_string!(i18n, payments_list.err_kind),
    }
}

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let filters = Memo::new(move |_| filters_of(&query.read()));
    let list = Resource::new(
        move || (filters.get(), crate::ui::live::changes()),
        |(f, _)| {
            api::admin_payments_list(f.get("from"), f.get("to"), f.get("status"), f.get("kind"))
        },
    );
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, payments_list.title).to_string() />
        <header class="day-head">
            <h1 id="page-title" tabindex="-1">{t!(i18n, payments_list.title)}</h1>
        </header>
        <p class="hint">{t!(i18n, payments_list.intro)}</p>
        {move || view! { <Filters query=filters.get() /> }}
        <Transition fallback=Loading>
            {move || {
                // Read before the await: the query belongs to the route.
                let chosen = filters.get();
                Suspend::new(async move {
                    match list.await {
                        Ok(list) => view! { <Results list chosen /> }.into_any(),
                        Err(AppError::InvalidFields { fields }) => view! { <BadFilters fields /> }.into_any(),
                        Err(error) => view! { <ErrorMessage error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// The filters at fault, each in words.
#[component]
fn BadFilters(fields: Vec<FieldError>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="alert alert-error" role="alert">
            <p class="alert-title">{t!(i18n, payments_list.bad_filters)}</p>
            <ul>
                {fields.into_iter().map(|f| view! { <li>{move || filter_message(i18n, &f)}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// The filter form: a GET form whose fields are the query string.
#[component]
fn Filters(query: ParamsMap) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let get = |k: &str| query.get(k).unwrap_or_default();
    let (status, kind) = (get("status"), get("kind"));
    view! {
        <form class="card list-filters" method="get" action="/admin/payments" role="search"
            aria-label=move || t_string!(i18n, payments_list.filters)
            on:submit=move |ev| submit_get_form(&ev, &navigate)>
            <div class="filter-row">
                <div class="field">
                    <label for="p-from">{t!(i18n, payments_list.from)}</label>
                    <input id="p-from" type="date" name="from" value=get("from") />
                </div>
                <div class="field">
                    <label for="p-to">{t!(i18n, payments_list.to)}</label>
                    <input id="p-to" type="date" name="to" value=get("to") />
                </div>
                <div class="field">
                    <label for="p-status">{t!(i18n, payments_list.status)}</label>
                    <select id="p-status" name="status">
                        <option value="" selected=status.is_empty()>{t!(i18n, payments_list.any)}</option>
                        {PaymentStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=status == s.as_str()>{move || payment_badge(i18n, s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="p-kind">{t!(i18n, payments_list.kind)}</label>
                    <select id="p-kind" name="kind">
                        <option value="" selected=kind.is_empty()>{t!(i18n, payments_list.any)}</option>
                        {PaymentKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=kind == k.as_str()>{move || kind_label(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary">{t!(i18n, payments_list.apply)}</button>
                <a class="button button-secondary" href="/admin/payments">{t!(i18n, payments_list.reset)}</a>
            </div>
        </form>
    }
}

/// The payments found, the CSV link, and the day figures.
#[component]
fn Results(list: PaymentList, chosen: ParamsMap) -> impl IntoView {
    let i18n = use_i18n();
    // The file covers the dates the list does (the defaults filled in),
    // with the same status and kind: names and dates, nothing to escape.
    let mut csv = format!("/api/admin/payments.csv?from={}&to={}", list.from, list.to);
    let status = chosen
        .get("status")
        .and_then(|s| PaymentStatus::parse(s.trim()));
    let kind = chosen
        .get("kind")
        .and_then(|k| PaymentKind::parse(k.trim()));
    for (key, value) in [
        ("status", status.map(PaymentStatus::as_str)),
        ("kind", kind.map(PaymentKind::as_str)),
    ] {
        if let Some(value) = value {
            csv.push_str(&format!("&{key}={value}"));
        }
    }
    let file = format!("payments-{}-{}.csv", list.from, list.to);
    let count = list.payments.len();
    let range = format!("{} → {}", list.from, list.to);
    let more = list.more;
    view! {
        <div class="list-summary">
            <p>
                <strong>{move || t_string!(i18n, payments_list.found, count = count).to_string()}</strong>
                " · "<span class="hint">{range}</span>
            </p>
            <p class="list-tools">
                <a class="button button-secondary" href=csv download=file rel="external">
                    {t!(i18n, payments_list.download_csv)}
                </a>
            </p>
        </div>
        {more.then(|| view! {
            <p class="alert alert-info">{move || t_string!(i18n, payments_list.more, count = count).to_string()}</p>
        })}
        {if list.payments.is_empty() {
            view! { <p class="alert alert-info">{t!(i18n, payments_list.empty)}</p> }.into_any()
        } else {
            view! { <PaymentsTable payments=list.payments /> }.into_any()
        }}
        <DayFigures days=list.days totals=list.totals />
    }
}

#[component]
fn PaymentsTable(payments: Vec<StaffPayment>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="table-scroll" role="region" tabindex="0"
            aria-label=move || t_string!(i18n, payments_list.table_label)>
            <table class="list-table payments-table">
                <caption class="visually-hidden">{t!(i18n, payments_list.table_label)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, payments_list.col_booking)}</th>
                        <th scope="col">{t!(i18n, payments_list.col_when)}</th>
                        <th scope="col">{t!(i18n, payments_list.col_kind)}</th>
                        <th scope="col">{t!(i18n, payments_list.col_status)}</th>
                        <th scope="col" class="amount">{t!(i18n, payments_list.col_amount)}</th>
                        <th scope="col" class="amount">{t!(i18n, payments_list.col_refunded)}</th>
                        <th scope="col" class="amount">{t!(i18n, payments_list.col_fee)}</th>
                    </tr>
                </thead>
                <tbody>
                    {payments.into_iter().map(|p| {
                        let (kind, status, party) = (p.kind, p.status, p.party_size);
                        let (amount, refunded, fee) = (p.amount_cents, p.refunded_cents, p.fee_charged_cents);
                        let date = p.date.clone();
                        view! {
                            <tr data-reference=p.reference.clone()>
                                <td class="guest">
                                    <a href=format!("/admin/reservations/{}", p.reservation_id)><strong>{p.reference.clone()}</strong></a>
                                    <br/>{p.guest.clone()}
                                    <br/><span class="hint">{move || party_label(i18n, party)}</span>
                                </td>
                                <td class="nowrap">{move || short_date(i18n, &date)}<br/><strong>{p.time.clone()}</strong></td>
                                <td>{move || kind_label(i18n, kind)}</td>
                                <td><span class=format!("tag tag-payment payment-{}", status.as_str())>{move || payment_badge(i18n, status)}</span></td>
                                <td class="amount">{move || money(i18n, amount)}</td>
                                <td class="amount">{move || money(i18n, refunded)}</td>
                                <td class="amount">{move || money(i18n, fee)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
