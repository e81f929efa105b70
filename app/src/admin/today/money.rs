//! The day's money on the "Today" screen: deposits received, refunds made
//! and no-show fees charged that day (whatever the bookings' dates), with a
//! way to the payments list. Nothing when no money moved.

use crate::i18n::*;
use domain::PaymentDay;
use leptos::prelude::*;

#[component]
pub fn MoneyCard(money: Option<PaymentDay>) -> impl IntoView {
    let i18n = use_i18n();
    money.map(|m| {
        let amount = move |cents: i64| crate::ui::labels::money(i18n, cents);
        let rows = [
            (t_string!(i18n, staff.money_collected), m.collected_cents),
            (t_string!(i18n, staff.money_refunded), m.refunded_cents),
            (t_string!(i18n, staff.money_fees), m.fees_cents),
        ];
        view! {
            <section class="card money-card" aria-labelledby="money-title">
                <h2 id="money-title">{t!(i18n, staff.money_title)}</h2>
                <dl class="money-figures">
                    {rows.into_iter().map(|(label, cents)| view! {
                        <div><dt>{label}</dt><dd>{move || amount(cents)}</dd></div>
                    }).collect_view()}
                </dl>
                <p><a href="/admin/payments">{t!(i18n, staff.money_link)}</a></p>
            </section>
        }
    })
}
