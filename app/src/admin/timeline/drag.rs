//! Dragging a block on the timeline: where it lands (table, start,
//! length), snapped to the grid.

use leptos::prelude::*;

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
