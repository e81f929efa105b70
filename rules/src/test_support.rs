//! Builders shared by the unit tests.

use crate::{ExistingBooking, Table};
use chrono::{DateTime, Utc};

/// An active, online-bookable table.
pub fn table(id: i64, min: u32, max: u32) -> Table {
    Table {
        id,
        min_seats: min,
        max_seats: max,
        bookable_online: true,
        active: true,
    }
}

pub fn booking(
    id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    party: u32,
    tables: &[i64],
) -> ExistingBooking {
    ExistingBooking {
        id,
        start,
        end,
        party_size: party,
        table_ids: tables.to_vec(),
    }
}
