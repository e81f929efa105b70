//! The shared pages (home, menu, contact: [`app::SHARED_PAGES`]) served from
//! memory to visitors who are not signed in.
//!
//! Their HTML depends only on the restaurant's setup and the visitor's
//! language, so a page is rendered once per setup version, address and
//! language inputs (the language cookie and `Accept-Language`), and served
//! again from memory. Each answer still gets its own Content-Security-Policy
//! nonce: the cached body is kept split at the nonce it was rendered with,
//! and a fresh one is put in the gaps (and in the policy) every time.
//!
//! Freshness: the key holds the database's setup version, read on every
//! request like the setup cache does, so a change made by any process is
//! seen by the next request. A request with a session cookie, an answer
//! that sets a cookie or is not a 200 HTML page is never cached; the cache
//! holds at most [`MAX_ENTRIES`] pages of at most [`MAX_PAGE_BYTES`].

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use backend::Store;
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

/// Distinct pages kept; past it the cache starts again from empty.
pub const MAX_ENTRIES: usize = 256;
/// Larger pages are served but not kept.
pub const MAX_PAGE_BYTES: usize = 512 * 1024;
/// The header that marks a page as the same for every visitor who is not
/// signed in (kept here, and by the service worker).
pub const SHARED_PAGE: &str = "x-shared-page";
/// Longer language inputs (a cookie value, `Accept-Language`) are not cached.
const MAX_KEY_PART: usize = 200;

/// The cache and its counters; cheap to clone.
#[derive(Clone)]
pub struct PageCache {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    /// The session cookie's name (without the `__Host-` prefix).
    session_cookie: &'static str,
    entries: RwLock<HashMap<Key, Arc<Entry>>>,
    hits: AtomicU64,
    misses: AtomicU64,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    version: i64,
    path_and_query: String,
    language_cookie: Option<String>,
    accept_language: Option<String>,
}

/// A rendered page, split at its nonce.
struct Entry {
    headers: HeaderMap,
    body: Vec<Bytes>,
    policy: Option<Vec<String>>,
}

impl PageCache {
    pub fn new(store: Store, session_cookie: &'static str) -> Self {
        Self {
            inner: Arc::new(Inner {
                store,
                session_cookie,
                entries: RwLock::default(),
                hits: AtomicU64::new(0),
                misses: AtomicU64::new(0),
            }),
        }
    }

    /// Pages served from memory since start.
    pub fn hits(&self) -> u64 {
        self.inner.hits.load(Ordering::Relaxed)
    }

    /// Cacheable requests that were rendered since start.
    pub fn misses(&self) -> u64 {
        self.inner.misses.load(Ordering::Relaxed)
    }

    fn key(&self, req: &Request, version: i64) -> Option<Key> {
        if req.method() != Method::GET || req.headers().contains_key(header::AUTHORIZATION) {
            return None;
        }
        let uri = req.uri();
        let mut language_cookie = None;
        for cookies in req.headers().get_all(header::COOKIE) {
            for cookie in cookies.to_str().ok()?.split(';') {
                let (name, value) = cookie.trim().split_once('=').unwrap_or((cookie, ""));
                let name = name.trim();
                if name.trim_start_matches("__Host-") == self.inner.session_cookie {
                    return None;
                }
                if name == app::LOCALE_COOKIE {
                    language_cookie = Some(short(value)?.to_owned());
                }
            }
        }
        let accept_language = match req.headers().get(header::ACCEPT_LANGUAGE) {
            Some(value) => Some(short(value.to_str().ok()?)?.to_owned()),
            None => None,
        };
        Some(Key {
            version,
            path_and_query: uri.path_and_query().map_or("/", |p| p.as_str()).to_owned(),
            language_cookie,
            accept_language,
        })
    }

    fn get(&self, key: &Key) -> Option<Arc<Entry>> {
        let entries = self.inner.entries.read().unwrap_or_else(|e| e.into_inner());
        entries.get(key).cloned()
    }

    fn keep(&self, key: Key, entry: Entry) {
        let mut entries = self
            .inner
            .entries
            .write()
            .unwrap_or_else(|e| e.into_inner());
        // Pages of older setup versions are never asked for again.
        entries.retain(|k, _| k.version >= key.version);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(key, Arc::new(entry));
    }
}

fn short(value: &str) -> Option<&str> {
    (value.len() <= MAX_KEY_PART).then_some(value)
}

/// Middleware: answers shared pages from the cache, renders and keeps them
/// otherwise. Everything else passes through untouched.
pub async fn serve(State(cache): State<PageCache>, req: Request, next: Next) -> Response {
    if !app::SHARED_PAGES.contains(&req.uri().path()) {
        return next.run(req).await;
    }
    // The version first: a page rendered after this read is at least as
    // new as the key says.
    let Ok(version) = cache.inner.store.setup_version().await else {
        return next.run(req).await;
    };
    let Some(key) = cache.key(&req, version) else {
        return next.run(req).await;
    };
    if let Some(entry) = cache.get(&key) {
        cache.inner.hits.fetch_add(1, Ordering::Relaxed);
        return entry.answer(&leptos::nonce::Nonce::new());
    }
    cache.inner.misses.fetch_add(1, Ordering::Relaxed);
    let res = next.run(req).await;
    if !cacheable(&res) {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // The service worker keeps such pages for offline use (`sw.js`).
    parts
        .headers
        .insert(SHARED_PAGE, HeaderValue::from_static("1"));
    let bytes = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
        Ok(bytes) => bytes,
        Err(e) => {
            // Too large or a failed render: the body is gone, so answer as
            // the error layer would.
            tracing::warn!(error = %e, "page could not be kept");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    if let Some(entry) = Entry::new(&parts.headers, &bytes) {
        cache.keep(key, entry);
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn cacheable(res: &Response) -> bool {
    res.status() == StatusCode::OK
        && !res.headers().contains_key(header::SET_COOKIE)
        && res
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("text/html"))
}

impl Entry {
    /// Splits the page and its policy at the nonce the policy names; `None`
    /// when the page is not UTF-8 or its policy's nonce is malformed.
    fn new(headers: &HeaderMap, body: &[u8]) -> Option<Entry> {
        let html = std::str::from_utf8(body).ok()?;
        let policy = match headers.get(header::CONTENT_SECURITY_POLICY) {
            Some(value) => Some(value.to_str().ok()?.to_owned()),
            None => None,
        };
        let nonce = policy.as_deref().and_then(nonce_of);
        let mut headers = headers.clone();
        headers.remove(header::CONTENT_SECURITY_POLICY);
        headers.remove(header::CONTENT_LENGTH);
        let (body, policy) = match nonce {
            Some(nonce) => (
                html.split(nonce)
                    .map(|part| Bytes::copy_from_slice(part.as_bytes()))
                    .collect(),
                policy
                    .as_deref()
                    .map(|p| p.split(nonce).map(str::to_owned).collect()),
            ),
            None => (vec![Bytes::copy_from_slice(body)], policy.map(|p| vec![p])),
        };
        Some(Entry {
            headers,
            body,
            policy,
        })
    }

    /// The page with `nonce` wherever the rendered one was.
    fn answer(&self, nonce: &str) -> Response {
        let mut body = Vec::with_capacity(
            self.body.iter().map(Bytes::len).sum::<usize>() + nonce.len() * self.body.len(),
        );
        for (i, part) in self.body.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(part);
        }
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = self.headers.clone();
        if let Some(policy) = &self.policy {
            if let Ok(value) = HeaderValue::from_str(&policy.join(nonce)) {
                res.headers_mut()
                    .insert(header::CONTENT_SECURITY_POLICY, value);
            }
        }
        res
    }
}

/// The value of the policy's `'nonce-…'` source, if it has one that is
/// long enough to be found nowhere else by chance.
fn nonce_of(policy: &str) -> Option<&str> {
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[start..].find('\'')?;
    let nonce = &policy[start..start + len];
    (nonce.len() >= 16
        && nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'/' | b'=')))
    .then_some(nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(nonce: &str) -> (HeaderMap, String) {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&app::response::page_security_policy(nonce)).unwrap(),
        );
        let html = format!(
            "<html><script nonce=\"{nonce}\">a()</script><p>hi</p>\
             <script nonce=\"{nonce}\">b()</script></html>"
        );
        (headers, html)
    }

    async fn body_of(res: Response) -> String {
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[tokio::test]
    async fn every_answer_carries_its_own_nonce_in_page_and_policy() {
        let rendered = "AAAAAAAAAAAAAAAAAAAAAA";
        let (headers, html) = page(rendered);
        let entry = Entry::new(&headers, html.as_bytes()).expect("kept");
        let fresh = "BBBBBBBBBBBBBBBBBBBBBB";
        let res = entry.answer(fresh);
        let policy = res.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(policy, app::response::page_security_policy(fresh));
        assert_eq!(res.headers()[header::CONTENT_TYPE], "text/html");
        assert_eq!(body_of(res).await, page(fresh).1);
    }

    #[test]
    fn a_policy_without_a_proper_nonce_gives_none() {
        assert_eq!(nonce_of("script-src 'self'"), None);
        assert_eq!(nonce_of("script-src 'nonce-ab'"), None, "too short");
        assert_eq!(nonce_of("script-src 'nonce-a\"bcdefghijklmnopq'"), None);
        assert_eq!(
            nonce_of("script-src 'self' 'nonce-abcdefghijklmnop_-' x"),
            Some("abcdefghijklmnop_-")
        );
    }
}
