//! `/admin/timeline?date=YYYY-MM-DD[&move=ID][&seat=TABLE&at=HH:MM]`: the
//! day as a grid of tables × time, with drag and drop, the "Move to…" form
//! and an empty cell's card.

use super::drag::{hhmm, minute_of, table_at, Drag, DRAG_THRESHOLD_PX, PX_PER_MINUTE};
use super::move_form::MoveForm;
use super::row::TableRow;
use super::seat::{Cell, SeatCard};
use super::{api, TimelineView};
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::dates::long_date;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::Loading;
use domain::{DayBlock, ReservationStatus, StaffReservation, StaffTable};
use leptos::ev;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TimelinePage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let mv = ServerAction::<api::AdminMove>::new();
    let walk_in = ServerAction::<api::AdminWalkIn>::new();
    let date = Memo::new(move |_| query.read().get("date").filter(|d| !d.is_empty()));
    let moving = Memo::new(move |_| query.read().get("move").and_then(|m| m.parse::<i64>().ok()));
    let seat = Memo::new(move |_| {
        let q = query.read();
        let table = q.get("seat").and_then(|t| t.parse::<i64>().ok())?;
        Some((table, q.get("at").filter(|a| a.len() == 5)?))
    });
    let day = Resource::new(
        move || {
            (
                date.get(),
                mv.version().get(),
                walk_in.version().get(),
                crate::ui::live::changes(),
            )
        },
        |(date, ..)| api::admin_timeline(date),
    );
    // Where the grid was scrolled, per day: a move re-renders it, and the
    // host keeps looking at the same hours.
    let scrolled = StoredValue::new(None::<(String, i32)>);
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, timeline.title).to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match day.await {
                    Ok(view) => {
                        crate::ui::live::shown(view.day.version);
                        view! { <Timeline view mv walk_in moving seat scrolled /> }.into_any()
                    }
                    Err(error) => view! {
                        <h1 id="page-title" tabindex="-1">{t!(i18n, timeline.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Timeline(
    view: TimelineView,
    mv: ServerAction<api::AdminMove>,
    walk_in: ServerAction<api::AdminWalkIn>,
    moving: Memo<Option<i64>>,
    seat: Memo<Option<(i64, String)>>,
    scrolled: StoredValue<Option<(String, i32)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let TimelineView {
        day,
        prev,
        next,
        from_minute,
        to_minute,
    } = view;
    let (from, to) = (i64::from(from_minute), i64::from(to_minute));
    let width = (to - from) as f64 * PX_PER_MINUTE;
    let date = day.date.clone();
    let heading = day.date.clone();
    let here = format!("/admin/timeline?date={date}");
    let drag = RwSignal::new(None::<Drag>);
    // A drop ends with a click on the row: not a click on an empty cell.
    let just_dropped = StoredValue::new(false);
    let error = Memo::new(move |_| mv.value().get().and_then(Result::err));

    let on_move = window_event_listener(ev::pointermove, move |e| {
        if drag.with_untracked(Option::is_none) {
            return;
        }
        let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
        let under = table_at(x, y);
        drag.update(|d| {
            if let Some(d) = d {
                d.dx = x - d.x0;
                d.dy = y - d.y0;
                d.moved |= d.dx.hypot(d.dy) > DRAG_THRESHOLD_PX;
                if let Some(t) = under {
                    d.table = t;
                }
            }
        });
    });
    let on_up = window_event_listener(ev::pointerup, move |_| {
        let Some(d) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        if !d.moved {
            return;
        }
        just_dropped.set_value(true);
        let (start, duration, table) = d.landing();
        if (start, duration, table) == (d.start, d.duration, d.from_table) {
            return;
        }
        mv.dispatch(api::AdminMove {
            id: d.id,
            time: Some(hhmm(start)),
            table: (table != d.from_table).then(|| table.to_string()),
            duration: d.resize.then(|| duration.to_string()),
            back: None,
        });
    });
    on_cleanup(move || {
        on_move.remove();
        on_up.remove();
    });

    // Tables grouped by area, in the restaurant's order.
    let mut areas: Vec<(String, Vec<StaffTable>)> = Vec::new();
    for t in day.tables.iter().cloned() {
        match areas.iter_mut().find(|(a, _)| *a == t.area) {
            Some((_, list)) => list.push(t),
            None => areas.push((t.area.clone(), vec![t])),
        }
    }
    let holding: Vec<StaffReservation> = day
        .reservations
        .iter()
        .filter(|r| {
            !matches!(
                r.status,
                ReservationStatus::Cancelled | ReservationStatus::NoShow
            )
        })
        .cloned()
        .collect();
    let moving_booking = {
        let holding = holding.clone();
        move || {
            moving
                .get()
                .and_then(|id| holding.iter().find(|r| r.id == id).cloned())
        }
    };
    let tables_for_form = day.tables.clone();
    let day_blocks = day.blocks.clone();
    let cell = {
        let (holding, tables, date) = (holding.clone(), day.tables.clone(), date.clone());
        let (is_today, read) = (day.is_today, minute_of(&day.read_at));
        move || {
            let (table_id, at) = seat.get()?;
            let table = tables.iter().find(|t| t.id == table_id)?.clone();
            let mut at = minute_of(&at);
            // About now, today: the walk-in sits down now.
            let now = is_today && (at - read).abs() <= 30;
            if now {
                at = read;
            }
            let next = holding
                .iter()
                .filter(|r| r.table_ids.contains(&table_id))
                .filter(|r| minute_of(&r.time) + i64::from(r.duration_minutes) > at)
                .map(|r| minute_of(&r.time))
                .min();
            Some(Cell {
                table,
                date: date.clone(),
                time: hhmm(at),
                free_until: next.map(hhmm),
                free_minutes: next.map(|n| (n - at).max(0)),
                now,
            })
        }
    };
    // First shown: now (today) or the first booking, with a little before.
    let first_minute = if day.is_today {
        Some(minute_of(&day.read_at) - 60)
    } else {
        holding
            .iter()
            .map(|r| minute_of(&r.time))
            .min()
            .map(|m| m - 30)
    };
    let initial = first_minute.map_or(0, |m| ((m - from).max(0) as f64 * PX_PER_MINUTE) as i32);
    let scroller = NodeRef::<leptos::html::Div>::new();
    let scroll_date = date.clone();
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            let kept = scrolled.with_value(|s| {
                s.as_ref()
                    .filter(|(d, _)| *d == scroll_date)
                    .map(|(_, x)| *x)
            });
            el.set_scroll_left(kept.unwrap_or(initial));
        }
    });
    let remember_date = date.clone();
    let remember = move |_| {
        if let Some(el) = scroller.get_untracked() {
            scrolled.set_value(Some((remember_date.clone(), el.scroll_left())));
        }
    };
    let hours: Vec<i64> = (from / 60..to / 60).collect();

    view! {
        <header class="day-head">
            <div>
                <p class="eyebrow">{t!(i18n, timeline.title)}</p>
                <h1 id="page-title" tabindex="-1">{move || long_date(i18n, &heading)}</h1>
            </div>
            <nav class="day-nav" aria-label=move || t_string!(i18n, staff.day_nav)>
                <a class="button button-secondary" href=format!("/admin/timeline?date={prev}")>
                    <span aria-hidden="true">"← "</span>{t!(i18n, staff.prev_day)}
                </a>
                <a class="button button-secondary" href="/admin/timeline">{t!(i18n, staff.today)}</a>
                <a class="button button-secondary" href=format!("/admin/timeline?date={next}")>
                    {t!(i18n, staff.next_day)}<span aria-hidden="true">" →"</span>
                </a>
            </nav>
        </header>
        <p class="hint">{t!(i18n, timeline.how)}</p>
        <div class="status-region" role="status" aria-live="polite">
            {move || error.get().map(|error| view! { <ErrorMessage error /> })}
        </div>
        {let here = here.clone(); move || moving_booking().map(|r| view! {
            <MoveForm r tables=tables_for_form.clone() mv back=here.clone() />
        })}
        {move || cell().map(|cell| view! { <SeatCard cell walk_in back=here.clone() /> })}
        <div class="timeline-scroll" tabindex="0" role="region" node_ref=scroller on:scroll=remember
            aria-label=move || t_string!(i18n, timeline.grid_label)>
            <div class="timeline" style=format!("--timeline-width: {width}px")>
                <div class="timeline-row timeline-hours" aria-hidden="true">
                    <div class="timeline-label"></div>
                    <div class="timeline-track">
                        {hours.into_iter().map(|h| {
                            let left = (h * 60 - from) as f64 * PX_PER_MINUTE;
                            view! { <span class="timeline-hour" style=format!("left: {left}px")>{format!("{h:02}:00")}</span> }
                        }).collect_view()}
                    </div>
                </div>
                {areas.into_iter().map(|(area, tables)| view! {
                    <div class="timeline-area" role="group" aria-label=area.clone()>
                        <p class="timeline-area-name">{area.clone()}</p>
                        {tables.into_iter().map(|t| {
                            let blocks: Vec<StaffReservation> = holding
                                .iter()
                                .filter(|r| r.table_ids.contains(&t.id))
                                .cloned()
                                .collect();
                            let held: Vec<DayBlock> = day_blocks
                                .iter()
                                .filter(|b| b.tables.contains(&t.id))
                                .cloned()
                                .collect();
                            view! { <TableRow table=t blocks held from to drag just_dropped date=date.clone() /> }
                        }).collect_view()}
                    </div>
                }).collect_view()}
            </div>
        </div>
    }
}
