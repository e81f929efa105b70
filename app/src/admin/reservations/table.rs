//! The list's table inside the bulk-action form: one check box per
//! booking (`ids[]`), the action and a message to the guests.

use super::api;
use crate::i18n::*;
use crate::ui::dates::short_date;
use crate::ui::labels::source_label;
use crate::ui::labels::{party_label, status_label};
use domain::StaffReservation;
use leptos::prelude::*;
use std::collections::HashSet;

#[component]
pub fn BookingsTable(
    reservations: Vec<StaffReservation>,
    /// The list to come back to after a bulk action.
    back: String,
    bulk: ServerAction<api::AdminBulk>,
    /// The checked bookings (kept by the page across readings).
    selected: RwSignal<HashSet<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let all: Vec<i64> = reservations.iter().map(|r| r.id).collect();
    let count = all.len();
    // Only what this page shows counts (a reading may drop a booking).
    selected.update(|s| s.retain(|id| all.contains(id)));
    let every = {
        let all = all.clone();
        move || selected.with(|s| !all.is_empty() && all.iter().all(|id| s.contains(id)))
    };
    let toggle_all = move |on: bool| {
        selected.set(if on {
            all.iter().copied().collect()
        } else {
            HashSet::new()
        });
    };
    let action = RwSignal::new("cancel".to_owned());
    view! {
        <ActionForm action=bulk attr:class="bulk-form">
            <input type="hidden" name="back" value=back />
            <div class="table-scroll" role="region" tabindex="0"
                aria-label=move || t_string!(i18n, list.table_label)>
                <table class="list-table">
                    <caption class="visually-hidden">{t!(i18n, list.table_label)}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="col-check">
                                <input type="checkbox" id="select-all" class="no-print"
                                    aria-label=move || t_string!(i18n, list.select_all, count = count).to_string()
                                    prop:checked=every
                                    on:change=move |ev| toggle_all(event_target_checked(&ev)) />
                            </th>
                            <th scope="col">{t!(i18n, list.col_when)}</th>
                            <th scope="col">{t!(i18n, list.col_guest)}</th>
                            <th scope="col">{t!(i18n, list.col_party)}</th>
                            <th scope="col">{t!(i18n, list.col_tables)}</th>
                            <th scope="col">{t!(i18n, list.col_status)}</th>
                            <th scope="col">{t!(i18n, list.col_source)}</th>
                            <th scope="col">{t!(i18n, list.col_contact)}</th>
                            <th scope="col">{t!(i18n, list.col_notes)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {reservations.into_iter().map(|r| {
                            let id = r.id;
                            let check_id = format!("select-{id}");
                            let who = format!("{}, {} {}", r.name, r.date, r.time);
                            let (status, source, party) = (r.status, r.source, r.party_size);
                            let date = r.date.clone();
                            view! {
                                <tr data-reference=r.reference.clone()>
                                    <td class="col-check">
                                        <input type="checkbox" name="ids[]" value=id id=check_id.clone()
                                            prop:checked=move || selected.with(|s| s.contains(&id))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                                            } />
                                        <label for=check_id class="visually-hidden">
                                            {move || t_string!(i18n, list.select_one, who = who.clone()).to_string()}
                                        </label>
                                    </td>
                                    <td class="nowrap">{move || short_date(i18n, &date)}<br/><strong>{r.time.clone()}</strong>"–"{r.end_time.clone()}</td>
                                    <td class="guest"><a href=format!("/admin/reservations/{id}")><strong>{r.name.clone()}</strong></a><br/><span class="hint">{r.reference.clone()}</span></td>
                                    <td class="nowrap">{move || party_label(i18n, party)}</td>
                                    <td>{r.table_names.join(" + ")}</td>
                                    <td><span class=format!("status status-{}", status.as_str())>{move || status_label(i18n, status)}</span>
                                        {r.payment.map(|p| view! {
                                            " "<span class=format!("tag tag-payment payment-{}", p.as_str())>{move || crate::ui::labels::payment_badge(i18n, p)}</span>
                                        })}</td>
                                    <td>{move || source_label(i18n, source)}</td>
                                    <td class="contact"><a href=format!("tel:{}", r.phone.replace(' ', ""))>{r.phone.clone()}</a><br/>
                                        <a href=format!("mailto:{}", r.email)>{r.email.clone()}</a></td>
                                    <td class="notes">{r.notes.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <fieldset class="card bulk-controls no-print">
                <legend>{t!(i18n, list.bulk)}</legend>
                <p class="hint">{move || {
                    let n = selected.with(HashSet::len);
                    t_string!(i18n, list.selected, count = n).to_string()
                }}</p>
                <div class="filter-row">
                    <div class="field">
                        <label for="bulk-action">{t!(i18n, list.bulk_action)}</label>
                        <select id="bulk-action" name="action"
                            on:change=move |ev| action.set(event_target_value(&ev))>
                            <option value="cancel">{t!(i18n, list.bulk_cancel)}</option>
                            <option value="no_show">{t!(i18n, list.bulk_no_show)}</option>
                        </select>
                    </div>
                    <div class="field field-wide">
                        <label for="bulk-message">{t!(i18n, list.bulk_message)}</label>
                        <textarea id="bulk-message" name="message" rows="2" maxlength="500"
                            aria-describedby="bulk-message-hint"
                            prop:disabled=move || action.get() != "cancel"></textarea>
                        <p id="bulk-message-hint" class="hint">{t!(i18n, list.bulk_message_hint)}</p>
                    </div>
                </div>
                <button type="submit" class="button button-danger" disabled=move || bulk.pending().get()>
                    {t!(i18n, list.bulk_apply)}
                </button>
            </fieldset>
        </ActionForm>
    }
}
