//! The status changes of a service: arrived, seated, completed, no-show,
//! cancelled (the guest e-mailed), and taking one back.

use super::view_of;
use crate::mail::MailKind;
use crate::services::authz::{authorize, Action, Principal};
use crate::services::booking::context::{context, Context};
use crate::services::ServiceError;
use crate::store::{Actor, Change, Store};
use chrono::{DateTime, Utc};
use domain::{ReservationStatus, StaffReservation};
use rules::host;

/// Staff change a booking's status. The change, its history line (with the
/// staff member) and, for a cancellation, the guest's e-mail are written
/// in one booking transaction; taking a no-show back re-holds its tables,
/// which the database refuses if they have been given away meanwhile.
#[tracing::instrument(skip_all)]
pub async fn set_status(
    store: &Store,
    now: DateTime<Utc>,
    who: Option<&Principal>,
    reservation_id: i64,
    to: ReservationStatus,
) -> Result<StaffReservation, ServiceError> {
    let who = authorize(who, Action::RunService)?;
    let ctx = context(store).await?;
    change_status(store, &ctx, now, who, reservation_id, to, None).await
}

/// [`set_status`] once authorized; a cancellation's e-mail carries
/// `message` (a bulk cancellation's words to the guests).
pub(in crate::services::booking) async fn change_status(
    store: &Store,
    ctx: &Context,
    now: DateTime<Utc>,
    who: &Principal,
    reservation_id: i64,
    to: ReservationStatus,
    message: Option<&str>,
) -> Result<StaffReservation, ServiceError> {
    let result = store
        .change_reservation(
            ctx.restaurant.id,
            reservation_id,
            |current| (current.starts_at, current.ends_at),
            |current, _, _| {
                let from = current.status().map_err(ServiceError::from)?;
                if !host::can_change_status(from, to) {
                    return Err(ServiceError::StatusRefused);
                }
                Ok(Change::Status {
                    status: to,
                    details: serde_json::json!({ "from": from.as_str() }).to_string(),
                })
            },
            Actor::Staff(who.user_id),
            |row| {
                (to == ReservationStatus::Cancelled)
                    .then(|| ctx.mail_with_message(MailKind::Cancellation, row, now, message))
                    .flatten()
            },
            now,
        )
        .await?;
    let row = result?;
    view_of(store, ctx, row, now).await
}
