// The live floor in a real browser: the host opens it from the side
// navigation, clicks a free table on its plan, seats a
// walk-in there (a mistake first: named, nothing seated), sees the table
// seated, frees it when the guests leave; the same without JavaScript.
// axe-core, and screenshots at 390, 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { startStaffServer, signIn } from '../lib/staff.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.floor@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const tableOn = (page, name) => page.locator(`a.floor-table[data-floor-table="${name}"]`);
const stateOf = (page, name) => tableOn(page, name).getAttribute('data-floor-state');

// Opened from the menu: the plan is drawn by the client (its table links
// must be SVG anchors to be seen and clicked).
test('the host seats a walk-in from the live floor and frees the table', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  await page.locator('.admin-nav').getByRole('link', { name: 'Salle en direct' }).click();
  await page.waitForURL(/\/admin\/floor$/);
  await page.getByRole('heading', { level: 1, name: 'Salle en direct' }).waitFor();
  // The demo room, every table free, said in words.
  assert.equal(await stateOf(page, 'T3'), 'free');
  assert.match(await tableOn(page, 'T3').getAttribute('aria-label'), /^T3( proch\. \d\d:\d\d)? — Libre/);
  assert.match(await page.locator('.floor-legend').innerText(), /Libre\s+15/);
  await assertAccessible(page, 'live floor');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the live floor overflows by ${overflow}px at ${width}px`);
    await screenshot(page, `staff-floor-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // A click on the table opens its card, heading focused.
  await tableOn(page, 'T3').click();
  await page.waitForURL(/\/admin\/floor\?table=\d+$/);
  const heading = page.getByRole('heading', { level: 2, name: 'T3 · Libre' });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'floor-card-heading');

  // A party of nobody: named, nothing seated.
  await page.fill('#party_size', '0');
  await page.getByRole('button', { name: 'Installer les clients' }).click();
  await page.locator('#party_size-error').waitFor();
  assert.equal(await page.locator('#party_size').getAttribute('aria-invalid'), 'true');
  assert.equal(await stateOf(page, 'T3'), 'free');

  // A walk-in of two sits down (T3 seats one or two).
  await page.fill('#party_size', '2');
  await page.fill('#name', 'Zoé Passante');
  await page.getByRole('button', { name: 'Installer les clients' }).click();
  await page.getByRole('heading', { level: 2, name: 'T3 · Installée' }).waitFor();
  assert.equal(await stateOf(page, 'T3'), 'seated');
  assert.match(await page.locator('.floor-card').innerText(), /Zoé Passante/);
  assert.match(await tableOn(page, 'T3').getAttribute('aria-label'), /^T3 0\/\d+′ — Installée, 2 couverts, 0 min sur \d+/);
  await assertAccessible(page, 'live floor, a seated table');
  await screenshot(page, 'staff-floor-seated');

  // They leave: the table is free again.
  await page.locator('.floor-card').getByRole('button', { name: 'Terminé' }).click();
  await page.getByRole('heading', { level: 2, name: 'T3 · Libre' }).waitFor();
  assert.equal(await stateOf(page, 'T3'), 'free');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the live floor works before hydration too', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  // Sign in through the form, without a script.
  await page.goto(`${server.base}/login`);
  await page.fill('#email', server.adminEmail);
  await page.fill('#password', 'une cuisine de saison');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/admin$/);
  await page.goto(`${server.base}/admin/floor`);
  await tableOn(page, 'T4').click();
  await page.getByRole('heading', { level: 2, name: 'T4 · Libre' }).waitFor();
  await page.fill('#party_size', '2');
  await page.getByRole('button', { name: 'Installer les clients' }).click();
  await page.getByRole('heading', { level: 2, name: 'T4 · Installée' }).waitFor();
  assert.equal(await stateOf(page, 'T4'), 'seated');
  await page.locator('.floor-card').getByRole('button', { name: 'Terminé' }).click();
  await page.getByRole('heading', { level: 2, name: 'T4 · Libre' }).waitFor();
  await context.close();
});
