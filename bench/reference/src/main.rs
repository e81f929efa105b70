//! `bench-reference`: the ceiling `scripts/bench` measures TechPlus against.
//!
//! A bare axum server on the same runtime as TechPlus (tokio, one worker
//! per core) with nothing in between: `GET /` answers a fixed HTML page of
//! about 20 KB (made once at start, `text/html`) and `GET /json` a tiny JSON
//! object. No middleware, no logging, no compression, no database.
//!
//! The address is the first argument, else `BENCH_ADDR`, else
//! `127.0.0.1:3100`.

use axum::body::Bytes;
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;
use axum::Router;
use std::fmt::Write;
use std::net::SocketAddr;

/// Size of the page `GET /` answers, in bytes (at least).
const PAGE_BYTES: usize = 20 * 1024;

const JSON: &str = r#"{"ok":true,"service":"bench-reference"}"#;

/// A plain HTML page of at least [`PAGE_BYTES`]: a restaurant-like page
/// with a list of dishes, so that it looks like what a site serves.
fn page() -> String {
    let mut html = String::with_capacity(PAGE_BYTES + 512);
    html.push_str(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Reference page</title></head><body><header><h1>Reference page</h1>\
         <p>A fixed page served by a bare axum server.</p></header><main><ul>",
    );
    let mut n = 0;
    while html.len() < PAGE_BYTES {
        n += 1;
        let _ = write!(
            html,
            "<li class=\"dish\"><h2>Dish number {n}</h2><p>Seasonal vegetables, \
             roasted hazelnuts and a light butter sauce.</p><span class=\"price\">{}.{:02} €</span></li>",
            9 + n % 20,
            (n * 37) % 100
        );
    }
    html.push_str("</ul></main><footer><p>End of the reference page.</p></footer></body></html>");
    html
}

fn address() -> Result<SocketAddr, String> {
    let raw = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("BENCH_ADDR").ok())
        .unwrap_or_else(|| "127.0.0.1:3100".to_owned());
    raw.parse()
        .map_err(|e| format!("bad address {raw:?} (want IP:PORT): {e}"))
}

fn router() -> Router {
    let page = Bytes::from(page());
    Router::new()
        .route(
            "/",
            get(move || {
                let page = page.clone();
                async move { ([(CONTENT_TYPE, "text/html; charset=utf-8")], page) }
            }),
        )
        .route(
            "/json",
            get(|| async { ([(CONTENT_TYPE, "application/json")], JSON) }),
        )
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let addr = match address() {
        Ok(addr) => addr,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("bench-reference listening on http://{addr}");
    if let Err(e) = axum::serve(listener, router()).await {
        eprintln!("error: {e}");
        return std::process::ExitCode::FAILURE;
    }
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_about_20_kb_of_html() {
        let page = page();
        assert!(
            (PAGE_BYTES..PAGE_BYTES + 512).contains(&page.len()),
            "{}",
            page.len()
        );
        assert!(page.starts_with("<!DOCTYPE html>") && page.ends_with("</html>"));
    }
}
