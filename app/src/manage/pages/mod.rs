//! `/manage` (find a booking), `/manage/{token}` (view, change, cancel) and
//! `/manage/confirm/{token}` (an e-mailed confirmation link).

mod booking;
mod change;
mod confirm;
mod find;
mod payment;

pub use booking::ManageBookingPage;
pub use confirm::ConfirmEmailPage;
pub use find::FindPage;
