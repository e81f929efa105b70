//! What travels to a diner's phone: static files from their precompressed
//! copies (brotli, then gzip, by `Accept-Encoding`), cached for a year when
//! their name carries a hash, revalidated otherwise; pages and JSON
//! compressed on the fly and never stored by a cache.

use crate::helpers::{unique_name, Db, TestApp};
use std::path::{Path, PathBuf};

const HASHED_WASM: &str = "techplus.Xq3v0lJ8kPp1aB2cD3eF4g.wasm";

/// A site directory as `cargo leptos build --release --precompress` leaves
/// it: a hashed file with its `.br` and `.gz` copies (different bytes, so
/// the test sees which one was sent), and a plain file without copies.
struct Site {
    root: PathBuf,
    wasm: Vec<u8>,
    css: String,
}

impl Site {
    fn new() -> Site {
        let root = std::env::temp_dir().join(unique_name("techplus_site"));
        let pkg = root.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        let wasm: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
        std::fs::write(pkg.join(HASHED_WASM), &wasm).unwrap();
        std::fs::write(pkg.join(format!("{HASHED_WASM}.br")), b"brotli copy").unwrap();
        std::fs::write(pkg.join(format!("{HASHED_WASM}.gz")), b"gzip copy").unwrap();
        let css = "main { margin: 0 auto; padding: 1rem; }\n".repeat(200);
        std::fs::write(pkg.join("techplus.css"), &css).unwrap();
        Site { root, wasm, css }
    }

    fn root(&self) -> &Path {
        &self.root
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

async fn spawn_with_site(site: &Site) -> TestApp {
    let root = site.root().display().to_string();
    TestApp::spawn_with(Db::Sqlite, &[("LEPTOS_SITE_ROOT", &root)]).await
}

/// A client that neither asks for nor decodes compression by itself.
fn raw_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap()
}

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_files_come_precompressed_and_cached_by_name() {
    let site = Site::new();
    let app = spawn_with_site(&site).await;
    let http = raw_client();
    let url = app.url(&format!("/pkg/{HASHED_WASM}"));
    let get = |encoding: &'static str| {
        let mut req = http.get(&url);
        if !encoding.is_empty() {
            req = req.header("accept-encoding", encoding);
        }
        req.send()
    };

    let res = get("gzip, deflate, br").await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-encoding"), "br");
    assert_eq!(header(&res, "content-type"), "application/wasm");
    assert_eq!(
        header(&res, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert!(header(&res, "vary").eq_ignore_ascii_case("accept-encoding"));
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"brotli copy");

    let res = get("gzip").await.unwrap();
    assert_eq!(header(&res, "content-encoding"), "gzip");
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"gzip copy");

    // A client that accepts nothing gets the file itself.
    let res = get("").await.unwrap();
    assert_eq!(header(&res, "content-encoding"), "");
    assert_eq!(res.bytes().await.unwrap().as_ref(), site.wasm.as_slice());

    let res = http
        .get(app.url("/pkg/techplus.nope.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_without_a_copy_or_a_hash_are_compressed_and_revalidated() {
    let site = Site::new();
    let app = spawn_with_site(&site).await;
    let res = raw_client()
        .get(app.url("/pkg/techplus.css"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-encoding"), "br");
    assert_eq!(header(&res, "cache-control"), "no-cache");
    assert!(!header(&res, "last-modified").is_empty());
    let sent = res.bytes().await.unwrap().len();
    assert!(sent < site.css.len() / 10, "{sent} bytes sent");

    // Decoded, it is the file.
    let res = app
        .http
        .get(app.url("/pkg/techplus.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.text().await.unwrap(), site.css);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_json_are_compressed_and_never_stored() {
    let app = TestApp::spawn(Db::Sqlite).await;
    let http = raw_client();
    for (path, encoding) in [("/", "br"), ("/menu", "gzip"), ("/api/openapi.json", "br")] {
        let res = http
            .get(app.url(path))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert_eq!(header(&res, "content-encoding"), encoding, "{path}");
        assert_eq!(header(&res, "cache-control"), "no-store", "{path}");
        assert!(
            header(&res, "vary")
                .to_ascii_lowercase()
                .contains("accept-encoding"),
            "{path}"
        );
    }
    // The decoding client reads the same page as before compression.
    let (status, html) = app.page("/", None, None).await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"fr\""));
    app.stop().await;
}
