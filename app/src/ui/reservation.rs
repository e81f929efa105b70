//! Pieces that show a slot or a reservation to the guest: its summary, the
//! nearest free slots when it was taken, and the page of a manage link
//! that opens nothing.

use super::dates::long_date;
use super::labels::{date_time_label, party_label, reason_label};
use crate::i18n::*;
use domain::{Alternative, SlotReason};
use leptos::prelude::*;
use leptos_meta::Title;

/// Date, time and party size of a slot as a description list.
#[component]
pub fn SlotSummary(date: String, time: String, party: u32) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="summary">
            <div>
                <dt>{t!(i18n, summary.date)}</dt>
                <dd>{move || long_date(i18n, &date)}</dd>
            </div>
            <div>
                <dt>{t!(i18n, summary.time)}</dt>
                <dd>{time}</dd>
            </div>
            <div>
                <dt>{t!(i18n, summary.party)}</dt>
                <dd>{move || party_label(i18n, party)}</dd>
            </div>
        </dl>
    }
}

/// "This time is no longer available" with the nearest free slots as links.
#[component]
pub fn Unavailable(
    reason: SlotReason,
    alternatives: Vec<Alternative>,
    /// The link of an alternative (it keeps what the guest typed).
    href: Callback<Alternative, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let empty = alternatives.is_empty();
    let links = alternatives
        .into_iter()
        .map(|alt| {
            let url = href.run(alt.clone());
            view! {
                <li>
                    <a class="button button-secondary alternative" href=url>
                        {move || date_time_label(i18n, &alt.date, &alt.time)}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="alert alert-error" role="alert" id="unavailable" tabindex="-1">
            <p class="alert-title">{t!(i18n, error.slot_unavailable)}</p>
            <p>{t!(i18n, unavailable.reason)}" "{move || reason_label(i18n, reason)}"."</p>
            {if empty {
                view! { <p>{t!(i18n, unavailable.none)}</p> }.into_any()
            } else {
                view! {
                    <p>{t!(i18n, unavailable.alternatives)}</p>
                    <ul class="alternatives">{links}</ul>
                }
                .into_any()
            }}
        </div>
    }
}

/// The page for a manage link that opens no booking (answered with 404).
pub fn manage_link_not_found() -> impl IntoView {
    crate::response::set_status(404);
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, manage.not_found_title).to_string() />
        <section class="card not-found">
            <h1 id="page-title" tabindex="-1">{t!(i18n, manage.not_found_title)}</h1>
            <p>{t!(i18n, manage.not_found_text)}</p>
            <p><a class="button button-primary" href="/manage">{t!(i18n, manage.find_submit)}</a></p>
        </section>
    }
}
