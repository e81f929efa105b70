//! The inline script that starts the WASM client.
//!
//! Every page works before hydration (links, plain forms), so the client
//! must not compete with the page's own HTML and CSS: its files are asked
//! for only once the page has loaded and painted (no `<link rel=preload>`
//! of the client or of the page's chunks in the head, unlike Leptos'
//! `HydrationScripts`). The page's chunks are fetched by the client when it
//! hydrates the route (`__wasm_split.*.js`).

use leptos::prelude::*;

/// Starts the client after the first paint: `load`, then the frame after
/// the next one (a background tab, which paints no frame, starts it when a
/// timer fires instead). A client that fails to load is asked for again.
/// Registers the service worker.
#[cfg(feature = "ssr")]
const LOADER: &str = r#"(function (js, wasm) {
  var started = false;
  function load(tries) {
    import(js).then(function (m) {
      return m.default({ module_or_path: wasm }).then(function () { return m; });
    }).then(function (m) { m.hydrate(); }, function (error) {
      // A file that did not arrive (a dropped connection) is asked for
      // again, a few times; hydrating is never tried twice.
      if (tries > 1) setTimeout(function () { load(tries - 1); }, 1000);
      else throw error;
    });
  }
  function start() {
    if (started) return;
    started = true;
    load(3);
  }
  function afterPaint() {
    requestAnimationFrame(function () { setTimeout(start, 0); });
    setTimeout(start, 1000);
  }
  if (document.readyState === "complete") afterPaint();
  else addEventListener("load", afterPaint, { once: true });
  // The service worker (`/sw.js`): offline pages, the client's files kept.
  // A new version waits until the visitor reloads through the prompt
  // (`layout::UpdatePrompt`), so a page never runs a mix of two versions.
  if ("serviceWorker" in navigator) {
    var asked = false;
    var offer = function (worker) {
      var box = document.getElementById("app-update");
      if (!box || !navigator.serviceWorker.controller) return;
      box.hidden = false;
      box.querySelector("button").onclick = function () {
        asked = true;
        worker.postMessage("skip-waiting");
      };
    };
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (asked) location.reload();
    });
    navigator.serviceWorker.register("/sw.js").then(function (reg) {
      if (reg.waiting) offer(reg.waiting);
      reg.addEventListener("updatefound", function () {
        var worker = reg.installing;
        if (!worker) return;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed") offer(worker);
        });
      });
    }, function () {});
  }
})"#;

/// The client's entry files and the stylesheet (`/pkg/<name>.<hash>.js`,
/// `.wasm` and `.css` when cargo-leptos hashed them: its `hash.txt` lies
/// beside the server binary).
#[cfg(feature = "ssr")]
pub struct ClientFiles {
    pub js: String,
    pub wasm: String,
    pub css: String,
}

#[cfg(feature = "ssr")]
pub fn client_files(options: &LeptosOptions) -> &'static ClientFiles {
    use std::sync::OnceLock;
    static FILES: OnceLock<ClientFiles> = OnceLock::new();
    FILES.get_or_init(|| {
        let pkg = &options.site_pkg_dir;
        let name = &options.output_name;
        let base = format!("/{pkg}/{name}");
        let (mut js, mut wasm, mut css) = (base.clone(), base.clone(), base);
        let hashes = options
            .hash_files
            .then(|| std::env::current_exe().ok())
            .flatten()
            .and_then(|exe| Some(exe.parent()?.join(options.hash_file.as_ref())))
            .and_then(|path| std::fs::read_to_string(path).ok());
        match hashes {
            Some(hashes) => {
                for (file, hash) in hashes.lines().filter_map(|l| l.trim().split_once(':')) {
                    let hashed = |path: &mut String| *path = format!("{path}.{}", hash.trim());
                    match file.trim() {
                        "js" => hashed(&mut js),
                        "wasm" => hashed(&mut wasm),
                        "css" => hashed(&mut css),
                        _ => {}
                    }
                }
            }
            // wasm-bindgen's default name, unless cargo-leptos named it.
            None if option_env!("LEPTOS_OUTPUT_NAME").is_none() => wasm.push_str("_bg"),
            None => {}
        }
        ClientFiles {
            js: format!("{js}.js"),
            wasm: format!("{wasm}.wasm"),
            css: format!("{css}.css"),
        }
    })
}

/// The `<script>` that loads and hydrates the client (server only: the
/// client never renders the document's head).
#[component]
pub fn ClientScript(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        let ClientFiles { js, wasm, .. } = client_files(&options);
        let nonce = leptos::nonce::use_nonce();
        let script = format!("{LOADER}({js:?}, {wasm:?});");
        view! { <script type="module" nonce=nonce>{script}</script> }
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = options;
    }
}
