//! Booking rules as pure functions: given the restaurant's rules, its
//! tables, the existing bookings and the current instant, which slots can be
//! booked and on which tables. No I/O and no clock: `now` is an argument.
//!
//! * [`day_availability`]: every slot of a date, available or with the
//!   [`Unavailable`] reason.
//! * [`month_availability`]: which dates of a month have a free slot.
//! * [`assign_tables`]: the table (or combination) a party gets.
//! * [`host`]: the host stand's status changes, lateness and flags.
//!
//! Service hours are local times in [`Rules::time_zone`]; instants are UTC.
//! Spans are half-open: a booking ending at 19:00 leaves the table free for a
//! 19:00 slot.

mod assign;
mod availability;
pub mod host;
mod model;
mod policy;
mod reassign;
#[cfg(test)]
mod test_support;

pub use assign::{assign_tables, is_free, overlaps, Assignment};
pub use availability::{
    day_availability, local_to_utc, month_availability, DayAvailability, PeriodAvailability, Slot,
    Unavailable,
};
pub use model::{
    BookingWindow, Combination, Exception, ExistingBooking, PeriodHours, Rules, RulesError,
    ServiceKind, ServicePeriod, Table, TurnTimes,
};
pub use policy::{
    before_cutoff, guest_can_change, payment_due, refund_on_cancel, PaymentDue, RefundTerms,
};
pub use reassign::propose_moves;
