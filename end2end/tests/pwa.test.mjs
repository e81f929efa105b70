// The installable app in a real browser: the manifest and its icons, the
// service worker taking control, pages kept for offline use (the shared
// ones only), the offline page, /api never answered from a cache, and a new
// version offered as a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { assertAccessible } from '../lib/a11y.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ TECHPLUS_RELEASE: 'first' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens `path` and waits until the service worker controls the page. */
async function controlled(context, path) {
  const page = await context.newPage();
  await page.goto(server.base + path);
  await waitForHydration(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  return page;
}

test('the manifest names the restaurant, its icons exist at their sizes, and the page links it', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(server.base + '/');
  const href = await page.getAttribute('link[rel="manifest"]', 'href');
  // Asked for by the page, as the browser does (its language with it).
  const { status, type, manifest } = await page.evaluate(async (url) => {
    const res = await fetch(url);
    return { status: res.status, type: res.headers.get('content-type'), manifest: await res.json() };
  }, href);
  assert.equal(status, 200);
  assert.equal(type, 'application/manifest+json');
  assert.equal(manifest.name, 'Chez Margot');
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.display, 'standalone');
  assert.deepEqual(manifest.shortcuts.map((s) => s.url), ['/book', '/admin']);
  assert.equal(manifest.shortcuts[0].name, 'Book a table');
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    // The browser decodes each icon at the size the manifest says.
    const size = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      return `${img.naturalWidth}x${img.naturalHeight}`;
    }, icon.src);
    assert.equal(size, icon.sizes, icon.src);
  }
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable'));
  await context.close();
});

test('offline: kept pages come back, others show the offline page, /api is never served from a cache', async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await controlled(context, '/');
  // Online, under the worker: the menu is kept, /api is asked for.
  await page.goto(server.base + '/menu');
  await page.getByRole('heading', { level: 1, name: 'La carte' }).waitFor();
  const online = await page.evaluate(async () => (await fetch('/api/openapi.json')).status);
  assert.equal(online, 200);
  await page.goto(server.base + '/login');
  await page.getByRole('heading', { level: 1 }).waitFor();

  await context.setOffline(true);
  await page.goto(server.base + '/menu');
  await page.getByRole('heading', { level: 1, name: 'La carte' }).waitFor();
  // Never visited: the offline page, in the visitor's language.
  await page.goto(server.base + '/contact');
  await page.getByRole('heading', { level: 1, name: 'Vous êtes hors ligne' }).waitFor();
  await screenshot(page, 'pwa-offline-360');
  // A page that is not the same for everyone (sign-in) is never kept.
  await page.goto(server.base + '/login');
  await page.getByRole('heading', { level: 1, name: 'Vous êtes hors ligne' }).waitFor();
  const offlineApi = await page.evaluate(async () => {
    try {
      const res = await fetch('/api/openapi.json');
      return `answered ${res.status}`;
    } catch {
      return 'failed';
    }
  });
  assert.equal(offlineApi, 'failed', '/api must not come from a cache');
  const kept = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    }
    return urls;
  });
  assert.ok(kept.includes('/menu') && kept.includes('/offline'), JSON.stringify(kept));
  assert.ok(!kept.some((u) => u.startsWith('/api') || u === '/login'), JSON.stringify(kept));
  await context.setOffline(false);
  await context.close();
});

test('the offline page has no accessibility violation, at 360 px too', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(server.base + '/offline');
  await waitForHydration(page);
  await page.getByRole('heading', { level: 1, name: 'You are offline' }).waitFor();
  await assertAccessible(page, 'offline page');
  await context.close();
});

test('a new version is offered as a reload, and reloading runs it', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 768, height: 1024 } });
  const page = await controlled(context, '/');
  const before = await page.evaluate(async () => (await navigator.serviceWorker.ready).active.scriptURL);
  assert.match(before, /\/sw\.js$/);
  const prompt = page.locator('#app-update');
  assert.equal(await prompt.isVisible(), false, 'no prompt while nothing new is waiting');

  // The same origin, a new release.
  await server.stop();
  server = await startServer({ TECHPLUS_RELEASE: 'second' }, { port: server.port });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await prompt.getByText('A new version of the site is ready.').waitFor({ timeout: 15_000 });
  await assertAccessible(page, 'update prompt');
  await screenshot(page, 'pwa-update-768');
  const oldVersion = await page.evaluate(async () => {
    const names = await caches.keys();
    return names.find((n) => n.startsWith('techplus-pages-'));
  });
  await Promise.all([
    page.waitForEvent('load'),
    prompt.getByRole('button', { name: 'Reload' }).click(),
  ]);
  await waitForHydration(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The old version's caches go with it (once the new one has activated).
  let names = [];
  for (let i = 0; i < 50; i++) {
    names = await page.evaluate(async () => caches.keys());
    if (!names.includes(oldVersion)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(oldVersion && !names.includes(oldVersion), `${oldVersion} removed: ${names}`);
  assert.equal(await page.locator('#app-update').isVisible(), false);
  await context.close();
});
