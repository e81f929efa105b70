//! The TechPlus HTTP server: configuration, start-up, routes and shutdown.
//! `main.rs` is a thin CLI over [`start`] and [`serve`]; the integration
//! tests use the same functions on a random port.

pub mod api;
pub mod config;
pub mod ops;
pub mod sessions;
pub mod telemetry;

use app::state::AppState;
use app::{shell, App};
use axum::Router;
use backend::{Store, StoreError};
use config::Config;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sessions::Sessions;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_redis_store::fred::prelude::{
    ClientLike, Config as RedisConfig, Pool as RedisPool,
};

/// Largest request body accepted anywhere (server functions, forms, API).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// A request that takes longer is answered 408 and its work dropped.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the server could not start: each prints as one line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("cannot reach Redis at REDIS_URL: {0}")]
    Redis(String),
    #[error("cannot prepare the session store: {0}")]
    Sessions(sqlx::Error),
    #[error("cannot listen on {addr}: {source} (is another server using this port? set LEPTOS_SITE_ADDR)")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Serve(std::io::Error),
}

/// A started application: connected, migrated, seeded, routed; not yet
/// listening.
pub struct Started {
    pub state: AppState,
    pub router: Router,
    pub redis: Option<RedisPool>,
}

/// Connects to the database (and Redis), runs migrations, loads the demo
/// restaurant into an empty database, and builds the router.
pub async fn start(config: &Config) -> Result<Started, StartError> {
    let (store, opened) = Store::open(&config.database_url).await?;
    tracing::info!(
        backend = store.backend().name(),
        db = %config.database_url.redacted(),
        "database ready"
    );
    if opened.is_empty || config.seed_demo {
        backend::seed::seed_demo(&store).await?;
    }
    let redis = match &config.redis_url {
        Some(url) => Some(connect_redis(url).await?),
        None => None,
    };
    let sessions = Sessions::new(&store, redis.clone())
        .await
        .map_err(StartError::Sessions)?;
    sessions.spawn_cleanup();

    let state = AppState {
        leptos_options: config.leptos.clone(),
        store,
    };
    let router = router(state.clone(), sessions, redis.clone());
    Ok(Started {
        state,
        router,
        redis,
    })
}

async fn connect_redis(url: &str) -> Result<RedisPool, StartError> {
    let config = RedisConfig::from_url(url).map_err(|e| StartError::Redis(e.to_string()))?;
    let pool = RedisPool::new(config, None, None, None, 4)
        .map_err(|e| StartError::Redis(e.to_string()))?;
    match tokio::time::timeout(Duration::from_secs(5), pool.init()).await {
        Ok(Ok(_handle)) => Ok(pool),
        Ok(Err(e)) => Err(StartError::Redis(e.to_string())),
        Err(_) => Err(StartError::Redis("connection timed out after 5 s".into())),
    }
}

/// The app's routes, generated once per process. Generation renders the app
/// with resource loading suppressed through a process-wide flag, so it must
/// never run while another server in the same process (tests) is rendering.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

fn router(state: AppState, sessions: Sessions, redis: Option<RedisPool>) -> Router {
    let routes = route_list();
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name("techplus.sid")
        .with_same_site(SameSite::Lax)
        .with_http_only(true)
        .with_secure(false)
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::days(14),
        ));

    Router::new()
        .merge(ops::routes(redis))
        .merge(api::routes())
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(session_layer)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Binds the configured address.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })
}

/// Serves until `shutdown` completes, then finishes in-flight requests.
pub async fn serve(
    started: Started,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let Started {
        state,
        router,
        redis,
    } = started;
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(StartError::Serve)?;
    tracing::info!("stopped accepting requests; closing connections");
    state.store.close().await;
    if let Some(redis) = redis {
        let _ = redis.quit().await;
    }
    Ok(())
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut sig) => {
                sig.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("received Ctrl-C, shutting down"),
        () = terminate => tracing::info!("received SIGTERM, shutting down"),
    }
}
