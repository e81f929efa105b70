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
    change_status(store, &ctx, now, who, reservation_id, to, Words::default()).await
}

/// What staff say with a status change: why (kept in the history) and,
/// for a cancellation, their words to the guest (in the e-mail).
#[derive(Debug, Clone, Copy, Default)]
pub(in crate::services::booking) struct Words<'a> {
    pub reason: Option<&'a str>,
    pub message: Option<&'a str>,
}

/// [`set_status`] once authorized, with what staff said.
pub(in crate::services::booking) async fn change_status(
    store: &Store,
    ctx: &Context,
    now: DateTime<Utc>,
    who: &Principal,
    reservation_id: i64,
    to: ReservationStatus,
    words: Words<'_>,
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
                let mut details = serde_json::json!({ "from": from.as_str() });
                if let Some(reason) = words.reason {
                    details["reason"] = reason.into();
                }
                Ok(Change::Status {
                    status: to,
                    details: details.to_string(),
                })
            },
            Actor::Staff(who.user_id),
            |row| {
                (to == ReservationStatus::Cancelled)
                    .then(|| ctx.mail_with_message(MailKind::Cancellation, row, now, words.message))
                    .flatten()
            },
            now,
        )
        .await?;
    let row = result?;
    view_of(store, ctx, row, now).await
}
