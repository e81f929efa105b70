//! The security baseline applied to every response: browser security
//! headers, a same-origin check on state-changing requests (CSRF), and
//! rate limits.
//!
//! HTML pages get their Content-Security-Policy from the app (it carries the
//! per-response nonce Leptos puts on its inline scripts, see
//! `app::response::set_security_policy`); any other response without one
//! gets [`DEFAULT_CSP`].

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use backend::ratelimit::Key;
pub use backend::ratelimit::{Limit, Limiter, Verdict};

/// For responses that set no policy of their own (JSON, files, the API
/// docs page): nothing may run, nothing may frame it.
pub const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' \
     'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// What the security layer needs to know about the deployment.
#[derive(Debug, Clone)]
pub struct SecurityConfig {
    /// Served over HTTPS (`PUBLIC_URL` starts with `https://`): send HSTS.
    pub https: bool,
    /// This site's origin (`scheme://host[:port]` of `PUBLIC_URL`) when it is
    /// configured; without it, the origin the browser reached (`Host`).
    pub public_origin: Option<String>,
    /// Origins allowed besides our own for state-changing requests
    /// (`CORS_ALLOWED_ORIGINS`, comma-separated).
    pub allowed_origins: Vec<String>,
    /// Peers whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<IpAddr>,
    pub limits: RateLimits,
}

/// Adds the security headers to every response.
pub async fn headers(
    State(config): State<Arc<SecurityConfig>>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    };
    if may_carry_personal_data(&path, h) {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        header::REFERRER_POLICY,
        "strict-origin-when-cross-origin",
    );
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    set(h, header::CONTENT_SECURITY_POLICY, DEFAULT_CSP);
    if config.https {
        set(
            h,
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        );
    }
    res
}

/// Whether an answer may carry personal data, a token or a session, and so
/// must never be stored by a browser or a shared cache: every API answer,
/// every page, and anything that sets a cookie. The site's static files
/// (`/pkg/...`) carry none.
fn may_carry_personal_data(path: &str, h: &HeaderMap) -> bool {
    if path.starts_with("/pkg/") {
        return false;
    }
    let content_type = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    path.starts_with("/api/")
        || h.contains_key(header::SET_COOKIE)
        || content_type.starts_with("text/html")
        || content_type.starts_with("application/json")
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The `scheme://host[:port]` of a URL-ish header value (the port only when
/// it is not the scheme's default).
pub fn origin_of(value: &str) -> Option<String> {
    let url = url::Url::parse(value).ok()?;
    let host = url.host_str()?;
    Some(match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    })
}

/// Whether `origin` names this site (scheme, host and port of `PUBLIC_URL`;
/// without it, the `Host` the browser reached), or an allowed origin.
fn same_origin(origin: &str, headers: &HeaderMap, config: &SecurityConfig) -> bool {
    if config.allowed_origins.iter().any(|o| o == origin) {
        return true;
    }
    if let Some(public) = &config.public_origin {
        return origin.eq_ignore_ascii_case(public);
    }
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    origin
        .split_once("://")
        .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host))
}

/// Refuses state-changing requests that a browser sent from another site:
/// `Sec-Fetch-Site: cross-site`, an opaque `Origin`, or an `Origin` (or,
/// without it, a `Referer`) that is not this site's. A write with neither
/// passes only without cookies (a script, not a signed-in browser: browsers
/// send `Origin` on every cross-site `POST`, `PUT` and `DELETE`).
pub async fn same_origin_writes(
    State(config): State<Arc<SecurityConfig>>,
    req: Request,
    next: Next,
) -> Response {
    if is_state_changing(req.method()) && !write_allowed(req.headers(), &config) {
        tracing::warn!(
            security_event = "csrf_refused",
            method = %req.method(),
            "cross-origin write refused"
        );
        let lang = crate::api::error::Lang::from_headers(req.headers());
        return crate::api::error::ApiError::new(StatusCode::FORBIDDEN, "forbidden", lang)
            .into_response();
    }
    next.run(req).await
}

fn write_allowed(headers: &HeaderMap, config: &SecurityConfig) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if text(header::HeaderName::from_static("sec-fetch-site")) == Some("cross-site") {
        return false;
    }
    let claimed = match (text(header::ORIGIN), text(header::REFERER)) {
        (Some("null"), _) => return false,
        (Some(origin), _) | (None, Some(origin)) => origin_of(origin),
        (None, None) => return !headers.contains_key(header::COOKIE),
    };
    claimed.is_some_and(|o| same_origin(&o, headers, config))
}

/// The backstop: a handler that panics answers a 500 (and the panic is
/// logged), never a dropped connection; the server goes on. A browser
/// navigating gets the site's error page (`css`: the stylesheet's
/// address), any other caller the JSON error.
pub async fn catch_panic(
    axum::extract::State(css): axum::extract::State<&'static str>,
    req: Request,
    next: Next,
) -> Response {
    use futures_util::FutureExt;
    // What the answer to a panic needs, kept aside; read only if one comes.
    let page = crate::error_page::wants_page(req.uri().path(), req.headers());
    let mut kept = HeaderMap::new();
    for name in [header::ACCEPT_LANGUAGE, header::COOKIE] {
        if let Some(value) = req.headers().get(&name) {
            kept.insert(name, value.clone());
        }
    }
    match std::panic::AssertUnwindSafe(next.run(req))
        .catch_unwind()
        .await
    {
        Ok(res) => res,
        Err(panic) => {
            log_panic(panic.as_ref());
            if page {
                crate::error_page::internal_error(crate::seo::page_language(&kept), css)
            } else {
                let lang = crate::api::error::Lang::from_headers(&kept);
                crate::api::error::ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    lang,
                )
                .into_response()
            }
        }
    }
}

fn log_panic(panic: &(dyn std::any::Any + Send)) {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %what, "a request handler panicked");
}

/// Which limit a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bucket {
    /// The JSON API (`/api/...`, not the page's server functions).
    Api,
    /// Making a booking (API or wizard, whose details step saves a draft
    /// in a new session).
    Booking,
    /// Finding a booking by reference and e-mail (guessable secrets).
    Lookup,
    /// Signing in and registering, per client address.
    Login,
    /// Asking for and using password-reset links.
    PasswordReset,
    /// What confirms a password or sets one with a token: changing the
    /// password, deleting the account, accepting an invitation.
    Account,
    /// Staff actions that e-mail many guests or read every booking at
    /// once: bulk status changes and CSV exports.
    Bulk,
    /// Bookings staff take (phone and walk-ins; a phone booking e-mails
    /// its guest).
    StaffBooking,
    /// Photo uploads (each is decoded and re-encoded: seconds of a core).
    Upload,
    /// Messages from the contact page (each e-mails the restaurant).
    Contact,
}

impl Bucket {
    /// The bucket's name in counter keys.
    pub fn name(self) -> &'static str {
        match self {
            Bucket::Api => "api",
            Bucket::Booking => "booking",
            Bucket::Lookup => "lookup",
            Bucket::Login => "login",
            Bucket::PasswordReset => "password-reset",
            Bucket::Account => "account",
            Bucket::Bulk => "bulk",
            Bucket::StaffBooking => "staff-booking",
            Bucket::Upload => "upload",
            Bucket::Contact => "contact",
        }
    }

    fn of(method: &Method, path: &str) -> Vec<Bucket> {
        let mut buckets = Vec::new();
        if path.starts_with("/api/") && !path.starts_with("/api/fn/") {
            buckets.push(Bucket::Api);
        }
        let booking = (method == Method::POST && path == "/api/reservations")
            || path == "/api/fn/booking_confirm"
            || path == "/api/fn/booking_save_details";
        if booking {
            buckets.push(Bucket::Booking);
        }
        if path == "/api/fn/manage_find" {
            buckets.push(Bucket::Lookup);
        }
        if path == "/api/fn/contact_send" && method == Method::POST {
            buckets.push(Bucket::Contact);
        }
        let login = matches!(
            path,
            "/api/auth/login"
                | "/api/auth/register"
                | "/api/fn/account_login"
                | "/api/fn/account_register"
        );
        if login && method == Method::POST {
            buckets.push(Bucket::Login);
        }
        let reset = path.starts_with("/api/auth/password/")
            || matches!(path, "/api/fn/account_forgot" | "/api/fn/account_reset");
        if reset && method == Method::POST {
            buckets.push(Bucket::PasswordReset);
        }
        let account = (method == Method::POST
            && matches!(
                path,
                "/api/auth/password"
                    | "/api/auth/invite/accept"
                    | "/api/fn/account_password"
                    | "/api/fn/account_delete"
                    | "/api/fn/account_accept_invite"
            ))
            || (method == Method::DELETE && path == "/api/auth/me");
        if account {
            buckets.push(Bucket::Account);
        }
        let bulk = (method == Method::POST
            && (matches!(
                path,
                "/api/admin/reservations/bulk" | "/api/fn/admin_bulk" | "/api/fn/admin_resend"
            ) || (path.starts_with("/api/admin/reservations/") && path.ends_with("/resend"))))
            || (method == Method::GET
                && matches!(
                    path,
                    "/api/admin/reservations.csv" | "/api/admin/payments.csv"
                ));
        if bulk {
            buckets.push(Bucket::Bulk);
        }
        if method == Method::POST
            && matches!(path, "/api/admin/reservations" | "/api/fn/admin_book")
        {
            buckets.push(Bucket::StaffBooking);
        }
        if crate::api::admin::menu::is_upload(method, path) {
            buckets.push(Bucket::Upload);
        }
        buckets
    }
}

/// The configured limits (`RATE_LIMIT_API`, `RATE_LIMIT_BOOKING`,
/// `RATE_LIMIT_LOOKUP`, `RATE_LIMIT_LOGIN`, `RATE_LIMIT_PASSWORD_RESET`,
/// `RATE_LIMIT_ACCOUNT`, `RATE_LIMIT_BOOKING_GUEST`, `RATE_LIMIT_BULK`,
/// `RATE_LIMIT_STAFF_BOOKING`, `RATE_LIMIT_UPLOAD`, `RATE_LIMIT_CONTACT`);
/// `None` is unlimited.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub api: Option<Limit>,
    pub booking: Option<Limit>,
    pub lookup: Option<Limit>,
    /// Per address, and separately per account.
    pub login: Option<Limit>,
    pub password_reset: Option<Limit>,
    pub account: Option<Limit>,
    /// Bulk status changes and exports, per client address.
    pub bulk: Option<Limit>,
    /// Bookings staff take, per client address.
    pub staff_booking: Option<Limit>,
    /// Photo uploads, per client address.
    pub upload: Option<Limit>,
    /// Contact messages, per client address.
    pub contact: Option<Limit>,
    /// Bookings per guest e-mail or phone (counted in the database, by the
    /// booking service).
    pub booking_guest: Option<Limit>,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            api: Some(Limit {
                requests: 100,
                window: Duration::from_secs(15 * 60),
            }),
            booking: Some(Limit {
                requests: 20,
                window: Duration::from_secs(60 * 60),
            }),
            lookup: Some(Limit {
                requests: 10,
                window: Duration::from_secs(15 * 60),
            }),
            login: Some(Limit {
                requests: 5,
                window: Duration::from_secs(15 * 60),
            }),
            password_reset: Some(Limit {
                requests: 3,
                window: Duration::from_secs(60 * 60),
            }),
            account: Some(Limit {
                requests: 10,
                window: Duration::from_secs(15 * 60),
            }),
            bulk: Some(Limit {
                requests: 30,
                window: Duration::from_secs(15 * 60),
            }),
            staff_booking: Some(Limit {
                requests: 200,
                window: Duration::from_secs(60 * 60),
            }),
            upload: Some(Limit {
                requests: 60,
                window: Duration::from_secs(15 * 60),
            }),
            contact: Some(Limit {
                requests: 5,
                window: Duration::from_secs(60 * 60),
            }),
            booking_guest: Some(Limit {
                requests: 5,
                window: Duration::from_secs(24 * 60 * 60),
            }),
        }
    }
}

impl RateLimits {
    /// The longest window of any limit (at least an hour): how long the
    /// in-process counters must remember a key.
    pub fn longest_window(&self) -> Duration {
        [
            self.api,
            self.booking,
            self.lookup,
            self.login,
            self.password_reset,
            self.account,
            self.bulk,
            self.staff_booking,
            self.upload,
            self.contact,
        ]
        .into_iter()
        .flatten()
        .map(|l| l.window)
        .fold(Duration::from_secs(3600), Duration::max)
    }

    fn get(&self, bucket: Bucket) -> Option<Limit> {
        match bucket {
            Bucket::Api => self.api,
            Bucket::Booking => self.booking,
            Bucket::Lookup => self.lookup,
            Bucket::Login => self.login,
            Bucket::PasswordReset => self.password_reset,
            Bucket::Account => self.account,
            Bucket::Bulk => self.bulk,
            Bucket::StaffBooking => self.staff_booking,
            Bucket::Upload => self.upload,
            Bucket::Contact => self.contact,
        }
    }
}

/// The client's address: the socket peer, or, when the peer is a trusted
/// proxy, the right-most `X-Forwarded-For` address that is not one. A hop
/// that is not an address (which only a misconfigured proxy writes) gives
/// the peer: never a value further left, which the client chose. IPv4
/// addresses mapped into IPv6 count as IPv4.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.to_canonical();
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|t| t.to_canonical() == *ip);
    if !is_trusted(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().unwrap_or(""))
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    for hop in hops.into_iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) if is_trusted(&ip.to_canonical()) => continue,
            Ok(ip) => return ip.to_canonical(),
            Err(_) => return peer,
        }
    }
    peer
}

fn rate_headers(h: &mut HeaderMap, v: Verdict) {
    let num =
        |n: u64| HeaderValue::from_str(&n.to_string()).unwrap_or(HeaderValue::from_static("0"));
    h.insert("ratelimit-limit", num(u64::from(v.limit)));
    h.insert("ratelimit-remaining", num(u64::from(v.remaining)));
    h.insert("ratelimit-reset", num(v.reset));
}

/// Counts the request against its buckets; answers 429 with `Retry-After`
/// when one is exhausted. Limited responses carry `RateLimit-*` headers (of
/// the tightest bucket).
pub async fn rate_limit(
    State((config, limiter)): State<(Arc<SecurityConfig>, Limiter)>,
    req: Request,
    next: Next,
) -> Response {
    let buckets = Bucket::of(req.method(), req.uri().path());
    if buckets.is_empty() {
        return next.run(req).await;
    }
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]));
    let ip = client_ip(peer, req.headers(), &config.trusted_proxies);
    let mut tightest: Option<Verdict> = None;
    for bucket in buckets {
        let Some(limit) = config.limits.get(bucket) else {
            continue;
        };
        let verdict = limiter.hit(&Key::address(bucket.name(), ip), limit).await;
        if !verdict.allowed {
            tracing::warn!(
                security_event = "rate_limited",
                ?bucket,
                "rate limit reached"
            );
            let lang = crate::api::error::Lang::from_headers(req.headers());
            let mut res = if req.uri().path().starts_with("/api/fn/") {
                // Server functions decode errors as the app's `AppError`.
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    axum::Json(serde_json::json!({ "code": "rate_limited" })),
                )
                    .into_response()
            } else {
                crate::api::error::ApiError::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate_limited",
                    lang,
                )
                .into_response()
            };
            rate_headers(res.headers_mut(), verdict);
            res.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from_str(&verdict.reset.to_string())
                    .unwrap_or(HeaderValue::from_static("60")),
            );
            return res;
        }
        if tightest.is_none_or(|t| verdict.remaining < t.remaining) {
            tightest = Some(verdict);
        }
    }
    let mut res = next.run(req).await;
    if let Some(v) = tightest {
        rate_headers(res.headers_mut(), v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 10.0.0.5"),
        );
        let proxy: IpAddr = [10, 0, 0, 5].into();
        let lb: IpAddr = [10, 0, 0, 1].into();
        let client: IpAddr = [203, 0, 113, 9].into();
        // Not trusted: the header is ignored (it is spoofable).
        assert_eq!(client_ip(lb, &h, &[]), lb);
        assert_eq!(client_ip(lb, &h, &[lb, proxy]), client);
        // A hop that is not an address gives the peer, not what the client
        // wrote further left.
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, unknown"),
        );
        assert_eq!(client_ip(lb, &h, &[lb]), lb);
        // Mapped IPv4 proxies and clients are matched as IPv4.
        h.insert(
            "x-forwarded-for",
            HeaderValue::from_static("::ffff:203.0.113.9"),
        );
        let mapped_lb: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(client_ip(mapped_lb, &h, &[lb]), client);
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_a_500_page_or_json() {
        use axum::routing::get;
        use tower::ServiceExt;
        let app = axum::Router::new()
            .route(
                "/boom",
                get(|| async {
                    if true {
                        panic!("boom: secret detail");
                    }
                    "unreachable"
                }),
            )
            .layer(axum::middleware::from_fn_with_state(
                "/pkg/site.css",
                catch_panic,
            ));
        let ask = |accept: &'static str| {
            Request::builder()
                .uri("/boom")
                .header("accept-language", "fr")
                .header("accept", accept)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let res = app.clone().oneshot(ask("application/json")).await.unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["error"]["code"], "internal");

        // A browser navigating: the site's page, in its language, no cause.
        let res = app.oneshot(ask("text/html,*/*;q=0.8")).await.unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(res.headers()[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let body = axum::body::to_bytes(res.into_body(), 16 * 1024)
            .await
            .unwrap();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(html.contains("Un problème de notre côté"), "{html}");
        assert!(html.contains(r#"href="/pkg/site.css""#), "{html}");
        assert!(!html.contains("secret"), "{html}");
    }

    #[test]
    fn origins() {
        let config = SecurityConfig {
            https: false,
            public_origin: None,
            allowed_origins: vec!["https://partner.example".into()],
            trusted_proxies: vec![],
            limits: RateLimits::default(),
        };
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        assert!(same_origin("http://127.0.0.1:3000", &h, &config));
        assert!(!same_origin("http://evil.example", &h, &config));
        assert!(same_origin("https://partner.example", &h, &config));
        // With PUBLIC_URL, only its scheme, host and port are this site.
        let strict = SecurityConfig {
            public_origin: origin_of("https://book.example"),
            ..config.clone()
        };
        assert!(same_origin("https://book.example", &h, &strict));
        assert!(!same_origin("http://book.example", &h, &strict));
        assert!(!same_origin("https://book.example:8443", &h, &strict));
        assert!(!same_origin("http://127.0.0.1:3000", &h, &strict));
        // Neither Origin nor Referer: only without cookies.
        assert!(write_allowed(&h, &config));
        h.insert(header::COOKIE, HeaderValue::from_static("techplus.sid=x"));
        assert!(!write_allowed(&h, &config));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:3000"),
        );
        assert!(write_allowed(&h, &config));
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(!write_allowed(&h, &config));
        assert_eq!(
            origin_of("https://x.example:8443/path?q").as_deref(),
            Some("https://x.example:8443")
        );
        assert!(Bucket::of(&Method::POST, "/api/reservations").contains(&Bucket::Booking));
        assert_eq!(Bucket::of(&Method::GET, "/menu"), vec![]);
        assert!(Bucket::of(&Method::DELETE, "/api/auth/me").contains(&Bucket::Account));
        assert!(!Bucket::of(&Method::GET, "/api/auth/me").contains(&Bucket::Account));
        assert!(
            Bucket::of(&Method::POST, "/api/fn/account_accept_invite").contains(&Bucket::Account)
        );
        assert_eq!(Bucket::of(&Method::POST, "/api/fn/menu"), vec![]);
        assert_eq!(
            Bucket::of(&Method::POST, "/api/fn/admin_bulk"),
            vec![Bucket::Bulk]
        );
        assert!(Bucket::of(&Method::GET, "/api/admin/reservations.csv").contains(&Bucket::Bulk));
        assert!(!Bucket::of(&Method::GET, "/api/admin/reservations").contains(&Bucket::Bulk));
        assert!(Bucket::of(&Method::GET, "/api/admin/payments.csv").contains(&Bucket::Bulk));
        assert!(!Bucket::of(&Method::GET, "/api/admin/payments").contains(&Bucket::Bulk));
        assert!(
            Bucket::of(&Method::POST, "/api/admin/reservations/7/resend").contains(&Bucket::Bulk)
        );
        assert!(Bucket::of(&Method::POST, "/api/fn/admin_resend").contains(&Bucket::Bulk));
        assert!(
            Bucket::of(&Method::POST, "/api/admin/menu/items/3/photos").contains(&Bucket::Upload)
        );
        assert!(Bucket::of(&Method::POST, "/admin/menu/items/3/photos").contains(&Bucket::Upload));
        assert!(!Bucket::of(&Method::DELETE, "/api/admin/menu/photos/3").contains(&Bucket::Upload));
        assert!(
            Bucket::of(&Method::POST, "/api/admin/reservations").contains(&Bucket::StaffBooking)
        );
        assert_eq!(
            Bucket::of(&Method::POST, "/api/fn/admin_book"),
            vec![Bucket::StaffBooking]
        );
        assert!(
            !Bucket::of(&Method::GET, "/api/admin/reservations").contains(&Bucket::StaffBooking)
        );
        assert!(
            !Bucket::of(&Method::POST, "/api/admin/reservations/7/notes").contains(&Bucket::Bulk)
        );
    }
}
