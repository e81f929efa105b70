//! The TechPlus HTTP server: configuration, start-up, routes and shutdown.
//! `main.rs` is a thin CLI over [`start`] and [`serve`]; the integration
//! tests use the same functions on a random port.

pub mod api;
pub mod assets;
pub mod config;
pub mod error_page;
pub mod limits;
pub mod listen;
pub mod media;
pub mod ops;
pub mod page_cache;
pub mod pwa;
pub mod security;
pub mod seo;
pub mod sessions;
pub mod telemetry;

use app::ssr::AppState;
use app::{shell, App};
use axum::Router;
use backend::mail::worker::Mailer;
use backend::{Store, StoreError};
use config::Config;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sessions::Sessions;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_redis_store::fred::prelude::{
    ClientLike, Config as RedisConfig, Pool as RedisPool,
};

/// A session ends after this many days without a request.
pub const SESSION_DAYS: i64 = app::ssr::session::SESSION_DAYS;

/// The session cookie's name (`__Host-` prefixed over HTTPS).
pub const SESSION_COOKIE: &str = "techplus.sid";

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
    #[error("cannot listen on {addr}: {source} (is another server using this port? set LEPTOS_SITE_ADDR)")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server error: {0}")]
    Serve(std::io::Error),
    #[error(transparent)]
    Mail(#[from] backend::mail::worker::MailerError),
    #[error("payments: {0}")]
    Payments(#[from] backend::payments::GatewayError),
}

/// A started application: connected, migrated, seeded, routed; not yet
/// listening.
pub struct Started {
    pub state: AppState,
    pub router: Router,
    pub redis: Option<RedisPool>,
    /// Where booking e-mails go; [`serve`] runs the mail worker with it.
    pub mailer: Mailer,
    /// The origin links in e-mails point to (`PUBLIC_URL`).
    pub public_url: String,
    /// Open connections and header deadline (`MAX_CONNECTIONS`,
    /// `HEADER_READ_TIMEOUT`).
    pub connection_limits: listen::ConnectionLimits,
    /// The shared pages kept rendered (its counters, for tests and figures).
    pub page_cache: page_cache::PageCache,
    /// How often unpaid and unconfirmed holds are released.
    pub hold_sweep: Duration,
}

/// Connects to the database (and Redis), runs migrations, loads the demo
/// restaurant into an empty database, and builds the router.
pub async fn start(config: &Config) -> Result<Started, StartError> {
    // A bad SMTP_URL stops the start before anything is touched.
    let mailer = match &config.smtp_url {
        Some(url) => Mailer::smtp(url)?,
        None => Mailer::files(&config.mail_dir),
    };
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
    let sessions = Sessions::new(&store, redis.clone());
    sessions.spawn_cleanup();

    tracing::info!(transport = %mailer.describe(), "booking e-mails ready");
    if !config::public_url_is_safe(&config.public_url) {
        tracing::warn!(
            public_url = %config.public_url,
            "PUBLIC_URL is not https: sessions, passwords and manage links cross the network \
             in clear. Serve the site over https and set PUBLIC_URL=https://... \
             (with LEPTOS_ENV=PROD the server refuses to start)"
        );
    }

    let mut limiter = backend::ratelimit::Limiter::local(config.rate_limits.longest_window());
    if let Some(pool) = &redis {
        limiter = limiter.with_shared(std::sync::Arc::new(limits::RedisCounters::new(
            pool.clone(),
            &config.redis_prefix,
        )));
    }

    let state = AppState {
        leptos_options: config.leptos.clone(),
        store,
        login_guard: backend::ratelimit::LoginGuard::new(limiter.clone(), config.rate_limits.login),
        secure_cookies: config.public_url.starts_with("https://"),
        guest_booking_limit: config.rate_limits.booking_guest,
        live: backend::live::Live::with_ping(config.live_ping),
        media: std::sync::Arc::new(backend::media::DiskStorage::new(&config.media_dir)),
        payments: backend::payments::Payments::new(&config.stripe, &config.public_url)?,
        public_url: config.public_url.clone(),
    };
    if state.payments.available() {
        tracing::info!(currency = %state.payments.currency(), "payments ready (Stripe)");
    } else {
        tracing::info!(missing = ?state.payments.missing(), "payments off: no deposit or guarantee is asked");
    }
    let page_cache = page_cache::PageCache::new(state.store.clone(), SESSION_COOKIE);
    let router = router(
        state.clone(),
        sessions,
        page_cache.clone(),
        redis.clone(),
        security_config(config),
        limiter,
        config.release.clone(),
    );
    Ok(Started {
        state,
        router,
        redis,
        mailer,
        public_url: config.public_url.clone(),
        connection_limits: config.connection_limits,
        page_cache,
        hold_sweep: config.hold_sweep,
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

fn security_config(config: &Config) -> security::SecurityConfig {
    security::SecurityConfig {
        https: config.public_url.starts_with("https://"),
        public_origin: config
            .public_url_set
            .then(|| security::origin_of(&config.public_url))
            .flatten(),
        allowed_origins: config.allowed_origins.clone(),
        trusted_proxies: config.trusted_proxies.clone(),
        limits: config.rate_limits,
    }
}

fn router(
    state: AppState,
    sessions: Sessions,
    page_cache: page_cache::PageCache,
    redis: Option<RedisPool>,
    security: security::SecurityConfig,
    limiter: backend::ratelimit::Limiter,
    release: Option<String>,
) -> Router {
    use axum::middleware::{from_fn, from_fn_with_state};
    let security = std::sync::Arc::new(security);
    let cors = (!security.allowed_origins.is_empty()).then(|| {
        let origins: Vec<http::HeaderValue> = security
            .allowed_origins
            .iter()
            .filter_map(|o| http::HeaderValue::from_str(o).ok())
            .collect();
        tower_http::cors::CorsLayer::new()
            .allow_origin(origins)
            .allow_methods([
                http::Method::GET,
                http::Method::POST,
                http::Method::PUT,
                http::Method::DELETE,
            ])
            .allow_headers([http::header::CONTENT_TYPE, http::header::ACCEPT_LANGUAGE])
    });
    let routes = route_list();
    // Over HTTPS the cookie is Secure and `__Host-` prefixed (bound to this
    // host, path /, no Domain): a sibling subdomain cannot plant one.
    let session_layer = SessionManagerLayer::new(sessions)
        .with_name(if security.https {
            "__Host-techplus.sid"
        } else {
            SESSION_COOKIE
        })
        .with_path("/")
        .with_same_site(SameSite::Lax)
        .with_http_only(true)
        .with_secure(security.https)
        .with_expiry(Expiry::OnInactivity(
            tower_sessions::cookie::time::Duration::days(SESSION_DAYS),
        ));

    let site = &state.leptos_options;
    let assets = assets::routes(&site.site_root, &site.site_pkg_dir);
    Router::new()
        .merge(ops::routes(redis))
        .merge(api::routes())
        .merge(seo::routes())
        .merge(pwa::routes(release))
        .merge(assets)
        .merge(media::routes())
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(from_fn(api::error::server_fn_error_statuses))
        .layer(session_layer)
        .layer(from_fn(seo::drop_echoed_language_cookie))
        // Outside the sessions: a page served from memory loads none.
        .layer(from_fn_with_state(page_cache, page_cache::serve))
        // Outside the page cache: `?lang=` is part of its key.
        .layer(from_fn(seo::language_from_query))
        .layer(from_fn_with_state(
            (security.clone(), limiter),
            security::rate_limit,
        ))
        .layer(from_fn_with_state(
            security.clone(),
            security::same_origin_writes,
        ))
        .layer(tower::util::option_layer(cors))
        .layer(from_fn(body_limit))
        .layer(from_fn_with_state(
            app::client_files(&state.leptos_options).css.as_str(),
            security::catch_panic,
        ))
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(from_fn(api::error::plain_errors_as_json))
        .layer(from_fn_with_state(security, security::headers))
        // Pages, JSON and files built without a precompressed copy; never
        // images or event streams (`DefaultPredicate`).
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
        .with_state(state)
}

/// Limits every request's body to [`MAX_BODY_BYTES`], a photo upload's to
/// [`api::admin::menu::MAX_UPLOAD_BYTES`]: a declared length over it is
/// refused at once (413), a body that grows past it while read fails the
/// same way.
async fn body_limit(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let limit = if api::admin::menu::is_upload(req.method(), req.uri().path()) {
        api::admin::menu::MAX_UPLOAD_BYTES
    } else {
        MAX_BODY_BYTES
    };
    let declared = req
        .headers()
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return (http::StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded").into_response();
    }
    let (parts, body) = req.into_parts();
    let body = axum::body::Body::new(http_body_util::Limited::new(body, limit));
    next.run(axum::extract::Request::from_parts(parts, body))
        .await
}

/// Binds the configured address.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })
}

/// How long shutdown waits for the mail worker to finish the message it is
/// sending (an unfinished one is sent again after its lease).
const MAIL_WORKER_GRACE: Duration = Duration::from_secs(5);

/// Serves until `shutdown` completes, then finishes in-flight requests.
/// The mail worker runs alongside and stops with it.
pub async fn serve(
    started: Started,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let Started {
        state,
        router,
        redis,
        mailer,
        public_url,
        connection_limits,
        page_cache: _,
        hold_sweep,
    } = started;
    let (stop_mail, mail_stop) = tokio::sync::oneshot::channel::<()>();
    let mut mail_worker = tokio::spawn(backend::mail::worker::run(
        state.store.clone(),
        mailer,
        public_url,
        async move {
            // Also ends if `serve` returns early and drops the sender.
            let _ = mail_stop.await;
        },
    ));
    let housekeeping = tokio::spawn(housekeeping(state.store.clone()));
    let holds = tokio::spawn(release_holds(
        state.store.clone(),
        state.payments.clone(),
        hold_sweep,
    ));
    let live = tokio::spawn(state.live.clone().watch(state.store.clone()));
    // Staff screens' streams end when the shutdown begins: it does not
    // wait for them.
    let closing = state.live.clone();
    let shutdown = async move {
        shutdown.await;
        closing.close();
    };
    listen::serve(listener, router, connection_limits, shutdown).await;
    housekeeping.abort();
    holds.abort();
    live.abort();
    let _ = stop_mail.send(());
    if tokio::time::timeout(MAIL_WORKER_GRACE, &mut mail_worker)
        .await
        .is_err()
    {
        tracing::warn!("mail worker did not stop in time; stopping it");
        mail_worker.abort();
    }
    tracing::info!("stopped accepting requests; closing connections");
    state.store.close().await;
    if let Some(redis) = redis {
        let _ = redis.quit().await;
    }
    Ok(())
}

/// Hourly chores (the first a minute after start): accounts whose address
/// was never proved are removed.
async fn housekeeping(store: backend::Store) {
    let mut tick = tokio::time::interval_at(
        tokio::time::Instant::now() + Duration::from_secs(60),
        Duration::from_secs(3600),
    );
    loop {
        tick.tick().await;
        if let Err(e) = backend::services::accounts::purge_unproved(&store, backend::now()).await {
            tracing::warn!(error = %e, "removing unproved accounts failed; will try again");
        }
    }
}

/// Every `period` (a minute by default): bookings that were not paid, or
/// large parties' bookings not confirmed by e-mail, in time release their
/// tables.
async fn release_holds(
    store: backend::Store,
    payments: backend::payments::Payments,
    period: Duration,
) {
    let mut tick = tokio::time::interval(period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        if let Err(e) =
            backend::services::booking::release_unconfirmed(&store, backend::now()).await
        {
            tracing::warn!(error = %e, "releasing unconfirmed bookings failed; will try again");
        }
        if let Err(e) =
            backend::services::booking::release_unpaid(&store, &payments, backend::now()).await
        {
            tracing::warn!(error = %e, "releasing unpaid bookings failed; will try again");
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::post;
    use tower::ServiceExt;

    /// Reads the whole body, as a handler does.
    async fn read(body: axum::body::Bytes) -> String {
        body.len().to_string()
    }

    async fn status(path: &str, declared: usize, sent: usize) -> u16 {
        let app = Router::new()
            .route("/api/admin/menu/items/{id}/photos", post(read))
            .route("/api/admin/gallery", post(read))
            .route("/admin/settings/gallery", post(read))
            .route("/api/admin/areas", post(read))
            .layer(axum::extract::DefaultBodyLimit::disable())
            .layer(axum::middleware::from_fn(body_limit));
        let req = http::Request::post(path)
            .header(http::header::CONTENT_LENGTH, declared)
            .body(Body::from(vec![0u8; sent]))
            .unwrap();
        app.oneshot(req).await.unwrap().status().as_u16()
    }

    #[tokio::test]
    async fn uploads_have_their_own_body_limit() {
        let limit = api::admin::menu::MAX_UPLOAD_BYTES;
        for upload in [
            "/api/admin/menu/items/7/photos",
            "/api/admin/gallery",
            "/admin/settings/gallery",
        ] {
            assert_eq!(status(upload, limit, limit).await, 200, "{upload}");
            assert_eq!(status(upload, limit + 1, limit + 1).await, 413, "{upload}");
        }
        assert_eq!(
            status("/api/admin/areas", MAX_BODY_BYTES, MAX_BODY_BYTES).await,
            200
        );
        assert_eq!(status("/api/admin/areas", 70_000, 70_000).await, 413);
    }
}
