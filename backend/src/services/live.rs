//! Staff screens' live updates: who may follow them.

use crate::live::{Live, LiveState};
use crate::services::authz::{authorize, Action, Principal};
use crate::services::ServiceError;
use tokio::sync::watch;

/// Staff and admins follow the changes of the bookings; the receiver sees
/// the latest version at once, then each change.
pub fn follow(
    live: &Live,
    who: Option<&Principal>,
) -> Result<watch::Receiver<LiveState>, ServiceError> {
    authorize(who, Action::RunService)?;
    Ok(live.subscribe())
}
