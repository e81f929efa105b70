//! The bookings to come that no longer fall within the hours (a closed
//! day, hours changed): staff call the guests and move or cancel them;
//! nothing was cancelled.

use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::labels::party_label;
use domain::OutsideBooking;
use leptos::prelude::*;

#[component]
pub fn OutsideCard(outside: Vec<OutsideBooking>) -> impl IntoView {
    let i18n = use_i18n();
    let count = outside.len();
    let summary = move || {
        if count == 1 {
            t_string!(i18n, settings.outside_one).to_string()
        } else {
            t_string!(i18n, settings.outside_many, count = count).to_string()
        }
    };
    let label = Signal::derive(move || t_string!(i18n, settings.outside_label).to_string());
    view! {
        <section class="card settings-warning" id="outside" aria-labelledby="outside-title">
            <h2 id="outside-title">
                <span aria-hidden="true">"⚠ "</span>
                {t!(i18n, settings.outside_title)}
            </h2>
            <p role="alert" class="notice">{summary}</p>
            <div class="table-scroll" role="region" tabindex="0" aria-label=label>
                <table class="list-table">
                    <caption class="visually-hidden">{label}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, settings.col_reference)}</th>
                            <th scope="col">{t!(i18n, settings.col_guest)}</th>
                            <th scope="col">{t!(i18n, settings.col_date)}</th>
                            <th scope="col">{t!(i18n, settings.col_time)}</th>
                            <th scope="col">{t!(i18n, settings.col_party)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {outside.into_iter().map(|b| {
                            let date = b.date.to_string();
                            let party = b.party_size;
                            view! {
                                <tr data-booking=b.id>
                                    <th scope="row" class="nowrap">
                                        <a href=format!("/admin/reservations/{}", b.id)>{b.reference.clone()}</a>
                                    </th>
                                    <td class="guest">{b.guest_name.clone()}</td>
                                    <td class="nowrap">
                                        <time datetime=date.clone()>{
                                            let date = date.clone();
                                            move || long_date(i18n, &date)
                                        }</time>
                                    </td>
                                    <td class="nowrap">{b.time.to_string()}</td>
                                    <td class="nowrap">{move || party_label(i18n, party)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
