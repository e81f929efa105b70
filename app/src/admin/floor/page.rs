//! The live floor's page: the tables by state, each area's plan, and the
//! card of the table picked.

use super::api;
use super::card::TableCard;
use crate::error::ErrorMessage;
use crate::i18n::*;
use crate::ui::focus::focus_heading_on_arrival;
use crate::ui::plan::{extent, outline, placed_at, CELL};
use crate::ui::{I18n, Loading};
use domain::{LiveArea, LiveFloor, LiveTable, TableNow};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn FloorPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let set_status = ServerAction::<api::AdminFloorStatus>::new();
    let walk_in = ServerAction::<api::AdminFloorWalkIn>::new();
    let selected = Memo::new(move |_| {
        query
            .read()
            .get("table")
            .and_then(|t| t.parse::<i64>().ok())
    });
    // Time moves tables on (due soon, then late; seated minutes) without
    // any change to announce: the floor is read again every minute.
    let minute = RwSignal::new(0u32);
    #[cfg(feature = "hydrate")]
    every_minute(minute);
    let floor = Resource::new(
        move || {
            (
                set_status.version().get(),
                walk_in.version().get(),
                crate::ui::live::changes(),
                minute.get(),
            )
        },
        |_| api::admin_live_floor(),
    );
    focus_heading_on_arrival("page-title");
    view! {
        <Title text=move || t_string!(i18n, floor.title).to_string() />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match floor.await {
                    Ok(floor) => {
                        crate::ui::live::shown(floor.version);
                        view! { <Floor floor selected set_status walk_in /> }.into_any()
                    }
                    Err(error) => view! {
                        <h1 id="page-title" tabindex="-1">{t!(i18n, floor.title)}</h1>
                        <ErrorMessage error />
                    }
                    .into_any(),
                }
            })}
        </Transition>
    }
}

/// Moves `minute` on every minute, unless staff are typing (reading the
/// floor again then would redraw the field under their fingers).
#[cfg(feature = "hydrate")]
fn every_minute(minute: RwSignal<u32>) {
    let typing = || {
        document()
            .active_element()
            .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
    };
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if !typing() {
                minute.update(|m| *m += 1);
            }
        },
        std::time::Duration::from_secs(60),
    ) {
        on_cleanup(move || handle.clear());
    }
}

/// What a table's state is called.
pub(super) fn state_label(i18n: I18n, state: TableNow) -> &'static str {
    match state {
        TableNow::Free => t_string!(i18n, floor.free),
        TableNow::Soon => t_string!(i18n, floor.soon),
        TableNow::Seated => t_string!(i18n, floor.seated),
        TableNow::Late => t_string!(i18n, floor.late),
        TableNow::Blocked => t_string!(i18n, floor.blocked),
    }
}

#[component]
fn Floor(
    floor: LiveFloor,
    selected: Memo<Option<i64>>,
    set_status: ServerAction<api::AdminFloorStatus>,
    walk_in: ServerAction<api::AdminFloorWalkIn>,
) -> impl IntoView {
    let i18n = use_i18n();
    let counts = floor.counts();
    let empty = floor.areas.iter().all(|a| a.tables.is_empty());
    let read_at = floor.read_at.clone();
    let picked = floor.clone();
    let card = move || {
        let table = selected.get().and_then(|id| picked.table(id).cloned())?;
        Some(view! { <TableCard live=table set_status walk_in /> })
    };
    view! {
        <header class="page-header">
            <h1 id="page-title" tabindex="-1">{t!(i18n, floor.title)}</h1>
            <p class="hint">{t!(i18n, floor.read_at, time = read_at)}</p>
        </header>
        <ul class="floor-legend" aria-label=move || t_string!(i18n, floor.legend)>
            {counts
                .into_iter()
                .map(|(state, n)| view! {
                    <li class=format!("floor-key floor-{}", state.as_str())>
                        <span class="floor-swatch" aria-hidden="true"></span>
                        {move || state_label(i18n, state)}
                        " " <strong>{n}</strong>
                    </li>
                })
                .collect_view()}
        </ul>
        {empty.then(|| view! {
            <p>{t!(i18n, floor.no_tables)}" "<a href="/admin/tables">{t!(i18n, tables.nav)}</a></p>
        })}
        <div class="floor-layout">
            {card}
            <div class="floor-areas">
                {floor
                    .areas
                    .into_iter()
                    .filter(|a| !a.tables.is_empty())
                    .map(|area| view! { <AreaPlan area selected /> })
                    .collect_view()}
            </div>
        </div>
    }
}

/// What a table says under its name on the plan, in few characters.
fn short_line(i18n: I18n, t: &LiveTable) -> String {
    let booking = t.booking.as_ref();
    match t.now {
        TableNow::Free => t
            .next_at
            .as_ref()
            .map(|at| t_string!(i18n, floor.next_short, time = at.clone()).to_string())
            .unwrap_or_default(),
        TableNow::Soon | TableNow::Late => booking
            .map(|b| format!("{} · {}", b.time, b.party_size))
            .unwrap_or_default(),
        TableNow::Seated => booking
            .map(|b| {
                let minutes = b.seated_minutes.unwrap_or(0);
                format!("{minutes}/{}′", b.duration_minutes)
            })
            .unwrap_or_default(),
        TableNow::Blocked => t
            .block
            .as_ref()
            .map(|b| t_string!(i18n, floor.until_short, time = b.end.clone()).to_string())
            .unwrap_or_default(),
    }
}

/// The sentence a screen reader reads for a table: what is drawn on it,
/// then what it does now in words.
fn table_sentence(i18n: I18n, t: &LiveTable) -> String {
    let state = state_label(i18n, t.now);
    let detail = match (t.now, t.booking.as_ref()) {
        (TableNow::Seated, Some(b)) => t_string!(
            i18n,
            floor.seated_detail,
            party = b.party_size,
            minutes = b.seated_minutes.unwrap_or(0),
            planned = b.duration_minutes
        )
        .to_string(),
        (TableNow::Soon | TableNow::Late, Some(b)) => t_string!(
            i18n,
            floor.due_detail,
            party = b.party_size,
            time = b.time.clone()
        )
        .to_string(),
        (TableNow::Blocked, _) => t
            .block
            .as_ref()
            .map(|b| t_string!(i18n, floor.blocked_detail, time = b.end.clone()).to_string())
            .unwrap_or_default(),
        _ => t
            .next_at
            .as_ref()
            .map(|at| t_string!(i18n, floor.next_detail, time = at.clone()).to_string())
            .unwrap_or_default(),
    };
    let overstaying = if t.overstaying() {
        format!(", {}", t_string!(i18n, floor.overstaying))
    } else {
        String::new()
    };
    // The words drawn on the table come first, as they are (so a voice
    // command naming what is seen finds the link), then the sentence.
    let line = short_line(i18n, t);
    let drawn = if line.is_empty() {
        t.table.name.clone()
    } else {
        format!("{} {line}", t.table.name)
    };
    format!("{drawn} — {state}{detail}{overstaying}")
}

#[component]
fn AreaPlan(area: LiveArea, selected: Memo<Option<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = format!("floor-area-{}", area.id);
    let (width, height) = extent(area.tables.iter().map(|t| &t.table), 1);
    let tables = area
        .tables
        .into_iter()
        .map(|live| {
            let t = live.table.clone();
            let id = t.id;
            let (w, h) = (t.width * CELL, t.height * CELL);
            let (cx, cy) = (t.x * CELL + w / 2, t.y * CELL + h / 2);
            let line = {
                let live = live.clone();
                move || short_line(i18n, &live)
            };
            let sentence = {
                let live = live.clone();
                move || table_sentence(i18n, &live)
            };
            let is_selected = move || selected.get() == Some(id);
            // The `<g>` makes the macro create an SVG `<a>`: on its own, an
            // `<a>` drawn in the browser is an HTML one, invisible in an SVG.
            // The space after the name keeps "T3 0/90′" two words in the
            // link's text, as in its label.
            view! {
                <g>
                <a href=format!("/admin/floor?table={id}")
                    class=format!("floor-table floor-{}", live.now.as_str())
                    class:floor-over=live.overstaying()
                    class:floor-selected=is_selected
                    data-floor-table=t.name.clone()
                    data-floor-state=live.now.as_str()
                    aria-label=sentence
                    aria-current=move || is_selected().then_some("true")>
                    <g transform=placed_at(&t, (t.x, t.y))>{outline(&t)}</g>
                    <text x=cx y=cy - 2 text-anchor="middle" class="floor-name">{t.name.clone()}" "</text>
                    <text x=cx y=cy + 11 text-anchor="middle" class="floor-line">{line}</text>
                </a>
                </g>
            }
        })
        .collect_view();
    let (section_label, svg_label) = (heading.clone(), heading.clone());
    view! {
        <section class="floor-area" aria-labelledby=section_label>
            <h2 id=heading>{area.name}</h2>
            <svg class="floor-plan floor-live" role="group" aria-labelledby=svg_label
                viewBox=format!("0 0 {} {}", width * CELL, height * CELL)
                width=width * CELL height=height * CELL>
                {tables}
            </svg>
        </section>
    }
}
