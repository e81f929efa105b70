//! `/admin/timeline` (any day with `?date=`): rows are the tables grouped
//! by area, columns the hours of the day's services, each booking a block
//! as long as its turn. Staff drag a block to another table or time, or
//! its end to change its length (pointer events: mouse, touch and pen);
//! every block also opens a "Move to…" form (table, time, length), the
//! keyboard and single-pointer way to do the same (WCAG 2.5.7), which
//! works before hydration too. The server re-checks every move. A click
//! on an empty cell opens that table at that time: how long it is free,
//! a walk-in seated there now, or a booking taken for it.
//!
//! The rows and blocks stay in `page.rs` with the grid: moved to a module
//! of their own, the WASM splitter put 54 KB gzip of them into every
//! diner's shell (see ARCHITECTURE.md, and the transfer test).

pub mod api;
mod drag;
mod move_form;
mod page;
mod row;
mod seat;

use domain::StaffDay;
use serde::{Deserialize, Serialize};

pub use page::TimelinePage;

/// A day for the timeline, with the dates around it and the span shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineView {
    pub day: StaffDay,
    pub prev: String,
    pub next: String,
    /// Local minutes from midnight: the first and last shown.
    pub from_minute: u32,
    pub to_minute: u32,
}
