// The site's service worker, served at /sw.js by `server::pwa` with this
// build's version in VERSION (a new build is a new worker).
//
// - /pkg/* files whose name carries a content hash: cache first (a name
//   never changes meaning).
// - Pages the server marks as the same for everyone (`x-shared-page`, never
//   a page of a signed-in visitor or one that needs sign-in): network first,
//   the last copy when the network fails. Any other page that fails shows
//   the offline page.
// - /api (the JSON API and the server functions), other methods than GET,
//   other origins: never touched, never kept.
// - A new version installs beside the running one and waits: the page
//   offers a reload (`skip-waiting`), so no page runs two versions' code.
const VERSION = "__VERSION__";
const FILES = "techplus-files-" + VERSION;
const PAGES = "techplus-pages-" + VERSION;
const OFFLINE = "/offline";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(PAGES)
      .then((cache) =>
        fetch(new Request(OFFLINE, { credentials: "omit", cache: "reload" })).then((res) => {
          if (!res.ok) throw new Error("offline page: " + res.status);
          return cache.put(OFFLINE, res);
        }),
      ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith("techplus-") && k !== FILES && k !== PAGES)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

// `name.<22 characters of base64url>.ext`, as cargo-leptos hashes files.
const HASHED = /\.[A-Za-z0-9_-]{22}\.[a-z0-9]+$|\/[A-Za-z0-9_-]{22}\.[a-z0-9]+$/;

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname === "/api") return;
  if (url.pathname.startsWith("/pkg/")) {
    if (HASHED.test(url.pathname)) event.respondWith(cacheFirst(request));
    return;
  }
  if (request.mode === "navigate") event.respondWith(page(request));
});

async function cacheFirst(request) {
  const cache = await caches.open(FILES);
  const kept = await cache.match(request);
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok && res.type === "basic") await cache.put(request, res.clone());
  return res;
}

async function page(request) {
  const cache = await caches.open(PAGES);
  try {
    const res = await fetch(request);
    if (res.ok && res.type === "basic" && !res.redirected && res.headers.get("x-shared-page") === "1") {
      await cache.put(request, res.clone());
    }
    return res;
  } catch (error) {
    return (await cache.match(request)) || (await cache.match(OFFLINE)) || Response.error();
  }
}
