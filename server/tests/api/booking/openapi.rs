//! The OpenAPI document matches the routes the server registers. The route
//! list is read from the server's source (every `.route("/api/...", ...)`
//! under `server/src`), so a new route cannot go undocumented silently;
//! each one is also called on the running server, so the reading cannot
//! silently go wrong either.

use crate::helpers::{Db, TestApp};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

on_both_backends!(openapi_document_lists_every_route);

/// The document's own endpoints, not part of it.
const SELF_DESCRIBING: [&str; 2] = ["/api/openapi.json", "/api/docs"];
const METHODS: [&str; 5] = ["get", "post", "put", "delete", "patch"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text up to the `)` that closes an already opened `(`.
fn until_closing(text: &str) -> Option<&str> {
    let mut depth = 1;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[..i]);
                }
            }
            _ => {}
        }
    }
    None
}

/// (path, method) of every `/api/` route registered with `.route(...)` in
/// the server's source.
fn registered_routes() -> BTreeSet<(String, String)> {
    let mut files = Vec::new();
    rust_files(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut files,
    );
    let mut routes = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find(".route(") {
            rest = &rest[at + ".route(".len()..];
            let Some(args) = until_closing(rest) else {
                continue;
            };
            let Some(path) = args.split('"').nth(1).filter(|p| p.starts_with("/api/")) else {
                continue;
            };
            for method in METHODS {
                let call = format!("{method}(");
                let called = args.match_indices(&call).any(|(i, _)| {
                    !args[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                if called {
                    routes.insert((path.to_owned(), method.to_owned()));
                }
            }
        }
    }
    routes
}

async fn openapi_document_lists_every_route(db: Db) {
    let app = TestApp::spawn(db).await;
    let (status, doc) = app.get_json("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            let item: &Value = item;
            METHODS
                .iter()
                .filter(|m| item[**m].is_object())
                .map(|m| (path.clone(), (*m).to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    let registered: BTreeSet<(String, String)> = registered_routes()
        .into_iter()
        .filter(|(path, _)| !SELF_DESCRIBING.contains(&path.as_str()))
        .collect();
    let undocumented: Vec<_> = registered.difference(&documented).collect();
    assert!(undocumented.is_empty(), "not documented: {undocumented:?}");
    let unknown: Vec<_> = documented.difference(&registered).collect();
    assert!(
        unknown.is_empty(),
        "documented but not found among the routes in server/src: {unknown:?}"
    );
    // Today's routes, at least (a guard on the reading of the source).
    for route in [
        ("/api/auth/verify", "post"),
        ("/api/auth/invite", "post"),
        ("/api/auth/invite/accept", "post"),
        ("/api/auth/role", "put"),
        ("/api/reservations", "get"),
        ("/api/reservations/{reference}", "delete"),
    ] {
        let route = (route.0.to_owned(), route.1.to_owned());
        assert!(registered.contains(&route), "{route:?} not found");
    }
    // Each one answers on the server, anonymously: neither 405 nor the
    // site's HTML "not found" page.
    for (path, method) in &registered {
        let concrete = path
            .replace("{token}", &"A".repeat(43))
            .replace("{reference}", "ABCD2345");
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let res = app
            .http
            .request(method.clone(), app.url(&concrete))
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let html = res
            .headers()
            .get("content-type")
            .is_some_and(|t| t.to_str().unwrap().starts_with("text/html"));
        assert!(status != 405 && !html, "{method} {concrete}: {status}");
    }

    let res = app.get("/api/docs").await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("POST /api/reservations"));
    assert!(html.contains("CreateReservationIn"));
    app.stop().await;
}
