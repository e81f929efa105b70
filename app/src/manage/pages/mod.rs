//! `/manage` (find a booking) and `/manage/{token}` (view, change, cancel).

mod booking;
mod change;
mod find;

pub use booking::ManageBookingPage;
pub use find::FindPage;
