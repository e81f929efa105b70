//! `/admin/reservations`: every booking between two dates, filtered and
//! searched (the filters are the query string, so a view can be
//! bookmarked and works before hydration), a page at a time by cursor,
//! with bulk actions (cancel with a message, no-show), a CSV export of the
//! filtered set and a printable list.

pub mod api;
mod filters;
mod page;
mod table;

pub use page::ReservationsPage;

/// The query-string keys of the filters, in form order (`limit`, the page
/// length, is not in the form but kept by links).
pub const FILTER_KEYS: [&str; 11] = [
    "from",
    "to",
    "period",
    "status",
    "source",
    "party_min",
    "party_max",
    "q",
    "tag",
    "sort",
    "limit",
];
