//! The timeline's grid: a table's row with its blocks, and the drag of a
//! block (to another table or time, or its end to change its length).

use crate::i18n::*;
use crate::ui::labels::{party_label, status_label};
use domain::{StaffReservation, StaffTable};
use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Pixels per minute of the grid (two hours in 240 px).
pub(super) const PX_PER_MINUTE: f64 = 2.0;
/// Drops and resizes snap to this many minutes.
pub(super) const SNAP_MINUTES: i64 = 15;
/// A pointer that moves less than this is a click, not a drag.
pub(super) const DRAG_THRESHOLD_PX: f64 = 4.0;

/// A block being dragged (or its end, to resize it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Drag {
    pub(super) id: i64,
    pub(super) resize: bool,
    pub(super) x0: f64,
    pub(super) y0: f64,
    pub(super) dx: f64,
    pub(super) dy: f64,
    /// Past the threshold: a drag, not a click.
    pub(super) moved: bool,
    pub(super) from_table: i64,
    /// The table row under the pointer.
    pub(super) table: i64,
    pub(super) start: i64,
    pub(super) duration: i64,
}

impl Drag {
    pub(super) fn delta_minutes(&self) -> i64 {
        let minutes = self.dx / PX_PER_MINUTE;
        (minutes / SNAP_MINUTES as f64).round() as i64 * SNAP_MINUTES
    }

    /// Where the block lands: start minute, length, table.
    pub(super) fn landing(&self) -> (i64, i64, i64) {
        if self.resize {
            let duration = (self.duration + self.delta_minutes()).max(SNAP_MINUTES);
            (self.start, duration, self.from_table)
        } else {
            (self.start + self.delta_minutes(), self.duration, self.table)
        }
    }
}

pub(super) fn minute_of(hhmm: &str) -> i64 {
    hhmm.split_once(':')
        .and_then(|(h, m)| Some(h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?))
        .unwrap_or(0)
}

pub(super) fn hhmm(minute: i64) -> String {
    let m = minute.rem_euclid(24 * 60);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The table row under a point of the window, if any.
pub(super) fn table_at(x: f64, y: f64) -> Option<i64> {
    let element = document().element_from_point(x as f32, y as f32)?;
    let row = element.closest("[data-table-id]").ok()??;
    row.get_attribute("data-table-id")?.parse().ok()
}

#[component]
pub(super) fn TableRow(
    table: StaffTable,
    blocks: Vec<StaffReservation>,
    from: i64,
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
