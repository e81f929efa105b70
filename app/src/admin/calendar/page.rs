//! `/admin/calendar`: the heatmap of a week or a month.

use super::api;
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::dates::{month_name, month_title, short_date, weekday_name, weekday_short};
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::labels::service_label;
use crate::ui::{I18n, Loading};
use domain::{CalendarDay, CalendarSpan, CalendarView, Date, Month, Weekday};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CalendarPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let args = Memo::new(move |_| {
        let q = query.read();
        (q.get("span"), q.get("date"))
    });
    let calendar = Resource::new(
        move || (args.get(), crate::ui::live::changes()),
        |((span, date), _)| api::admin_calendar(span, date),
    );
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, calendar.title).to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match calendar.await {
                    Ok(view) => view! { <Calendar view /> }.into_any(),
                    Err(error) => view! {
                        <h1 id="page-title" tabindex="-1">{t!(i18n, calendar.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

fn heading(i18n: I18n, view: &CalendarView) -> String {
    match (view.span, Date::parse(&view.from)) {
        (CalendarSpan::Month, Ok(_)) => Month::parse(&view.from[..7])
            .map(|m| month_title(i18n, m))
            .unwrap_or_else(|_| view.from.clone()),
        _ => t_string!(
            i18n,
            calendar.week_of,
            from = short_date(i18n, &view.from),
            to = short_date(i18n, &view.to)
        )
        .to_string(),
    }
}

#[component]
fn Calendar(view: CalendarView) -> impl IntoView {
    let i18n = use_i18n();
    let span = view.span.as_str();
    let href = move |date: &str, span: &str| format!("/admin/calendar?span={span}&date={date}");
    let (prev, next, today) = (
        href(&view.prev, span),
        href(&view.next, span),
        href(&view.today, span),
    );
    let (week, month) = (href(&view.from, "week"), href(&view.from, "month"));
    let is_week = view.span == CalendarSpan::Week;
    let title = {
        let view = view.clone();
        move || heading(i18n, &view)
    };
    // Whole weeks: blank cells before the 1st and after the last day.
    let lead = view
        .days
        .first()
        .and_then(|d| Date::parse(&d.date).ok())
        .map_or(0, |d| usize::from(d.weekday().index()));
    let mut cells: Vec<Option<CalendarDay>> = (0..lead).map(|_| None).collect();
    cells.extend(view.days.iter().cloned().map(Some));
    while !cells.len().is_multiple_of(7) {
        cells.push(None);
    }
    let weeks: Vec<Vec<Option<CalendarDay>>> = cells.chunks(7).map(<[_]>::to_vec).collect();
    let today_date = view.today.clone();
    let (covers, bookings): (u32, u32) = view
        .days
        .iter()
        .fold((0, 0), |(c, b), d| (c + d.covers, b + d.bookings));
    view! {
        <header class="day-head">
            <div>
                <p class="eyebrow">{t!(i18n, calendar.title)}</p>
                <h1 id="page-title" tabindex="-1">{title}</h1>
            </div>
            <nav class="day-nav" aria-label=move || t_string!(i18n, calendar.nav)>
                <a class="button button-secondary" href=prev>
                    <span aria-hidden="true">"← "</span>{move || if is_week { t_string!(i18n, calendar.prev_week) } else { t_string!(i18n, calendar.prev_month) }}
                </a>
                <a class="button button-secondary" href=today>{t!(i18n, calendar.now)}</a>
                <a class="button button-secondary" href=next>
                    {move || if is_week { t_string!(i18n, calendar.next_week) } else { t_string!(i18n, calendar.next_month) }}<span aria-hidden="true">" →"</span>
                </a>
                <a class="button button-secondary" href=week aria-current=is_week.then_some("page")>{t!(i18n, calendar.week)}</a>
                <a class="button button-secondary" href=month aria-current=(!is_week).then_some("page")>{t!(i18n, calendar.month)}</a>
            </nav>
        </header>
        <p class="list-summary">
            <strong>{move || t_string!(i18n, calendar.totals, covers = covers, bookings = bookings).to_string()}</strong>
        </p>
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="page-title">
            <table class="calendar-grid" class:calendar-week=is_week>
                <caption class="visually-hidden">{t!(i18n, calendar.caption)}</caption>
                <thead>
                    <tr>
                        {Weekday::ALL.into_iter().map(|w| view! {
                            <th scope="col">
                                <abbr title=move || weekday_name(i18n, w)>{move || weekday_short(i18n, w)}</abbr>
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {weeks.into_iter().map(|week| view! {
                        <tr>
                            {week.into_iter().map(|cell| match cell {
                                Some(day) => {
                                    let is_today = day.date == today_date;
                                    view! { <DayCell day is_today /> }.into_any()
                                }
                                None => view! { <td class="calendar-blank"></td> }.into_any(),
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="hint calendar-legend">{t!(i18n, calendar.legend)}</p>
    }
}

#[component]
fn DayCell(day: CalendarDay, is_today: bool) -> impl IntoView {
    let i18n = use_i18n();
    let number = Date::parse(&day.date).map_or(0, |d| d.day());
    let month = Date::parse(&day.date).map_or(1, |d| d.month());
    let href = format!("/admin?date={}", day.date);
    let (covers, bookings) = (day.covers, day.bookings);
    view! {
        <td class="calendar-cell" class:calendar-today=is_today class:calendar-closed=day.closed>
            <a class="calendar-day" href=href aria-current=is_today.then_some("date")>
                <span class="calendar-number">{number}</span>
                <span class="visually-hidden">" "{move || month_name(i18n, month)}</span>
            </a>
            {if day.closed {
                view! { <p class="calendar-closed-text">{t!(i18n, calendar.closed)}</p> }.into_any()
            } else {
                view! {
                    <ul class="calendar-periods">
                        {day.periods.into_iter().map(|p| {
                            let (kind, heat) = (p.kind, p.heat());
                            let (c, cap) = (p.covers, p.capacity);
                            view! {
                                <li class=format!("calendar-period heat-{heat}")>
                                    <span class="calendar-period-name">{move || service_label(i18n, kind)}</span>
                                    <span class="calendar-period-covers">{format!("{c}/{cap}")}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <p class="calendar-count">{move || t_string!(i18n, calendar.day_count, covers = covers, bookings = bookings).to_string()}</p>
                }
                .into_any()
            }}
        </td>
    }
}
