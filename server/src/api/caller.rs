//! Who is calling: the signed-in user of the request, if any, as an
//! extractor (realworld-axum-sqlx's `MaybeAuthUser`). Every handler that
//! needs to know takes a [`Caller`]; none reads the session itself.

use super::error::{ApiError, Lang};
use app::ssr::session::{self, SessionError};
use app::ssr::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::StatusCode;
use backend::services::authz::Principal;
use backend::services::ServiceError;
use tower_sessions::Session;

/// The signed-in user of this request, or nobody. Services decide what
/// nobody may do (`authorize`), so this extractor never refuses a request
/// by itself; it only fails when the session store cannot be read.
#[derive(Debug, Clone)]
pub struct Caller(pub Option<Principal>);

impl Caller {
    pub fn principal(&self) -> Option<&Principal> {
        self.0.as_ref()
    }

    /// The signed-in user, or 401.
    pub fn required(self, lang: Lang) -> Result<Principal, ApiError> {
        self.0
            .ok_or_else(|| ApiError::from_service(ServiceError::Unauthorized, lang))
    }

    pub fn is_staff(&self) -> bool {
        self.0.as_ref().is_some_and(|p| p.role.is_staff())
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let lang = Lang::from_parts(parts);
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, why)| {
                tracing::error!(%why, "session layer missing");
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", lang)
            })?;
        session::current_principal(&session, &state.store)
            .await
            .map(Caller)
            .map_err(|e| session_error(e, lang))
    }
}

/// A session store failure is the server's problem (503), never the
/// client's; a service error keeps its own answer.
pub fn session_error(e: SessionError, lang: Lang) -> ApiError {
    match e {
        SessionError::Session(e) => {
            tracing::error!(error = %e, "session store error");
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", lang)
        }
        SessionError::Service(e) => ApiError::from_service(e, lang),
    }
}
