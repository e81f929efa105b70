//! `/admin/payments`: the payments of the bookings of a range of dates (by
//! status and kind), the money moved on each of those days (deposits
//! collected, refunds, no-show fees) with the totals, and the same
//! payments as a CSV file. The filters are the query string: a view can be
//! bookmarked and works before hydration.

pub mod api;
mod figures;
mod page;

pub use page::PaymentsPage;
