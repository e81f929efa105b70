//! `/admin/calendar?span=week|month&date=YYYY-MM-DD`: covers and bookings
//! per day and service period as a heatmap (the shade never alone: each
//! cell says its figures), a week or a month at a time; each day links to
//! its "Today" page.

pub mod api;
mod page;

pub use page::CalendarPage;
