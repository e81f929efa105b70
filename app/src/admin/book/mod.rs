//! `/admin/book`: a booking staff take on the phone, or a walk-in seated
//! now. Staff may go beyond the online rules (outside the booking window,
//! a larger party, over the pacing, a chosen table) when they tick the
//! override; the database still refuses a table that is taken. The form
//! is prefilled from the query string (`date`, `time`, `table`, `source`:
//! the timeline's empty cells link here) and works before hydration.

pub mod api;
mod page;

pub use page::BookPage;
