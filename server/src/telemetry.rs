//! Logging: human-readable by default, JSON lines with `LOG_FORMAT=json`.
//! Levels from `RUST_LOG` (default `info`).

use crate::config::LogFormat;
use tracing_subscriber::{fmt, EnvFilter};

pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn"));
    let builder = fmt().with_env_filter(filter).with_target(true);
    let result = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    // A second initialisation (tests) keeps the first subscriber.
    drop(result);
}

/// The span of one request: its method and the route that matched (a
/// pattern such as `/api/reservations/manage/{token}`), never the raw path,
/// which can carry a manage or e-mail token.
pub fn request_span<B>(req: &http::Request<B>) -> tracing::Span {
    tracing::info_span!("request", method = %req.method(), route = route_of(req))
}

fn route_of<B>(req: &http::Request<B>) -> &str {
    req.extensions()
        .get::<axum::extract::MatchedPath>()
        .map_or("(no route)", |m| m.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tower::ServiceExt;

    #[tokio::test]
    async fn request_spans_name_the_route_not_the_token() {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let record = seen.clone();
        let app = axum::Router::new()
            .route("/manage/{token}", get(|| async { "ok" }))
            .layer(axum::middleware::from_fn(
                move |req: axum::extract::Request, next: axum::middleware::Next| {
                    *record.lock().unwrap() = route_of(&req).to_owned();
                    next.run(req)
                },
            ));
        let req = http::Request::builder()
            .uri("/manage/SECRET-TOKEN")
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(app.oneshot(req).await.unwrap().status(), 200);
        assert_eq!(*seen.lock().unwrap(), "/manage/{token}");
    }
}
