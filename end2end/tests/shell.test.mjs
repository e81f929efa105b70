// The app shell in a real browser: server-rendered in the visitor's
// language, hydrated, language switch without reload, navigation, 404.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';

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

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { context, page, errors };
}

test('home page shows the restaurant and its hours from the database, in French by default', async () => {
  const { context, page, errors } = await newPage();
  const res = await page.goto(server.base + '/');
  assert.equal(res.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.getByRole('heading', { level: 1, name: 'Chez Margot' }).waitFor();
  await page.locator('main').getByRole('heading', { name: "Horaires d'ouverture" }).waitFor();
  const hours = page.locator('main dl.hours');
  assert.match(await hours.innerText(), /Mardi/);
  assert.match(await hours.innerText(), /12:00 – 14:30/);
  assert.match(await page.locator('footer').innerText(), /12 rue des Martyrs/);
  await waitForHydration(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an English browser gets the English site', async () => {
  const { context, page } = await newPage({ locale: 'en-GB' });
  await page.goto(server.base + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.locator('main').getByRole('heading', { name: 'Opening hours' }).waitFor();
  await page.getByRole('link', { name: 'Book a table' }).first().waitFor();
  await context.close();
});

test('the language switcher works in place once hydrated, and is remembered', async () => {
  const { context, page, errors } = await newPage();
  await page.goto(server.base + '/');
  await waitForHydration(page);
  // A marker that a full page load would erase.
  await page.evaluate(() => { window.__noReload = 'still here'; });
  await page.getByRole('link', { name: /EN/ }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.locator('main').getByRole('heading', { name: 'Opening hours' }).waitFor();
  assert.equal(await page.evaluate(() => window.__noReload), 'still here', 'no full reload');
  assert.equal(new URL(page.url()).pathname, '/');
  const cookies = await context.cookies();
  assert.equal(cookies.find((c) => c.name === 'i18n_pref_locale')?.value, 'en');
  // A new load of any page keeps English.
  await page.goto(server.base + '/menu');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('heading', { level: 1, name: 'Menu' }).waitFor();
  // And back to French.
  await waitForHydration(page);
  await page.getByRole('link', { name: /FR/ }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  await page.getByRole('heading', { level: 1, name: 'La carte' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language switcher also works without JavaScript', async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false });
  await page.goto(server.base + '/contact');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  await page.getByRole('link', { name: /EN/ }).click();
  await page.waitForURL(server.base + '/contact');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('heading', { level: 1, name: 'Contact and directions' }).waitFor();
  await context.close();
});

test('navigation reaches the menu with dishes from the database', async () => {
  const { context, page } = await newPage({ locale: 'en-US' });
  await page.goto(server.base + '/');
  await waitForHydration(page);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Menu' }).click();
  await page.waitForURL(server.base + '/menu');
  await page.getByText('Braised beef cheek').waitFor();
  await page.getByText('€24.00').waitFor();
  const current = page.getByRole('navigation', { name: 'Main navigation' }).locator('[aria-current="page"]');
  assert.equal(await current.innerText(), 'Menu');
  await context.close();
});

test('an unknown address gets a translated 404 page', async () => {
  const { context, page } = await newPage();
  const res = await page.goto(server.base + '/nulle-part');
  assert.equal(res.status(), 404);
  await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
  await page.getByRole('link', { name: "Retour à l'accueil" }).click();
  await page.getByRole('heading', { level: 1, name: 'Chez Margot' }).waitFor();
  await context.close();
});

test('the skip link is the first stop of the keyboard and moves focus to the content', async () => {
  const { context, page } = await newPage();
  await page.goto(server.base + '/');
  await waitForHydration(page);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.textContent);
  assert.equal(focused, 'Aller au contenu');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash === '#main');
  await context.close();
});

for (const width of [360, 390, 1280]) {
  test(`layout fits a ${width} px wide screen without horizontal scrolling`, async () => {
    const { context, page } = await newPage({ viewport: { width, height: 800 } });
    for (const path of ['/', '/menu', '/contact']) {
      await page.goto(server.base + path);
      await waitForHydration(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px at ${width}px`);
      await screenshot(page, `${path === '/' ? 'home' : path.slice(1)}-${width}`);
    }
    await context.close();
  });
}
