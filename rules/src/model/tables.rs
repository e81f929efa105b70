//! Tables, their allowed combinations, and the bookings that hold them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A table of the dining room.
///
/// A table whose `min_seats > max_seats` fits no party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub id: i64,
    /// The smallest party it may be given to.
    pub min_seats: u32,
    pub max_seats: u32,
    /// Offline tables are kept for walk-ins and phone bookings.
    pub bookable_online: bool,
    pub active: bool,
}

/// Tables that may be pushed together for a larger party.
///
/// Its capacity is the sum of its tables' `max_seats`; its minimum is the
/// *largest* of their `min_seats` (not the sum): a combination is only tried
/// when no single table fits, and the minimum is there to keep small parties
/// off big tables, not to refuse a party that physically fits. It is usable
/// only when it lists at least one table, no table twice, and every table
/// exists, is active and bookable online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Combination {
    pub id: i64,
    pub table_ids: Vec<i64>,
}

/// An active booking, holding its tables over `start..end` (half-open,
/// `start < end` expected). Cancelled or finished bookings are not passed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExistingBooking {
    pub id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub party_size: u32,
    pub table_ids: Vec<i64>,
}
