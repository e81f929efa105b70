//! An area's floor plan, drawn as an SVG grid (a cell is 24 px). For
//! admins it is an editor: a table is dragged to its place with the
//! pointer (mouse, touch or pen), or focused and moved a cell at a time
//! with the arrow keys; each move is saved at once and put back if the
//! server refuses it. The table form's column and row fields say the same
//! without a pointer or a script.

use super::api;
use crate::i18n::*;
use crate::ui::plan::{extent, outline, placed_at, CELL};
use domain::floor::{overlapping, Footprint, MAX_CELL};
use domain::FloorTable;
use leptos::ev;
use leptos::prelude::*;

/// A pointer that moves less than this is a click, not a drag.
const DRAG_THRESHOLD_PX: f64 = 4.0;
/// Room left to the right and below the tables, to drag them into.
const ROOM: u32 = 4;

/// A table being dragged: where the pointer went down, the table's cell
/// then, and pixels per cell as drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
struct PlanDrag {
    id: i64,
    x0: f64,
    y0: f64,
    from: (u32, u32),
    px_per_cell: f64,
    moved: bool,
}

/// One table as placed: its id, name, size and shape, and where it stands
/// now (moved by the editor before the server answers).
#[derive(Clone)]
struct Placed {
    table: FloorTable,
    at: RwSignal<(u32, u32)>,
    /// Where the server last saved it.
    saved: StoredValue<(u32, u32)>,
}

fn moved_by(from: u32, cells: i64) -> u32 {
    (i64::from(from) + cells).clamp(0, i64::from(MAX_CELL)) as u32
}

#[component]
pub(super) fn Plan(
    tables: Vec<FloorTable>,
    label: Signal<String>,
    /// Set for admins: the plan is an editor.
    place: Option<ServerAction<api::AdminTablePlace>>,
    /// The id of its grid pattern (one per plan on the page).
    grid: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let editable = place.is_some();
    let (width, height) = extent(tables.iter(), if editable { ROOM } else { 1 });
    let placed: Vec<Placed> = tables
        .into_iter()
        .map(|t| Placed {
            at: RwSignal::new((t.x, t.y)),
            saved: StoredValue::new((t.x, t.y)),
            table: t,
        })
        .collect();
    // Tables that share a cell as they stand now (dragged ones included).
    let all = placed.clone();
    let overlaps = Memo::new(move |_| {
        let feet: Vec<Footprint> = all
            .iter()
            .map(|p| {
                let (x, y) = p.at.get();
                Footprint {
                    x,
                    y,
                    width: p.table.width,
                    height: p.table.height,
                }
            })
            .collect();
        overlapping(&feet)
            .into_iter()
            .map(|(a, b)| {
                let (a, b) = (&all[a].table, &all[b].table);
                ((a.id, a.name.clone()), (b.id, b.name.clone()))
            })
            .collect::<Vec<_>>()
    });
    let drag = RwSignal::new(None::<PlanDrag>);
    // The move being saved, to put back if it is refused.
    let saving = StoredValue::new(None::<i64>);
    let announce = RwSignal::new(String::new());
    if let Some(action) = place {
        let placed = placed.clone();
        Effect::watch(
            move || action.version().get(),
            move |_, _, _| {
                let Some(id) = saving.get_value() else { return };
                let Some(p) = placed.iter().find(|p| p.table.id == id) else {
                    return;
                };
                match action.value().get_untracked() {
                    Some(Ok(())) => p.saved.set_value(p.at.get_untracked()),
                    _ => p.at.set(p.saved.get_value()),
                }
            },
            false,
        );
    }
    let save = move |p: &Placed| {
        let Some(action) = place else { return };
        let (x, y) = p.at.get_untracked();
        saving.set_value(Some(p.table.id));
        let name = p.table.name.clone();
        announce.set(t_string!(i18n, tables.plan_moved, name = name, x = x, y = y).to_string());
        action.dispatch(api::AdminTablePlace {
            id: p.table.id,
            x: i64::from(x),
            y: i64::from(y),
        });
    };
    let groups = placed
        .into_iter()
        .map(|p| {
            let t = p.table.clone();
            let (w, h) = (t.width * CELL, t.height * CELL);
            let at = p.at;
            let id = t.id;
            let shape = outline(&t);
            let drawn = t.clone();
            let transform = move || placed_at(&drawn, at.get());
            let name = t.name.clone();
            let aria = move || {
                let (x, y) = at.get();
                t_string!(i18n, tables.plan_table, name = name.clone(), x = x, y = y).to_string()
            };
            let p_down = p.clone();
            let on_down = move |e: ev::PointerEvent| {
                if !editable || e.button() != 0 {
                    return;
                }
                let target = event_target::<leptos::web_sys::Element>(&e);
                // Moves and the release come here wherever the pointer goes.
                if let Some(g) = target.closest("g").ok().flatten() {
                    let _ = g.set_pointer_capture(e.pointer_id());
                }
                let drawn = target
                    .closest("svg")
                    .ok()
                    .flatten()
                    .map_or(f64::from(width * CELL), |svg| f64::from(svg.client_width()));
                drag.set(Some(PlanDrag {
                    id,
                    x0: f64::from(e.client_x()),
                    y0: f64::from(e.client_y()),
                    from: p_down.at.get_untracked(),
                    px_per_cell: (drawn / f64::from(width)).max(1.0),
                    moved: false,
                }));
            };
            let p_move = p.clone();
            let on_move = move |e: ev::PointerEvent| {
                let Some(mut d) = drag.get_untracked().filter(|d| d.id == id) else {
                    return;
                };
                let (dx, dy) = (f64::from(e.client_x()) - d.x0, f64::from(e.client_y()) - d.y0);
                d.moved |= dx.hypot(dy) > DRAG_THRESHOLD_PX;
                if d.moved {
                    let cells = |px: f64| (px / d.px_per_cell).round() as i64;
                    p_move
                        .at
                        .set((moved_by(d.from.0, cells(dx)), moved_by(d.from.1, cells(dy))));
                }
                drag.set(Some(d));
            };
            let p_up = p.clone();
            let on_up = move |_: ev::PointerEvent| {
                let Some(d) = drag.get_untracked().filter(|d| d.id == id) else {
                    return;
                };
                drag.set(None);
                if d.moved && p_up.at.get_untracked() != d.from {
                    save(&p_up);
                }
            };
            let p_key = p.clone();
            let on_key = move |e: ev::KeyboardEvent| {
                if !editable {
                    return;
                }
                let (dx, dy) = match e.key().as_str() {
                    "ArrowLeft" => (-1, 0),
                    "ArrowRight" => (1, 0),
                    "ArrowUp" => (0, -1),
                    "ArrowDown" => (0, 1),
                    _ => return,
                };
                e.prevent_default();
                let (x, y) = p_key.at.get_untracked();
                let next = (moved_by(x, dx), moved_by(y, dy));
                if next != (x, y) {
                    p_key.at.set(next);
                    save(&p_key);
                }
            };
            let dragging = move || drag.with(|d| d.is_some_and(|d| d.id == id && d.moved));
            let overlapped = move || {
                overlaps.with(|pairs| pairs.iter().any(|(a, b)| a.0 == id || b.0 == id))
            };
            view! {
                <g class="plan-table" class:plan-inactive=!t.active class:plan-editable=editable
                    class:plan-dragging=dragging
                    class:plan-overlap=overlapped
                    data-plan-table=t.name.clone()
                    data-live-hold=editable.then_some("")
                    transform=transform
                    tabindex=editable.then_some("0")
                    role=editable.then_some("button")
                    aria-label=move || editable.then(aria.clone())
                    aria-roledescription=move || editable.then(|| t_string!(i18n, tables.plan_movable).to_string())
                    on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up
                    on:pointercancel=move |_| drag.set(None)
                    on:keydown=on_key>
                    {shape}
                    <text x=w / 2 y=h / 2 + 4 text-anchor="middle">{t.name.clone()}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="floor-plan" class:floor-plan-editor=editable
            role=if editable { "group" } else { "img" } aria-label=label
            viewBox=format!("0 0 {} {}", width * CELL, height * CELL)
            width=width * CELL height=height * CELL>
            {editable.then(|| view! {
                <defs>
                    <pattern id=grid.clone() width=CELL height=CELL patternUnits="userSpaceOnUse">
                        <path d=format!("M {CELL} 0 L 0 0 0 {CELL}") class="plan-grid-line" />
                    </pattern>
                </defs>
                <rect class="plan-grid" width="100%" height="100%" fill=format!("url(#{grid})") />
            })}
            {groups}
        </svg>
        {move || {
            let pairs = overlaps.get();
            (!pairs.is_empty()).then(|| view! {
                <div class="alert alert-error plan-overlaps" role="status">
                    <ul>
                        {pairs
                            .into_iter()
                            .map(|((_, a), (_, b))| view! {
                                <li>{t!(i18n, tables.plan_overlap, a = a, b = b)}</li>
                            })
                            .collect_view()}
                    </ul>
                </div>
            })
        }}
        {editable.then(|| view! {
            <p class="hint">{t!(i18n, tables.plan_hint)}</p>
            <p class="visually-hidden" role="status" aria-live="polite">{move || announce.get()}</p>
        })}
    }
}
