//! What a request keeps in its tower-sessions `Session`: the signed-in
//! user (the one implementation, shared by the server functions and the
//! JSON API, `server/src/api/auth.rs`) and the drafts of multi-step forms.
//!
//! The session holds the user's id (`user_id`), the role it was opened
//! with (`role`) and the account's session epoch (`epoch`). A session whose
//! epoch is not the account's any more (password changed or reset, address
//! verified, role changed, "log out everywhere", a new account that got a
//! deleted one's id) is signed out, and so is one opened more than
//! [`ABSOLUTE_DAYS`] ago. The session id is renewed at sign-in. A session
//! without an account (a booking draft) lives [`ANONYMOUS_HOURS`].

use backend::services::accounts;
use backend::services::authz::Principal;
use backend::services::ServiceError;
use backend::Store;
use serde::{de::DeserializeOwned, Serialize};
use tower_sessions::Session;

pub const USER_ID: &str = "user_id";
pub const ROLE: &str = "role";
pub const EPOCH: &str = "epoch";
/// When the session was opened (Unix seconds).
pub const OPENED_AT: &str = "opened_at";

/// A signed-in session ends after this many days without a request...
pub const SESSION_DAYS: i64 = 14;
/// ...and in any case this many days after signing in.
pub const ABSOLUTE_DAYS: i64 = 30;
/// A session without an account (a booking draft) ends after this many
/// hours without a request.
pub const ANONYMOUS_HOURS: i64 = 2;

fn inactivity(duration: tower_sessions::cookie::time::Duration) -> Option<tower_sessions::Expiry> {
    Some(tower_sessions::Expiry::OnInactivity(duration))
}

/// Why the signed-in user could not be read or stored.
#[derive(Debug)]
pub enum SessionError {
    /// The session store failed.
    Session(tower_sessions::session::Error),
    /// Loading the account failed.
    Service(ServiceError),
}

impl From<tower_sessions::session::Error> for SessionError {
    fn from(e: tower_sessions::session::Error) -> Self {
        SessionError::Session(e)
    }
}

impl From<ServiceError> for SessionError {
    fn from(e: ServiceError) -> Self {
        SessionError::Service(e)
    }
}

impl From<SessionError> for crate::error::AppError {
    fn from(e: SessionError) -> Self {
        match e {
            SessionError::Session(e) => {
                tracing::error!(error = %e, "session store error");
                crate::error::AppError::Unavailable
            }
            SessionError::Service(e) => e.into(),
        }
    }
}

/// The signed-in user of this request, if any. Signs the session out when
/// the account is gone, its session epoch moved on (new password, proved
/// address, new role, "log out everywhere"), or the session is older than
/// [`ABSOLUTE_DAYS`].
pub async fn current_principal(
    session: &Session,
    store: &Store,
) -> Result<Option<Principal>, SessionError> {
    let Some(user_id) = session.get::<i64>(USER_ID).await? else {
        return Ok(None);
    };
    let principal = accounts::principal(store, user_id).await?;
    let epoch = session.get::<i64>(EPOCH).await?;
    match &principal {
        None => session.flush().await?,
        Some(p) if epoch != Some(p.session_epoch) => {
            session.flush().await?;
            tracing::info!(
                security_event = "session_revoked",
                user_id = p.user_id,
                "session epoch changed; signed out"
            );
            return Ok(None);
        }
        Some(p) => {
            let opened = session.get::<i64>(OPENED_AT).await?.unwrap_or(0);
            let age = backend::now().timestamp() - opened;
            if age > ABSOLUTE_DAYS * 86_400 {
                session.flush().await?;
                tracing::info!(
                    security_event = "session_expired",
                    user_id = p.user_id,
                    "session older than its absolute lifetime; signed out"
                );
                return Ok(None);
            }
            return Ok(Some(Principal {
                recent_sign_in: age <= backend::services::authz::RECENT_SIGN_IN.num_seconds(),
                ..p.clone()
            }));
        }
    }
    Ok(principal)
}

/// Opens a session for the account `user_id` with a fresh id (no
/// fixation), bound to the account's current session epoch.
pub async fn sign_in(session: &Session, store: &Store, user_id: i64) -> Result<(), SessionError> {
    let who = accounts::principal(store, user_id)
        .await?
        .ok_or(SessionError::Service(ServiceError::NotFound))?;
    session.cycle_id().await?;
    session.set_expiry(inactivity(tower_sessions::cookie::time::Duration::days(
        SESSION_DAYS,
    )));
    session.insert(USER_ID, who.user_id).await?;
    session.insert(ROLE, who.role.as_str()).await?;
    session.insert(EPOCH, who.session_epoch).await?;
    session
        .insert(OPENED_AT, backend::now().timestamp())
        .await?;
    Ok(())
}

/// The account id this session was opened for, unchecked (to keep the
/// session of the person who just proved the address, see
/// `account_verify`).
pub async fn opened_for(session: &Session) -> Result<Option<i64>, SessionError> {
    Ok(session.get::<i64>(USER_ID).await?)
}

/// Ends the session (it is deleted from the store).
pub async fn sign_out(session: &Session) -> Result<(), SessionError> {
    session.flush().await?;
    Ok(())
}

/// A form's draft kept between the steps of a wizard (the booking wizard's
/// guest details), under its own key.
pub async fn load_draft<T: DeserializeOwned>(
    session: &Session,
    key: &str,
) -> Result<Option<T>, SessionError> {
    Ok(session.get::<T>(key).await?)
}

pub async fn save_draft<T: Serialize>(
    session: &Session,
    key: &str,
    draft: &T,
) -> Result<(), SessionError> {
    // A visitor's session holds a draft only: it ends soon.
    if session.get::<i64>(USER_ID).await?.is_none() {
        session.set_expiry(inactivity(tower_sessions::cookie::time::Duration::hours(
            ANONYMOUS_HOURS,
        )));
    }
    Ok(session.insert(key, draft).await?)
}

pub async fn clear_draft<T: DeserializeOwned>(
    session: &Session,
    key: &str,
) -> Result<(), SessionError> {
    session.remove::<T>(key).await?;
    Ok(())
}
