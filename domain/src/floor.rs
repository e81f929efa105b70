//! The room as admins set it up: its areas (dining room, terrace, bar…),
//! the tables in each and where they stand on the area's floor plan (a
//! grid of cells), and the tables that may be pushed together. Input forms
//! parse what was typed and name every field at fault.

use crate::settings::AuditFields;
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// How a table is drawn on the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum TableShape {
    Round,
    Square,
    Rectangle,
}

impl TableShape {
    pub const ALL: [TableShape; 3] = [TableShape::Round, TableShape::Square, TableShape::Rectangle];

    pub fn as_str(self) -> &'static str {
        match self {
            TableShape::Round => "round",
            TableShape::Square => "square",
            TableShape::Rectangle => "rectangle",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw.trim())
    }
}

/// An area of the room, in the order staff read them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Area {
    pub id: i64,
    pub name: String,
    pub position: i64,
    /// How many tables stand in it.
    pub tables: u32,
}

/// A table, its seats and its place on its area's plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FloorTable {
    pub id: i64,
    pub name: String,
    pub area_id: i64,
    /// The smallest and the largest party it is given to.
    pub min_seats: u32,
    pub max_seats: u32,
    /// Offered to diners online (otherwise kept for phone bookings and
    /// walk-ins).
    pub bookable_online: bool,
    /// In use: an inactive table is offered to nobody.
    pub active: bool,
    pub shape: TableShape,
    /// Cells from the plan's top left corner, and the table's size in cells.
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// Degrees: 0, 45, 90 or 135.
    pub rotation: u32,
}

/// Tables that may be pushed together for a larger party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TableCombination {
    pub id: i64,
    pub name: String,
    /// Its tables' ids.
    pub tables: Vec<i64>,
    /// The largest party it seats (the sum of its tables' seats).
    pub max_seats: u32,
}

/// A booking from now on at a table that is to be removed or deactivated,
/// and the free tables proposed for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TableBooking {
    pub id: i64,
    pub reference: String,
    pub guest_name: String,
    /// Local date and time at the restaurant: `YYYY-MM-DD`, `HH:MM`.
    pub date: String,
    pub time: String,
    pub party_size: u32,
    /// The tables' ids it would move to, or none when nothing free seats
    /// it then (staff move it by hand).
    pub proposal: Option<Vec<i64>>,
    /// Those tables' names, in the same order.
    pub proposal_names: Vec<String>,
}

/// The whole room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Floor {
    pub areas: Vec<Area>,
    /// By area (in the areas' order), then by name.
    pub tables: Vec<FloorTable>,
    pub combinations: Vec<TableCombination>,
}

/// The longest name of an area, a table or a combination.
pub const MAX_NAME_CHARS: usize = 40;
/// The most seats at one table.
pub const MAX_SEATS: u32 = 50;
/// The plan's last cell, across and down.
pub const MAX_CELL: u32 = 99;
/// A table's largest side, in cells.
pub const MAX_SIZE: u32 = 12;
/// The angles a table may be turned by.
pub const ROTATIONS: [u32; 4] = [0, 45, 90, 135];
/// The most tables in one combination.
pub const MAX_COMBINED: usize = 8;

/// A name as typed: trimmed, one to [`MAX_NAME_CHARS`] characters, no
/// control or hidden format characters.
pub fn parse_name(raw: &str, field: &'static str) -> Result<String, FieldError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(FieldError::new(field, "too_long"));
    }
    if name
        .chars()
        .any(|c| c.is_control() || crate::booking::is_hidden_format(c))
    {
        return Err(FieldError::invalid(field));
    }
    Ok(name.to_owned())
}

/// An area as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaInput {
    pub name: String,
}

/// A valid area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaForm {
    pub name: String,
}

impl AreaForm {
    pub fn parse(input: &AreaInput) -> Result<Self, Vec<FieldError>> {
        parse_name(&input.name, "name")
            .map(|name| AreaForm { name })
            .map_err(|e| vec![e])
    }
}

/// Where a table stands on its plan: cells from the top left, and its
/// size in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Footprint {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl Footprint {
    /// Whether two tables share a cell (as drawn unturned).
    pub fn overlaps(self, other: Footprint) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }
}

/// Every pair of tables that overlap on one plan, by their index in
/// `tables`, in order.
pub fn overlapping(tables: &[Footprint]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (i, a) in tables.iter().enumerate() {
        for (j, b) in tables.iter().enumerate().skip(i + 1) {
            if a.overlaps(*b) {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

/// A table as typed (numbers as given: each is checked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableInput {
    pub name: String,
    pub area_id: i64,
    pub min_seats: i64,
    pub max_seats: i64,
    pub bookable_online: bool,
    pub active: bool,
    pub shape: String,
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub rotation: i64,
}

/// A valid table (its area's existence is the service's to check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableForm {
    pub name: String,
    pub area_id: i64,
    pub min_seats: u32,
    pub max_seats: u32,
    pub bookable_online: bool,
    pub active: bool,
    pub shape: TableShape,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub rotation: u32,
}

impl AuditFields for AreaForm {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        vec![("name", self.name.clone())]
    }
}

/// A table's fields but its area (the store names it).
impl AuditFields for TableForm {
    fn audit_fields(&self) -> Vec<(&'static str, String)> {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_owned();
        vec![
            ("name", self.name.clone()),
            ("min_seats", self.min_seats.to_string()),
            ("max_seats", self.max_seats.to_string()),
            ("bookable_online", yes_no(self.bookable_online)),
            ("active", yes_no(self.active)),
            ("shape", self.shape.as_str().to_owned()),
            ("place", format!("{}, {}", self.x, self.y)),
            ("size", format!("{} × {}", self.width, self.height)),
            ("rotation", self.rotation.to_string()),
        ]
    }
}

fn within(value: i64, min: u32, max: u32, field: &'static str) -> Result<u32, FieldError> {
    u32::try_from(value)
        .ok()
        .filter(|v| (min..=max).contains(v))
        .ok_or_else(|| FieldError::invalid(field))
}

/// A table's place on its plan, as the editor sends it: each coordinate
/// at fault.
pub fn parse_place(x: i64, y: i64) -> Result<(u32, u32), Vec<FieldError>> {
    match (within(x, 0, MAX_CELL, "x"), within(y, 0, MAX_CELL, "y")) {
        (Ok(x), Ok(y)) => Ok((x, y)),
        (x, y) => Err([x.err(), y.err()].into_iter().flatten().collect()),
    }
}

impl TableForm {
    /// Every field at fault.
    pub fn parse(input: &TableInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut keep = |r: Result<u32, FieldError>| match r {
            Ok(v) => v,
            Err(e) => {
                errors.push(e);
                0
            }
        };
        let min_seats = keep(within(input.min_seats, 1, MAX_SEATS, "min_seats"));
        let max_seats = keep(within(input.max_seats, 1, MAX_SEATS, "max_seats"));
        let x = keep(within(input.x, 0, MAX_CELL, "x"));
        let y = keep(within(input.y, 0, MAX_CELL, "y"));
        let width = keep(within(input.width, 1, MAX_SIZE, "width"));
        let height = keep(within(input.height, 1, MAX_SIZE, "height"));
        let rotation = keep(
            u32::try_from(input.rotation)
                .ok()
                .filter(|r| ROTATIONS.contains(r))
                .ok_or_else(|| FieldError::invalid("rotation")),
        );
        let name = parse_name(&input.name, "name")
            .map_err(|e| errors.push(e))
            .ok();
        if input.area_id <= 0 {
            errors.push(FieldError::invalid("area_id"));
        }
        let shape = TableShape::parse(&input.shape);
        if shape.is_none() {
            errors.push(FieldError::invalid("shape"));
        }
        if min_seats > 0 && max_seats > 0 && max_seats < min_seats {
            errors.push(FieldError::new("max_seats", "below_min"));
        }
        // In the order of the form.
        let order = [
            "name",
            "area_id",
            "min_seats",
            "max_seats",
            "shape",
            "x",
            "y",
            "width",
            "height",
            "rotation",
        ];
        errors.sort_by_key(|e| order.iter().position(|f| *f == e.field));
        match (name, shape) {
            (Some(name), Some(shape)) if errors.is_empty() => Ok(TableForm {
                name,
                area_id: input.area_id,
                min_seats,
                max_seats,
                bookable_online: input.bookable_online,
                active: input.active,
                shape,
                x,
                y,
                width,
                height,
                rotation,
            }),
            _ => Err(errors),
        }
    }
}

/// A combination as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CombinationInput {
    pub name: String,
    pub tables: Vec<i64>,
}

/// A valid combination: two to [`MAX_COMBINED`] different tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CombinationForm {
    pub name: String,
    /// Sorted, each once.
    pub tables: Vec<i64>,
}

impl CombinationForm {
    pub fn parse(input: &CombinationInput) -> Result<Self, Vec<FieldError>> {
        let name = parse_name(&input.name, "name");
        let mut tables = input.tables.clone();
        tables.sort_unstable();
        tables.dedup();
        let tables_ok = tables.len() == input.tables.len()
            && (2..=MAX_COMBINED).contains(&tables.len())
            && tables.iter().all(|id| *id > 0);
        match (name, tables_ok) {
            (Ok(name), true) => Ok(CombinationForm { name, tables }),
            (name, ok) => Err(name
                .err()
                .into_iter()
                .chain((!ok).then(|| FieldError::invalid("tables")))
                .collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> TableInput {
        TableInput {
            name: " T9 ".into(),
            area_id: 1,
            min_seats: 2,
            max_seats: 4,
            bookable_online: true,
            active: true,
            shape: "round".into(),
            x: 3,
            y: 0,
            width: 2,
            height: 2,
            rotation: 45,
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.reason)).collect()
    }

    #[test]
    fn a_table_is_trimmed_and_checked_field_by_field() {
        let form = TableForm::parse(&table()).unwrap();
        assert_eq!(
            (form.name.as_str(), form.shape, form.rotation),
            ("T9", TableShape::Round, 45)
        );

        let bad = TableInput {
            name: "  ".into(),
            area_id: 0,
            min_seats: 6,
            max_seats: 4,
            shape: "oval".into(),
            x: 100,
            y: -1,
            width: 0,
            height: 13,
            rotation: 30,
            ..table()
        };
        let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            fields(TableForm::parse(&bad).unwrap_err()),
            [
                s("name", "required"),
                s("area_id", "invalid"),
                s("max_seats", "below_min"),
                s("shape", "invalid"),
                s("x", "invalid"),
                s("y", "invalid"),
                s("width", "invalid"),
                s("height", "invalid"),
                s("rotation", "invalid"),
            ]
        );
        let seats = TableInput {
            min_seats: 0,
            max_seats: 51,
            ..table()
        };
        assert_eq!(
            fields(TableForm::parse(&seats).unwrap_err()),
            [s("min_seats", "invalid"), s("max_seats", "invalid")]
        );
        let long = TableInput {
            name: "x".repeat(MAX_NAME_CHARS + 1),
            ..table()
        };
        assert_eq!(
            fields(TableForm::parse(&long).unwrap_err()),
            [s("name", "too_long")]
        );
    }

    #[test]
    fn a_combination_joins_two_to_eight_different_tables() {
        let ok = CombinationForm::parse(&CombinationInput {
            name: "T4+T5".into(),
            tables: vec![5, 4],
        })
        .unwrap();
        assert_eq!(ok.tables, [4, 5]);
        for tables in [vec![4], vec![4, 4], (1..=9).collect(), vec![0, 1]] {
            let err = CombinationForm::parse(&CombinationInput {
                name: "x".into(),
                tables,
            })
            .unwrap_err();
            assert_eq!(fields(err), [("tables".to_owned(), "invalid".to_owned())]);
        }
        assert!(AreaForm::parse(&AreaInput {
            name: "\u{7}".into()
        })
        .is_err());
        assert_eq!(
            AreaForm::parse(&AreaInput {
                name: " Terrasse ".into()
            })
            .unwrap()
            .name,
            "Terrasse"
        );
    }
    #[test]
    fn tables_overlap_when_they_share_a_cell() {
        let at = |x, y, width, height| Footprint {
            x,
            y,
            width,
            height,
        };
        let plan = [
            at(0, 0, 2, 2),
            at(2, 0, 2, 2),
            at(1, 1, 2, 2),
            at(5, 5, 3, 2),
        ];
        // Side by side is not overlapping; a cell in common is.
        assert!(!plan[0].overlaps(plan[1]));
        assert!(plan[0].overlaps(plan[2]) && plan[2].overlaps(plan[0]));
        assert_eq!(overlapping(&plan), [(0, 2), (1, 2)]);
        assert!(overlapping(&plan[3..]).is_empty());
    }
}
