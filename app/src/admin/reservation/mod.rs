//! `/admin/reservations/{id}`: one booking in full for staff — the guest,
//! tables, times and status; every change in its history (who, when, from
//! → to); internal notes; and the actions: change date, time, length,
//! party size or tables (by hand, combinations included), cancel with a
//! reason, send the confirmation e-mail again; its deposit or card
//! guarantee (refund, no-show fee). Every form works before hydration.

pub mod api;
mod forms;
mod history;
mod page;
mod payment;

use serde::{Deserialize, Serialize};

pub use page::ReservationPage;

/// The booking in full, and the key of a refund made from this reading of
/// the page (made on the server: a double-clicked refund is one refund).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReservationScreen {
    pub details: domain::StaffReservationDetails,
    pub refund_key: String,
}
