//! `GET /api/docs`: the OpenAPI document rendered as a plain HTML page on
//! the server (no script, nothing loaded from elsewhere).

use super::ApiDoc;
use axum::response::Html;
use serde_json::Value;
use utoipa::OpenApi;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn text(v: &Value) -> String {
    esc(v.as_str().unwrap_or_default())
}

/// The schema name a `$ref` points to.
fn schema_ref(v: &Value) -> Option<&str> {
    v["$ref"].as_str().and_then(|r| r.rsplit('/').next())
}

fn operation(out: &mut String, method: &str, path: &str, op: &Value) {
    out.push_str(&format!(
        "<section class=\"op\"><h3><code>{} {}</code></h3>",
        method.to_uppercase(),
        esc(path)
    ));
    for key in ["summary", "description"] {
        if op[key].is_string() {
            out.push_str(&format!("<p>{}</p>", text(&op[key])));
        }
    }
    if let Some(params) = op["parameters"].as_array().filter(|p| !p.is_empty()) {
        out.push_str("<h4>Parameters</h4><ul>");
        for p in params {
            let required = if p["required"] == true {
                ", required"
            } else {
                ""
            };
            out.push_str(&format!(
                "<li><code>{}</code> (in {}{required}) {}</li>",
                text(&p["name"]),
                text(&p["in"]),
                text(&p["description"])
            ));
        }
        out.push_str("</ul>");
    }
    if let Some(content) = op["requestBody"]["content"].as_object() {
        out.push_str("<h4>Request body</h4><ul>");
        for (media, c) in content {
            let name = schema_ref(&c["schema"]).unwrap_or_default();
            out.push_str(&format!(
                "<li><code>{}</code> <a href=\"#schema-{name}\">{name}</a></li>",
                esc(media)
            ));
        }
        out.push_str("</ul>");
    }
    if let Some(responses) = op["responses"].as_object() {
        out.push_str("<h4>Responses</h4><ul>");
        for (status, r) in responses {
            let schema = r["content"]
                .as_object()
                .and_then(|c| c.values().next())
                .and_then(|c| schema_ref(&c["schema"]))
                .map(|name| format!(" → <a href=\"#schema-{name}\">{name}</a>"))
                .unwrap_or_default();
            out.push_str(&format!(
                "<li><code>{}</code> {}{schema}</li>",
                esc(status),
                text(&r["description"])
            ));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

/// The API reference page.
pub async fn page() -> Html<String> {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
    let mut out = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>TechPlus API</title><style>body{font-family:system-ui,sans-serif;\
         max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1f1a17}\
         code{background:#f3ede6;padding:0 .25em;border-radius:.25em}\
         .op{border-top:1px solid #d9cfc5;padding-top:1rem}pre{overflow:auto;\
         background:#f3ede6;padding:1rem}</style></head><body><main>",
    );
    out.push_str(&format!(
        "<h1>{} <small>{}</small></h1><p>{}</p>",
        text(&doc["info"]["title"]),
        text(&doc["info"]["version"]),
        text(&doc["info"]["description"])
    ));
    out.push_str(
        "<p>Machine-readable: <a href=\"/api/openapi.json\">/api/openapi.json</a></p>\
         <h2>Endpoints</h2>",
    );
    if let Some(paths) = doc["paths"].as_object() {
        for (path, item) in paths {
            for method in ["get", "post", "put", "delete", "patch"] {
                if item[method].is_object() {
                    operation(&mut out, method, path, &item[method]);
                }
            }
        }
    }
    out.push_str("<h2>Schemas</h2>");
    if let Some(schemas) = doc["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            let json = serde_json::to_string_pretty(schema).unwrap_or_default();
            out.push_str(&format!(
                "<section id=\"schema-{0}\"><h3>{0}</h3><pre>{1}</pre></section>",
                esc(name),
                esc(&json)
            ));
        }
    }
    out.push_str("</main></body></html>");
    Html(out)
}
