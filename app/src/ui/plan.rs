//! An area's floor plan as SVG: a grid of cells, each table drawn at its
//! place with its shape, size and rotation. The tables screen makes it an
//! editor; the live floor colours it by what each table is doing.

use domain::{FloorTable, TableShape};
use leptos::prelude::*;

/// A cell's side, in SVG units (pixels when drawn at full size).
pub const CELL: u32 = 24;

/// The plan's size in cells: the tables' extent plus `room` cells to the
/// right and below, and at least 8 × 3.
pub fn extent<'a>(tables: impl Iterator<Item = &'a FloorTable> + Clone, room: u32) -> (u32, u32) {
    let far = |size: fn(&FloorTable) -> u32, min: u32| {
        tables.clone().map(size).max().unwrap_or(min).max(min) + room
    };
    (far(|t| t.x + t.width, 8), far(|t| t.y + t.height, 3))
}

/// The SVG transform that puts a table drawn at the origin on cell
/// `(x, y)`, turned about its centre.
pub fn placed_at(table: &FloorTable, (x, y): (u32, u32)) -> String {
    let (w, h) = (table.width * CELL, table.height * CELL);
    format!(
        "translate({} {}) rotate({} {} {})",
        x * CELL,
        y * CELL,
        table.rotation,
        w / 2,
        h / 2
    )
}

/// A table's outline, drawn at the origin.
pub fn outline(table: &FloorTable) -> AnyView {
    let (w, h) = (table.width * CELL, table.height * CELL);
    match table.shape {
        TableShape::Round => view! {
            <ellipse cx=w / 2 cy=h / 2 rx=w / 2 ry=h / 2 />
        }
        .into_any(),
        TableShape::Square | TableShape::Rectangle => {
            view! { <rect x=0 y=0 width=w height=h rx=4 /> }.into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(x: u32, y: u32, width: u32, height: u32) -> FloorTable {
        FloorTable {
            id: 1,
            name: "T1".into(),
            area_id: 1,
            min_seats: 1,
            max_seats: 2,
            bookable_online: true,
            active: true,
            shape: TableShape::Square,
            x,
            y,
            width,
            height,
            rotation: 90,
        }
    }

    #[test]
    fn a_plan_holds_its_tables_and_some_room() {
        assert_eq!(extent([].iter(), 1), (9, 4));
        let tables = [table(10, 2, 2, 3), table(1, 6, 4, 2)];
        assert_eq!(extent(tables.iter(), 4), (16, 12));
        assert_eq!(
            placed_at(&tables[0], (10, 2)),
            "translate(240 48) rotate(90 24 36)"
        );
    }
}
