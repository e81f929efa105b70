//! `/admin/reservations/{id}`: one booking in full for staff — the guest,
//! tables, times and status; every change in its history (who, when, from
//! → to); internal notes; and the actions: change date, time, length,
//! party size or tables (by hand, combinations included), cancel with a
//! reason, send the confirmation e-mail again. Every form works before
//! hydration.

pub mod api;
mod forms;
mod history;
mod page;

pub use page::ReservationPage;
