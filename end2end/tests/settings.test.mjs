// The settings in a real browser: an admin changes a service's hours (a
// form with mistakes first: each named, nothing changed), sees the
// bookings left outside the new hours (none cancelled), closes a day (off
// the diners' availability at once) and opens it again, changes the
// booking rules, and reads every change in the audit log; a closure is
// removed before hydration too. axe-core, and screenshots at 390, 768 and
// 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { startStaffServer, signIn, book } from '../lib/staff.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.settings@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A Thursday at least `days` ahead, away from the demo's end-of-year exceptions. */
function thursday(days) {
  const d = new Date(Date.now() + days * 86400e3);
  for (;;) {
    d.setUTCDate(d.getUTCDate() + ((4 - d.getUTCDay() + 7) % 7));
    const iso = d.toISOString().slice(0, 10);
    const md = iso.slice(5);
    if (!(md >= '12-24' && md <= '12-26') && md !== '12-31') return iso;
    d.setUTCDate(d.getUTCDate() + 1);
  }
}

/** The times offered online to two guests on `date`. */
async function offered(page, date) {
  const res = await page.request.get(`${server.base}/api/availability?date=${date}&party_size=2`);
  assert.equal(res.status(), 200);
  const body = await res.json();
  return body.slots.filter((s) => s.available).map((s) => s.time);
}

test('an admin changes the hours, closes a day, changes the rules, reads the log', async () => {
  const day = thursday(8);
  // A dinner guest at 19:30: outside the later hours set below.
  const ref = await book(server, day, '19:30', 'Ada Lovelace');
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  await page.locator('.admin-nav').getByRole('link', { name: 'Réglages' }).click();
  await page.waitForURL(/\/admin\/settings$/);
  await page.getByRole('heading', { level: 1, name: 'Réglages' }).waitFor();
  const hours = page.locator('section#hours');
  const dinner = hours.locator('tr[data-day="thursday"][data-service="dinner"]');
  assert.match(await dinner.innerText(), /19:00/);
  assert.equal(await page.locator('section#outside').count(), 0);
  await assertAccessible(page, 'admin settings');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the settings screen overflows by ${overflow}px at ${width}px`);
    await screenshot(page, `staff-settings-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Mistakes: no day ticked, the last seating before opening. Each named;
  // nothing changes.
  await page.selectOption('#hours-service', 'dinner');
  await page.fill('#hours-opens', '21:00');
  await page.fill('#hours-last-seating', '20:00');
  await page.fill('#hours-closes', '23:00');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  const summary = page.locator('#hours-errors');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Cochez au moins un jour/);
  assert.match(await page.locator('#hours-form').innerText(), /La dernière arrivée ne peut pas précéder l’ouverture/);
  await assertAccessible(page, 'admin settings, hours form with errors');
  assert.match(await dinner.innerText(), /19:00/);

  // Later Thursday dinners: the 19:30 guest is listed, not cancelled.
  await page.check('#hours-thursday');
  await page.fill('#hours-opens', '20:00');
  await page.fill('#hours-last-seating', '21:00');
  await page.fill('#hours-interval', '30');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await page.locator('.status-region').getByText(/Les horaires sont enregistrés/).waitFor();
  await dinner.filter({ hasText: '20:00' }).waitFor();
  const outside = page.locator('section#outside');
  await outside.waitFor();
  assert.match(await outside.innerText(), new RegExp(ref));
  assert.match(await outside.innerText(), /Rien n’a été annulé/);
  const times = await offered(page, day);
  assert.ok(times.includes('20:30') && !times.includes('19:30'), times.join(' '));
  await screenshot(page, 'staff-settings-outside');

  // Back to 19:00: nobody outside any more.
  await page.check('#hours-thursday');
  await page.selectOption('#hours-service', 'dinner');
  await page.fill('#hours-opens', '19:00');
  await page.fill('#hours-last-seating', '22:00');
  await page.fill('#hours-closes', '23:00');
  await page.fill('#hours-interval', '15');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await dinner.filter({ hasText: '19:00' }).waitFor();
  await outside.waitFor({ state: 'detached' });

  // A closed day: off the diners' availability at once.
  const exceptions = page.locator('section#exceptions');
  await page.check('#exception-kind-closed');
  await page.fill('#exception-from', day);
  await page.fill('#exception-note', 'Travaux');
  await page.getByRole('button', { name: 'Ajouter l’exception' }).click();
  const closure = exceptions.locator('tr', { hasText: 'Travaux' });
  await closure.waitFor();
  assert.deepEqual(await offered(page, day), []);
  await outside.waitFor();

  // The rules: a larger party online.
  await page.fill('#rules-max-party', '10');
  await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
  await page.locator('.status-region').getByText(/Les règles de réservation sont enregistrées/).waitFor();

  // The log, newest first: the rules, the closure, the hours twice.
  const log = page.locator('section#audit tbody tr');
  await log.nth(3).waitFor();
  assert.match(await log.nth(0).innerText(), /Règles de réservation[\s\S]*8[\s\S]*10/);
  assert.match(await log.nth(1).innerText(), /Exception/);
  assert.match(await log.nth(2).innerText(), /Horaires d’ouverture[\s\S]*20:00[\s\S]*19:00/);
  assert.match(await log.nth(0).innerText(), /Margot/);
  await assertAccessible(page, 'admin settings after changes');
  assert.deepEqual(errors, []);
  await context.close();

  // Before hydration: the closure is removed, the day offered again.
  const plain = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const noJs = await plain.newPage();
  await signIn(noJs, server);
  await noJs.goto(`${server.base}/admin/settings`);
  await noJs.locator('section#exceptions tr', { hasText: 'Travaux' }).getByRole('button', { name: /Supprimer/ }).click();
  await noJs.waitForURL(/\/admin\/settings\?done=exception_removed$/);
  assert.match(await noJs.locator('.status-region').innerText(), /L’exception est supprimée/);
  assert.equal(await noJs.locator('section#exceptions tr', { hasText: 'Travaux' }).count(), 0);
  assert.ok((await offered(noJs, day)).includes('19:30'));
  await plain.close();
});

test('a Sunday brunch is offered to diners under its name, in either language', async () => {
  // The Sunday after the test's Thursday.
  const sunday = new Date(`${thursday(8)}T12:00:00Z`);
  sunday.setUTCDate(sunday.getUTCDate() + 3);
  const day = sunday.toISOString().slice(0, 10);
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await page.goto(`${server.base}/admin/settings`);
  await waitForHydration(page);
  await page.selectOption('#hours-service', 'brunch');
  await page.check('#hours-sunday');
  await page.fill('#hours-opens', '09:30');
  await page.fill('#hours-last-seating', '10:30');
  await page.fill('#hours-closes', '11:30');
  await page.fill('#hours-interval', '30');
  await page.getByRole('button', { name: 'Enregistrer les horaires' }).click();
  await page.locator('.status-region').getByText(/Les horaires sont enregistrés/).waitFor();
  const row = page.locator('section#hours tr[data-day="sunday"][data-service="brunch"]');
  await row.waitFor();
  assert.match(await row.innerText(), /Brunch[\s\S]*09:30[\s\S]*10:30[\s\S]*11:30/);
  assert.match(await page.locator('section#audit tbody tr').first().innerText(), /Dimanche – Brunch/);
  assert.deepEqual(errors, []);
  await context.close();

  // A diner picks a time under the brunch's own heading.
  for (const [locale, name] of [['fr-FR', 'Brunch'], ['en-GB', 'Brunch']]) {
    const diner = await browser.newContext({ locale });
    const booking = await diner.newPage();
    await booking.goto(`${server.base}/book?party=2&date=${day}`);
    const heading = booking.locator('h3#period-brunch');
    await heading.waitFor();
    assert.equal(await heading.innerText(), name);
    const times = await booking.locator('ul[aria-labelledby="period-brunch"]').innerText();
    assert.match(times, /09:30[\s\S]*10:00[\s\S]*10:30/);
    await diner.close();
  }
});
