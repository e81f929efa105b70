//! `/admin` ("Today"): the host stand's day: covers and pacing per
//! service period, the bookings by stage (late, arriving soon, waiting,
//! seated, later, done), one tap to move a booking along, the shift note
//! the tables blocked that day and the money it moved.

pub mod api;
mod blocked;
mod money;
mod note;
mod page;

use domain::StaffDay;
use serde::{Deserialize, Serialize};

pub use page::TodayPage;

/// A day for the "Today" screen, with the dates around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodayView {
    pub day: StaffDay,
    /// `YYYY-MM-DD` of the day before and after.
    pub prev: String,
    pub next: String,
}
