//! One table's row of the timeline: its bookings as blocks that drag (to
//! another time or table) and resize, the ghost of a drag landing on it,
//! and the spans it is blocked (hatched: nothing lands there).

use super::drag::{hhmm, minute_of, Drag, PX_PER_MINUTE, SNAP_MINUTES};
use crate::i18n::*;
use crate::ui::labels::{party_label, status_label};
use domain::{DayBlock, StaffReservation, StaffTable};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub(super) fn TableRow(
    table: StaffTable,
    blocks: Vec<StaffReservation>,
    /// The day's blocks of this table.
    held: Vec<DayBlock>,
    /// The grid's first and last minutes.
    from: i64,
    to: i64,
    drag: RwSignal<Option<Drag>>,
    just_dropped: StoredValue<bool>,
    date: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let table_id = table.id;
    let navigate = use_navigate();
    let cell_date = date.clone();
    // A click on the row's empty space opens that table at that time.
    let open_cell = move |e: ev::MouseEvent| {
        if std::mem::take(&mut *just_dropped.write_value()) {
            return;
        }
        let on_track = event_target::<leptos::web_sys::Element>(&e)
            .class_list()
            .contains("timeline-track");
        if !on_track {
            return;
        }
        let minute = from + (f64::from(e.offset_x()) / PX_PER_MINUTE) as i64;
        let at = hhmm(minute - minute.rem_euclid(SNAP_MINUTES));
        navigate(
            &format!("/admin/timeline?date={cell_date}&seat={table_id}&at={at}"),
            Default::default(),
        );
    };
    let seats = if table.min_seats == table.max_seats {
        table.max_seats.to_string()
    } else {
        format!("{}–{}", table.min_seats, table.max_seats)
    };
    // Where a dragged block would land on this row.
    let ghost = move || {
        drag.get().filter(|d| d.moved).and_then(|d| {
            let (start, duration, table) = d.landing();
            (table == table_id).then(|| {
                let left = (start - from) as f64 * PX_PER_MINUTE;
                let width = duration as f64 * PX_PER_MINUTE;
                view! {
                    <div class="timeline-ghost" aria-hidden="true"
                        style=format!("left: {left}px; width: {width}px")>
                        {format!("{}–{}", hhmm(start), hhmm(start + duration))}
                    </div>
                }
            })
        })
    };
    view! {
        <div class="timeline-row" data-table-id=table_id>
            <div class="timeline-label">
                <strong>{table.name.clone()}</strong>
                <span class="hint">{seats}" "{move || t_string!(i18n, timeline.seats)}</span>
            </div>
            <div class="timeline-track" on:click=open_cell
                on:pointerdown=move |_| just_dropped.set_value(false)>
                {held.into_iter().map(|b| view! { <Held b from to /> }).collect_view()}
                {blocks.into_iter().map(|r| view! { <Block r table_id from drag date=date.clone() /> }).collect_view()}
                {ghost}
            </div>
        </div>
    }
}

#[component]
fn Block(
    r: StaffReservation,
    table_id: i64,
    from: i64,
    drag: RwSignal<Option<Drag>>,
    date: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = r.id;
    let start = minute_of(&r.time);
    let duration = i64::from(r.duration_minutes);
    let left = (start - from) as f64 * PX_PER_MINUTE;
    let width = duration as f64 * PX_PER_MINUTE;
    let status = r.status;
    let party = r.party_size;
    let name = r.name.clone();
    let span = format!("{}–{}", r.time, r.end_time);
    let flags = !r.flags.is_empty();
    let dragging = move || drag.with(|d| d.is_some_and(|d| d.id == id && d.moved));
    let offset = move || {
        drag.with(|d| match d {
            Some(d) if d.id == id && d.moved && !d.resize => {
                format!("transform: translate({}px, {}px);", d.dx, d.dy)
            }
            Some(d) if d.id == id && d.moved && d.resize => {
                let (_, duration, _) = d.landing();
                format!("width: {}px;", duration as f64 * PX_PER_MINUTE)
            }
            _ => String::new(),
        })
    };
    let begin = move |e: ev::PointerEvent, resize: bool| {
        if e.button() != 0 {
            return;
        }
        // No text selection or scrolling while dragging.
        e.prevent_default();
        drag.set(Some(Drag {
            id,
            resize,
            x0: f64::from(e.client_x()),
            y0: f64::from(e.client_y()),
            dx: 0.0,
            dy: 0.0,
            moved: false,
            from_table: table_id,
            table: table_id,
            start,
            duration,
        }));
    };
    view! {
        <div class=format!("timeline-block status-block-{}", status.as_str())
            class:dragging=dragging
            data-reservation-id=id
            style=move || format!("left: {left}px; width: {width}px; {}", offset())
            on:pointerdown=move |e| {
                // The right edge resizes; the rest moves.
                let resize = event_target::<leptos::web_sys::Element>(&e)
                    .class_list()
                    .contains("timeline-resize");
                begin(e, resize)
            }>
            <a class="timeline-block-link" href=format!("/admin/timeline?date={date}&move={id}")
                draggable="false">
                <span class="visually-hidden">{move || t_string!(i18n, timeline.move_booking)}" "</span>
                <span class="timeline-block-name">{name}</span>
                <span class="timeline-block-meta">
                    {move || party_label(i18n, party)}" · "{span.clone()}
                    {flags.then_some(" ⚑")}
                </span>
                <span class="visually-hidden">{move || status_label(i18n, status)}</span>
            </a>
            <span class="timeline-resize" aria-hidden="true"></span>
        </div>
    }
}

/// A span the table is blocked: no booking lands there. Drawn within the
/// grid's hours (a block may outlast the day's services); nothing when it
/// lies outside them.
#[component]
fn Held(b: DayBlock, from: i64, to: i64) -> impl IntoView {
    let i18n = use_i18n();
    let (start, end) = (minute_of(&b.start).max(from), minute_of(&b.end).min(to));
    let left = (start - from) as f64 * PX_PER_MINUTE;
    let width = (end - start) as f64 * PX_PER_MINUTE;
    let span = format!("{}–{}", b.start, b.end);
    (end > start).then(|| view! {
        <div class="timeline-held" style=format!("left: {left}px; width: {width}px")>
            <span class="timeline-held-label">
                <span class="visually-hidden">{move || t_string!(i18n, timeline.blocked)}" "</span>
                {b.reason.clone()}" · "{span}
            </span>
        </div>
    })
}
