//! Step 1, `/book`: party size, a day in the month calendar, then a time.

use super::super::{api, slot_query, Calendar, DEFAULT_PARTY};
use super::Steps;
use crate::error::{AppError, ErrorMessage};
use crate::i18n::*;
use crate::ui::dates::{long_date, month_title, weekday_name, weekday_short};
use crate::ui::focus::{focus_heading_on_arrival, focus_later};
use crate::ui::form::submit_get_form;
use crate::ui::labels::{party_label, reason_label, service_label};
use crate::ui::restaurant::PhoneLink;
use crate::ui::Loading;
use domain::{BookingPolicy, DaySlots, PartySize};
use domain::{Date, Month};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn ChoosePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let party = Memo::new(move |_| {
        query
            .read()
            .get_str("party")
            .and_then(|p| p.trim().parse::<u32>().ok())
            .filter(|n| (1..=PartySize::MAX).contains(n))
            .unwrap_or(DEFAULT_PARTY)
    });
    let date = Memo::new(move |_| {
        query
            .read()
            .get_str("date")
            .and_then(|d| Date::parse(d).ok())
            .map(|d| d.to_string())
    });
    let month = Memo::new(move |_| {
        query
            .read()
            .get_str("month")
            .and_then(|m| Month::parse(m).ok())
            .or_else(|| {
                date.get()
                    .as_deref()
                    .and_then(|d| Date::parse(d).ok())
                    .map(Date::month_of)
            })
            .map(|m| m.to_string())
    });
    // The limits do not depend on the party size: load them once.
    let policy = Resource::new(|| (), |_| api::get_booking_policy(DEFAULT_PARTY));
    let calendar = Resource::new(
        move || (party.get(), month.get()),
        |(party, month)| api::booking_calendar(party, month),
    );
    let day = Resource::new(
        move || (party.get(), date.get()),
        |(party, date)| async move {
            match date {
                Some(date) => api::booking_day(party, date).await.map(Some),
                None => Ok(None),
            }
        },
    );

    focus_heading_on_arrival("page-title");
    // Another month shown after a click on "previous"/"next": focus its name.
    Effect::new(move |shown: Option<Option<String>>| {
        let now = calendar
            .get()
            .and_then(Result::ok)
            .map(|c: Calendar| c.month);
        if let (Some(Some(before)), Some(after)) = (&shown, &now) {
            if before != after {
                focus_later("calendar-heading");
            }
        }
        now.or(shown.flatten())
    });
    // Another day chosen: go to its times (the calendar keeps its place).
    Effect::watch(
        move || date.get(),
        move |date, _, _| {
            if date.is_some() {
                focus_later("slots-heading");
            }
        },
        false,
    );

    let too_large = move |max: u32| party.get() > max;

    view! {
        <crate::ui::seo::PageMeta path="/book"
            title=Signal::derive(move || t_string!(i18n, book.title).to_string())
            description=Signal::derive(move || t_string!(i18n, book.description).to_string()) />
        <h1 id="page-title" tabindex="-1">{t!(i18n, book.title)}</h1>
        <Steps current=1 />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match policy.await {
                    Err(error) => Either::Left(view! { <ErrorMessage error /> }),
                    Ok(policy) => Either::Right(view! {
                        <div class="choose-grid">
                            <div class="choose-main">
                                <PartyPicker policy=policy.clone() party date month />
                                {move || too_large(policy.max_party_online).then(|| view! {
                                    <div class="alert alert-info" role="status">
                                        <p>
                                            {move || t_string!(i18n, book.party_too_large, max = policy.max_party_online)}
                                            " "
                                            <PhoneLink />
                                        </p>
                                    </div>
                                })}
                                <section class="card calendar-card" aria-labelledby="calendar-heading"
                                    hidden=move || too_large(policy.max_party_online)>
                                    <Transition fallback=Loading>
                                        {move || Suspend::new(async move {
                                            match calendar.await {
                                                Ok(calendar) => Either::Left(view! { <CalendarView calendar party date /> }),
                                                Err(error) => Either::Right(view! { <ErrorMessage error /> }),
                                            }
                                        })}
                                    </Transition>
                                </section>
                            </div>
                            <section class="card slots-card" aria-labelledby="slots-heading"
                                hidden=move || too_large(policy.max_party_online)>
                                <h2 id="slots-heading" tabindex="-1">
                                    {move || match date.get() {
                                        Some(d) => t_string!(i18n, book.slots_heading, date = long_date(i18n, &d)).to_string(),
                                        None => t_string!(i18n, book.slots_title).to_string(),
                                    }}
                                </h2>
                                <Transition fallback=Loading>
                                    {move || Suspend::new(async move {
                                        match day.await {
                                            Ok(None) => EitherOf3::A(view! { <p class="hint">{t!(i18n, book.choose_day)}</p> }),
                                            Ok(Some(slots)) => EitherOf3::B(view! { <SlotList slots /> }),
                                            Err(error) => EitherOf3::C(view! { <ErrorMessage error /> }),
                                        }
                                    })}
                                </Transition>
                            </section>
                        </div>
                    }),
                }
            })}
        </Transition>
    }
}

/// Party size: a GET form, so the choice is in the address.
#[component]
fn PartyPicker(
    policy: BookingPolicy,
    party: Memo<u32>,
    date: Memo<Option<String>>,
    month: Memo<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = (policy.min_party.max(1)..=policy.max_party_online)
        .map(|n| {
            view! {
                <option value=n.to_string() selected=move || party.get() == n>
                    {move || party_label(i18n, n)}
                </option>
            }
        })
        .collect_view();
    let max = policy.max_party_online;
    let navigate = use_navigate();
    view! {
        <section class="card party-card" aria-labelledby="party-heading">
            <h2 id="party-heading">{t!(i18n, book.party_heading)}</h2>
            <form method="get" action="/book" class="party-form" on:submit=move |ev| submit_get_form(&ev, &navigate)>
                <label for="party">{t!(i18n, book.party_label)}</label>
                <div class="inline-controls">
                    <select id="party" name="party" prop:value=move || party.get().to_string()>
                        {options}
                    </select>
                    {move || month.get().map(|m| view! { <input type="hidden" name="month" value=m /> })}
                    {move || date.get().map(|d| view! { <input type="hidden" name="date" value=d /> })}
                    <button type="submit" class="button button-secondary">{t!(i18n, book.party_update)}</button>
                </div>
            </form>
            <p class="hint">{move || t_string!(i18n, book.large_party, max = max)}" "<PhoneLink /></p>
        </section>
    }
}

/// The month grid: bookable days are links, the others are not.
#[component]
fn CalendarView(calendar: Calendar, party: Memo<u32>, date: Memo<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let Ok(month) = Month::parse(&calendar.month) else {
        return Either::Left(view! { <ErrorMessage error=AppError::Internal /> });
    };
    // Links follow the party size at once, even while the next month loads.
    let month_href = move |m: String| move || format!("/book?party={}&month={m}", party.get());
    let nav = |target: Option<String>, prev: bool| match target {
        Some(m) => {
            let href = month_href(m);
            Either::Left(view! {
                <a class="calendar-nav" href=href data-noscroll="">
                    <span aria-hidden="true">{if prev { "‹" } else { "›" }}</span>
                    <span class="visually-hidden">
                        {move || if prev { t_string!(i18n, book.prev_month) } else { t_string!(i18n, book.next_month) }}
                    </span>
                </a>
            })
        }
        None => Either::Right(
            view! { <span class="calendar-nav calendar-nav-off" aria-hidden="true">{if prev { "‹" } else { "›" }}</span> },
        ),
    };
    let today = calendar.today.clone();
    let lead = usize::from(month.first_weekday().index());
    let mut cells: Vec<Option<domain::DayFlag>> = vec![None; lead];
    cells.extend(calendar.days.into_iter().map(Some));
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    let weeks = cells
        .chunks(7)
        .map(|week| {
            let days = week
                .iter()
                .map(|cell| match cell {
                    None => EitherOf3::A(view! { <td></td> }),
                    Some(flag) => {
                        let iso = flag.date.clone();
                        let number = Date::parse(&iso).map(Date::day).unwrap_or_default();
                        let is_today = iso == today;
                        let selected = {
                            let iso = iso.clone();
                            move || date.get().as_deref() == Some(iso.as_str())
                        };
                        let label = {
                            let iso = iso.clone();
                            move || long_date(i18n, &iso)
                        };
                        if flag.available {
                            let href = {
                                let iso = iso.clone();
                                move || format!("/book?party={}&month={month}&date={iso}", party.get())
                            };
                            let selected2 = selected.clone();
                            EitherOf3::B(view! {
                                <td>
                                    <a
                                        class="day day-available"
                                        class:day-selected=selected
                                        class:day-today=is_today
                                        href=href
                                        data-noscroll=""
                                        aria-current=move || selected2().then_some("date")
                                    >
                                        <span aria-hidden="true">{number}</span>
                                        <span class="visually-hidden">{label}", "{move || t_string!(i18n, book.day_available)}</span>
                                    </a>
                                </td>
                            })
                        } else {
                            EitherOf3::C(view! {
                                <td>
                                    <span class="day day-unavailable" class:day-today=is_today>
                                        <span aria-hidden="true">{number}</span>
                                        <span class="visually-hidden">{label}", "{move || t_string!(i18n, book.day_unavailable)}</span>
                                    </span>
                                </td>
                            })
                        }
                    }
                })
                .collect_view();
            view! { <tr>{days}</tr> }
        })
        .collect_view();
    let headers = domain::Weekday::ALL
        .into_iter()
        .map(|w| {
            view! {
                <th scope="col">
                    <abbr title=move || weekday_name(i18n, w)>{move || weekday_short(i18n, w)}</abbr>
                </th>
            }
        })
        .collect_view();
    Either::Right(view! {
        <div class="calendar-head">
            {nav(calendar.prev, true)}
            <h2 id="calendar-heading" tabindex="-1">{move || month_title(i18n, month)}</h2>
            {nav(calendar.next, false)}
        </div>
        <table class="calendar" aria-labelledby="calendar-heading">
            <thead><tr>{headers}</tr></thead>
            <tbody>{weeks}</tbody>
        </table>
        <p class="calendar-legend">
            <span class="legend-item"><span class="legend-swatch legend-available" aria-hidden="true"></span>{t!(i18n, book.legend_available)}</span>
            <span class="legend-item"><span class="legend-swatch" aria-hidden="true"></span>{t!(i18n, book.legend_unavailable)}</span>
        </p>
    })
}

/// The times of a day, by service; available ones lead to step 2.
#[component]
fn SlotList(slots: DaySlots) -> impl IntoView {
    let i18n = use_i18n();
    if slots.closed || slots.periods.is_empty() {
        return Either::Left(view! { <p class="notice">{t!(i18n, book.day_closed)}</p> });
    }
    let none_left = !slots.any_available();
    let party = slots.party_size;
    let date = slots.date.clone();
    let periods = slots
        .periods
        .into_iter()
        .map(|period| {
            let kind = period.kind;
            let heading_id = format!("period-{}", kind.as_str());
            let items = period
                .slots
                .into_iter()
                .map(|slot| {
                    if slot.available {
                        let href = format!("/book/details?{}", slot_query(party, &date, &slot.time));
                        Either::Left(view! {
                            <li><a class="slot" href=href>{slot.time}</a></li>
                        })
                    } else {
                        let reason = slot.reason;
                        Either::Right(view! {
                            <li>
                                <a class="slot slot-unavailable" role="link" aria-disabled="true">
                                    <span class="slot-time">{slot.time}</span>
                                    <span class="slot-reason">
                                        <span class="visually-hidden">" – "</span>
                                        {move || reason.map(|r| reason_label(i18n, r)).unwrap_or_default()}
                                    </span>
                                </a>
                            </li>
                        })
                    }
                })
                .collect_view();
            view! {
                <div class="period">
                    <h3 id=heading_id.clone()>{move || service_label(i18n, kind)}</h3>
                    <ul class="slot-list" aria-labelledby=heading_id>{items}</ul>
                </div>
            }
        })
        .collect_view();
    Either::Right(view! {
        {none_left.then(|| view! { <p class="notice">{t!(i18n, book.day_full)}</p> })}
        {periods}
    })
}
