// What a diner's phone downloads: each page loads the shell's WASM and its
// own chunk only (never the staff screens' code), within the budget; a
// client-side navigation fetches the next page's chunk and works; the
// hashed files come from the browser's cache on the next visit.
//
// The budget is counted on the gzip files of a release build
// (`--release --precompress`, written again by zopfli, as scripts/test builds):
// deterministic byte counts, not timings. Set TECHPLUS_BUDGET=skip to run
// the rest of the suite against a debug build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, waitForHydration, repoRoot } from '../lib/harness.mjs';

/**
 * Initial WASM of a diner's page, gzip, in bytes. The goal is 250 KB for
 * both (issue 10); until the shell is that small these ceilings, a few KB
 * above what the pages load today, stop anyone from growing them.
 *
 * Raised from 315 / 425 KB when the back office's screens (Today, timeline,
 * reservations list) came: their code stays in staff chunks, but
 * leptos_i18n compiles every key of both languages into the shell (/ and
 * /book then loaded 320 / 432 KB). Loading the staff's texts with their
 * screens needs leptos_i18n's `dynamic_load`; until then, new staff texts
 * cost every page.
 *
 * Raised again from 325 / 440 KB with the menu's photos and filters, the
 * restaurant's gallery on the home page and the kit they share with the
 * staff screens: / and /book load 339,787 / 445,453 bytes (28 and 52
 * files: the splitter puts code shared by several pages in chunks of
 * their own) while the shell itself went down (307 -> 302 KB). Bringing
 * the pages back under these ceilings (fewer, larger chunks; the staff's
 * texts out of the shell) is open work, not done.
 *
 * Raised from 450 KB for /book with payments (issue 13): the review
 * step's payment terms, and the staff's payment texts in the shell
 * (/book loaded 454,282 bytes before the payments screen). The staff's
 * texts out of the shell (leptos_i18n's `dynamic_load`) is the next step
 * of issue 14's "measured, not guessed".
 */
/*
 * Raised from 345 / 462 KB with issue 14's first steps, a regression
 * measured and not yet undone: / loads 397,910 bytes (57 files), /book
 * 483,358 (82 files). The public pages' head (canonical, hreflang, Open
 * Graph: leptos_meta components, hydrated), the JSON-LD (serde_json's
 * `json!` in the client), the lightbox and the texts of the about page,
 * the contact form, the offline page and the staff's messages screen
 * (in the shell, as above). Rendering the head and the JSON-LD on the
 * server only and the staff's texts out of the shell are the next steps
 * of issue 14; these ceilings come down with them.
 */
/*
 * Raised for / from 405 KB with the home page's next free times, today in
 * the hours and the menu preview (issue 14): / loads 445,338 bytes (74
 * files; 453,761 before the preview was made plain), /book 487,325 (88
 * files). The JSON-LD is now written on the server only; what the home
 * page added is mostly code it now shares with the booking wizard (the
 * dates' words, the wizard's kit), which the splitter puts in chunks that
 * / now loads too. Fewer, larger chunks and the staff's texts out of the
 * shell are the open work that brings these ceilings down.
 */
const BUDGET = { '/': 450_000, '/book': 490_000 };
const pkgDir = join(repoRoot, 'target', 'site', 'pkg');
const skipBudget = process.env.TECHPLUS_BUDGET === 'skip';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens `path` in a fresh context; returns the page and the WASM files it fetched. */
async function open(context, path) {
  const page = await context.newPage();
  const wasm = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('.wasm')) wasm.push(url.pathname);
  });
  const res = await page.goto(server.base + path);
  assert.equal(res.status(), 200);
  await waitForHydration(page);
  return { page, wasm };
}

function gzipBytes(pathname) {
  const file = join(pkgDir, pathname.replace(/^\/pkg\//, '') + '.gz');
  assert.ok(existsSync(file), `${file} is missing: build with --release --precompress`);
  return statSync(file).size;
}

for (const path of ['/', '/book']) {
  test(`${path} loads its own WASM within ${BUDGET[path] / 1000} KB gzip, and no staff code`, async (t) => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const { wasm } = await open(context, path);
    assert.ok(wasm.length >= 1, 'the page loads the client');
    for (const file of wasm) {
      assert.doesNotMatch(file, /admin|staff/i, `${path} must not load ${file}`);
    }
    if (skipBudget) {
      t.diagnostic('budget not checked (TECHPLUS_BUDGET=skip)');
    } else {
      const total = wasm.reduce((sum, f) => sum + gzipBytes(f), 0);
      t.diagnostic(`${path}: ${wasm.length} WASM file(s), ${total} bytes gzip: ${wasm.join(', ')}`);
      assert.ok(total <= BUDGET[path], `${path} loads ${total} bytes of WASM (gzip), over ${BUDGET[path]}`);
    }
    await context.close();
  });
}

test('the client is fetched after the page has loaded and painted, not before', async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  for (const path of ['/', '/book']) {
    const { page } = await open(context, path);
    const html = await (await page.request.get(server.base + path)).text();
    assert.doesNotMatch(html, /<link[^>]*rel="(?:module)?preload"[^>]*\/pkg\//, `${path} preloads no client file`);
    const { loaded, client } = await page.evaluate(() => ({
      loaded: performance.getEntriesByType('navigation')[0].loadEventEnd,
      client: performance
        .getEntriesByType('resource')
        .filter((r) => /\/pkg\/.*\.(wasm|js)$/.test(new URL(r.name).pathname))
        .map((r) => ({ name: r.name, start: r.startTime })),
    }));
    assert.ok(client.length >= 2, `${path} loads the client: ${JSON.stringify(client)}`);
    for (const r of client) {
      assert.ok(r.start >= loaded, `${r.name} asked for at ${r.start} ms, before load ended (${loaded} ms)`);
    }
    await page.close();
  }
  await context.close();
});

test('a client-side navigation loads the next page\'s chunk, and the next visit uses the cache', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const { page, wasm } = await open(context, '/');
  const first = new Set(wasm);
  await page.getByRole('link', { name: 'Book a table' }).first().click();
  await page.waitForURL(/\/book$/);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: /book/i }).waitFor();
  const fetchedForBook = wasm.filter((f) => !first.has(f));
  assert.ok(fetchedForBook.length >= 1, `the booking page's own chunk is fetched on the way: ${wasm}`);

  // A second visit: the shell's WASM (a hashed name, cached as immutable)
  // comes from the browser's cache or the service worker's, without asking
  // the server.
  const again = await context.newPage();
  const cdp = await context.newCDPSession(again);
  await cdp.send('Network.enable');
  const seen = new Map();
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => {
    if (new URL(request.url).pathname.endsWith('.wasm')) seen.set(requestId, { url: request.url, cached: false });
  });
  cdp.on('Network.requestServedFromCache', ({ requestId }) => {
    if (seen.has(requestId)) seen.get(requestId).cached = true;
  });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    if (seen.has(requestId) && (response.fromDiskCache || response.fromServiceWorker)) {
      seen.get(requestId).cached = true;
    }
  });
  await again.goto(server.base + '/');
  await waitForHydration(again);
  const shell = [...seen.values()].filter((r) => first.has(new URL(r.url).pathname));
  assert.ok(shell.length >= 1, 'the shell is loaded again');
  for (const r of shell) assert.ok(r.cached, `${r.url} comes from the cache: ${JSON.stringify([...seen.values()])}`);
  await context.close();
});
