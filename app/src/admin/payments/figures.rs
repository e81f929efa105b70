//! The money moved on each day of the list (the day it was paid, refunded
//! or charged), as a table with its totals.

use crate::i18n::*;
use crate::ui::dates::short_date;
use crate::ui::labels::money;
use domain::{PaymentDay, PaymentTotals};
use leptos::prelude::*;

#[component]
pub fn DayFigures(days: Vec<PaymentDay>, totals: PaymentTotals) -> impl IntoView {
    let i18n = use_i18n();
    let table = (!days.is_empty()).then(|| {
        view! {
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="money-days-title">
                <table class="list-table money-days">
                    <caption class="visually-hidden">{t!(i18n, payments_list.days_label)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, payments_list.col_day)}</th>
                            <th scope="col" class="amount">{t!(i18n, payments_list.col_collected)}</th>
                            <th scope="col" class="amount">{t!(i18n, payments_list.col_refunds)}</th>
                            <th scope="col" class="amount">{t!(i18n, payments_list.col_fees)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {days.into_iter().map(|d| {
                            let date = d.date.clone();
                            let (collected, refunded, fees) = (d.collected_cents, d.refunded_cents, d.fees_cents);
                            view! {
                                <tr data-date=d.date.clone()>
                                    <th scope="row" class="nowrap">{move || short_date(i18n, &date)}</th>
                                    <td class="amount">{move || money(i18n, collected)}</td>
                                    <td class="amount">{move || money(i18n, refunded)}</td>
                                    <td class="amount">{move || money(i18n, fees)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{t!(i18n, payments_list.total)}</th>
                            <td class="amount">{move || money(i18n, totals.collected_cents)}</td>
                            <td class="amount">{move || money(i18n, totals.refunded_cents)}</td>
                            <td class="amount">{move || money(i18n, totals.fees_cents)}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
        }
    });
    view! {
        <section class="money-by-day" aria-labelledby="money-days-title">
            <h2 id="money-days-title">{t!(i18n, payments_list.days_title)}</h2>
            <p class="hint">{t!(i18n, payments_list.days_hint)}</p>
            {match table {
                Some(table) => table.into_any(),
                None => view! { <p class="alert alert-info">{t!(i18n, payments_list.days_empty)}</p> }.into_any(),
            }}
        </section>
    }
}
