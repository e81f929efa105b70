//! Operational endpoints: liveness, readiness, and the language cookie.

use app::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;
use tower_sessions_redis_store::fred::prelude::{ClientLike, Pool as RedisPool};

pub fn routes(redis: Option<RedisPool>) -> Router<AppState> {
    Router::new()
        .route("/health", get(health))
        .route(
            "/ready",
            get(move |state: State<AppState>| ready(state, redis.clone())),
        )
        .route("/lang/{locale}", get(set_language))
}

/// The process is up and answering.
async fn health() -> impl IntoResponse {
    Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

/// The process can serve requests: the database (and Redis, when
/// configured) answer within two seconds.
async fn ready(State(state): State<AppState>, redis: Option<RedisPool>) -> Response {
    const LIMIT: Duration = Duration::from_secs(2);
    let database = match tokio::time::timeout(LIMIT, state.store.ping()).await {
        Ok(Ok(())) => "ok",
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readiness: database check failed");
            "unavailable"
        }
        Err(_) => "unavailable",
    };
    let redis_status = match redis {
        None => "not_configured",
        Some(pool) => match tokio::time::timeout(LIMIT, pool.ping::<String>(None)).await {
            Ok(Ok(_)) => "ok",
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "readiness: redis check failed");
                "unavailable"
            }
            Err(_) => "unavailable",
        },
    };
    let ready = database == "ok" && redis_status != "unavailable";
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = json!({
        "status": if ready { "ready" } else { "unavailable" },
        "database": database,
        "backend": state.store.backend().name(),
        "redis": redis_status,
        "payments": if state.payments.available() { "configured" } else { "not_configured" },
    });
    (status, Json(body)).into_response()
}

#[derive(Deserialize)]
struct LangQuery {
    to: Option<String>,
}

/// `GET /lang/{fr|en}?to=/path`: remembers the language in the same cookie
/// the client-side switcher writes, then goes back to the page. Lets the
/// switcher work before (or without) the WASM client.
async fn set_language(Path(locale): Path<String>, Query(query): Query<LangQuery>) -> Response {
    let target = crate::seo::without_language(&safe_local_path(query.to.as_deref()));
    let Some(locale) = ["fr", "en"].into_iter().find(|l| *l == locale) else {
        return Redirect::to(&target).into_response();
    };
    let cookie = app::locale_cookie(locale);
    let mut response = Redirect::to(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Only same-site paths: `/menu` yes, `//evil.example` or `https://…` no.
pub fn safe_local_path(to: Option<&str>) -> String {
    match to {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.chars().any(|c| c.is_control()) =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_local_path;

    #[test]
    fn redirects_only_to_local_paths() {
        assert_eq!(safe_local_path(Some("/menu")), "/menu");
        assert_eq!(safe_local_path(Some("/menu?x=1")), "/menu?x=1");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "menu",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(safe_local_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_local_path(None), "/");
    }
}
