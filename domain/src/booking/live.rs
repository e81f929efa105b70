//! The live floor: each table of the room as it stands now, for the host
//! who seats walk-ins, seats the guests arriving and frees the tables.

use super::staff::{DayBlock, StaffReservation};
use crate::floor::FloorTable;
use serde::{Deserialize, Serialize};

/// What a table is doing now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TableNow {
    /// Nobody at it, and nobody due within the next half hour.
    Free,
    /// A booking is due within the next half hour (or its guests are here,
    /// waiting to sit down).
    Soon,
    /// Guests are at the table.
    Seated,
    /// The booking's guests have not come, past the grace time.
    Late,
    /// Out of service now (a private party, a repair).
    Blocked,
}

impl TableNow {
    pub const ALL: [TableNow; 5] = [
        TableNow::Free,
        TableNow::Soon,
        TableNow::Seated,
        TableNow::Late,
        TableNow::Blocked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TableNow::Free => "free",
            TableNow::Soon => "soon",
            TableNow::Seated => "seated",
            TableNow::Late => "late",
            TableNow::Blocked => "blocked",
        }
    }
}

/// One table of the live floor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveTable {
    pub table: FloorTable,
    pub now: TableNow,
    /// The booking the table is about now: the guests seated, the ones due
    /// or late.
    pub booking: Option<StaffReservation>,
    /// When its next booking starts today (`HH:MM`), after that one.
    pub next_at: Option<String>,
    /// Blocked now: the block (its end, its reason).
    pub block: Option<DayBlock>,
}

impl LiveTable {
    /// Seated past the planned turn time.
    pub fn overstaying(&self) -> bool {
        self.now == TableNow::Seated
            && self
                .booking
                .as_ref()
                .and_then(|b| b.seated_minutes.map(|m| m > b.duration_minutes))
                .unwrap_or(false)
    }
}

/// An area and its tables, placed as on its plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveArea {
    pub id: i64,
    pub name: String,
    pub tables: Vec<LiveTable>,
}

/// The room now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LiveFloor {
    /// The restaurant's local date and time it was read at.
    pub date: String,
    pub read_at: String,
    pub areas: Vec<LiveArea>,
    /// The live version it was read at (see [`super::StaffDay::version`]).
    pub version: i64,
}

impl LiveFloor {
    /// How many tables are in each state, in [`TableNow::ALL`]'s order.
    pub fn counts(&self) -> Vec<(TableNow, usize)> {
        TableNow::ALL
            .into_iter()
            .map(|s| {
                let n = self
                    .areas
                    .iter()
                    .flat_map(|a| &a.tables)
                    .filter(|t| t.now == s)
                    .count();
                (s, n)
            })
            .collect()
    }

    /// The table `id`, if it is on the floor.
    pub fn table(&self, id: i64) -> Option<&LiveTable> {
        self.areas
            .iter()
            .flat_map(|a| &a.tables)
            .find(|t| t.table.id == id)
    }
}
