//! Running a service (the host stand), on SQLite and on PostgreSQL: a
//! day's bookings with their stage and flags, and status changes.

mod calendar;
mod details;
mod floor;
mod guests;
mod list;
mod live;
mod moves;
mod taken;
pub(crate) mod today;
