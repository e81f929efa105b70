//! The restaurant's public information, loaded once per page and shared
//! by the header, the pages and the footer, and the pieces that show it.

use super::labels::service_label;
use super::I18n;
use crate::error::AppError;
use crate::i18n::*;
use domain::{DayHours, RestaurantInfo, Weekday};
use leptos::prelude::*;

/// The restaurant's name, address, contact, time zone and weekly hours.
#[server(prefix = "/api/fn", endpoint = "restaurant_info")]
pub async fn get_restaurant_info() -> Result<RestaurantInfo, AppError> {
    let cx = crate::ssr::Ctx::load()?;
    let mut info = backend::services::site::restaurant_info(cx.store()).await?;
    info.site_url = crate::ssr::state::app_state()?.public_url;
    Ok(info)
}

#[derive(Clone, Copy)]
pub struct RestaurantResource(pub Resource<Result<RestaurantInfo, AppError>>);

/// The restaurant's information (inside `RestaurantProvider`).
pub fn use_restaurant() -> Resource<Result<RestaurantInfo, AppError>> {
    expect_context::<RestaurantResource>().0
}

/// Loads the restaurant's information for everything inside it.
#[component]
pub fn RestaurantProvider(children: Children) -> impl IntoView {
    let resource = Resource::new(|| (), |_| get_restaurant_info());
    provide_context(RestaurantResource(resource));
    children()
}

/// The restaurant's phone number as a `tel:` link.
#[component]
pub fn PhoneLink() -> impl IntoView {
    let restaurant = use_restaurant();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                restaurant.await.ok().map(|info| {
                    let tel = format!("tel:{}", info.phone);
                    view! { <a class="phone-link" href=tel>{domain::format_phone(&info.phone)}</a> }
                })
            })}
        </Transition>
    }
}

fn day_name(i18n: I18n, day: Weekday) -> String {
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

/// The weekly opening hours as a definition list, one day a row; `today`,
/// once known, is marked (in words and `aria-current`).
#[component]
pub fn HoursList(
    hours: Vec<DayHours>,
    #[prop(optional)] compact: bool,
    #[prop(optional, into)] today: MaybeProp<Weekday>,
) -> impl IntoView {
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
                        let label = (!compact).then(|| format!("{} ", service_label(i18n, p.kind)));
                        view! { <span class="period">{label}{range}</span> }
                    })
                    .collect_view()
                    .into_any()
            };
            let closed = day.periods.is_empty();
            let is_today = move || today.get() == Some(day.weekday);
            view! {
                <div class="hours-row" class:closed=closed class:today=is_today
                    aria-current=move || is_today().then_some("date")>
                    <dt>
                        {move || day_name(i18n, day.weekday)}
                        {move || is_today().then(|| view! {
                            <span class="hours-today">{t!(i18n, home.today)}</span>
                        })}
                    </dt>
                    <dd>{detail}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="hours">{rows}</dl> }
}
