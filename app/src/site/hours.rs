use crate::i18n::*;
use domain::{DayHours, ServiceKind, Weekday};
use leptos::prelude::*;

pub fn weekday_name(i18n: leptos_i18n::I18nContext<Locale>, day: Weekday) -> String {
    match day {
        Weekday::Monday => t_string!(i18n, days.monday),
        Weekday::Tuesday => t_string!(i18n, days.tuesday),
        Weekday::Wednesday => t_string!(i18n, days.wednesday),
        Weekday::Thursday => t_string!(i18n, days.thursday),
        Weekday::Friday => t_string!(i18n, days.friday),
        Weekday::Saturday => t_string!(i18n, days.saturday),
        Weekday::Sunday => t_string!(i18n, days.sunday),
    }
    .to_string()
}

pub fn service_name(i18n: leptos_i18n::I18nContext<Locale>, kind: ServiceKind) -> String {
    match kind {
        ServiceKind::Lunch => t_string!(i18n, service.lunch),
        ServiceKind::Dinner => t_string!(i18n, service.dinner),
    }
    .to_string()
}

/// The weekly opening hours as a definition list, one day a row.
#[component]
pub fn HoursList(hours: Vec<DayHours>, #[prop(optional)] compact: bool) -> impl IntoView {
    let i18n = use_i18n();
    let rows = hours
        .into_iter()
        .map(|day| {
            let periods = day.periods.clone();
            let detail = move || {
                if periods.is_empty() {
                    return view! { <span class="period">{t_string!(i18n, hours.closed)}</span> }
                        .into_any();
                }
                periods
                    .iter()
                    .map(|p| {
                        let range = format!("{} – {}", p.opens, p.closes);
                        let label = (!compact).then(|| format!("{} ", service_name(i18n, p.kind)));
                        view! { <span class="period">{label}{range}</span> }
                    })
                    .collect_view()
                    .into_any()
            };
            let closed = day.periods.is_empty();
            view! {
                <div class="hours-row" class:closed=closed>
                    <dt>{move || weekday_name(i18n, day.weekday)}</dt>
                    <dd>{detail}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="hours">{rows}</dl> }
}
