//! Guest self-service: find a booking by reference and e-mail, then view,
//! change or cancel it through its secret manage link (`/manage/{token}`).

pub mod api;
mod pages;

pub use pages::{ConfirmEmailPage, FindPage, ManageBookingPage};

use domain::ReservationView;
use serde::{Deserialize, Serialize};

/// A booking as its manage page shows it, with the limits of the change
/// form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageView {
    pub reservation: ReservationView,
    /// Today at the restaurant and the last bookable date, `YYYY-MM-DD`.
    pub today: String,
    pub last_day: String,
    pub min_party: u32,
    pub max_party_online: u32,
}
