// Bookings staff take, in a real browser: a phone booking refused by the
// online rules (a closed day) then made with the override; a walk-in
// seated from an empty cell of today's timeline with a real mouse click;
// axe-core and screenshots at 390, 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { nextMonday } from '../lib/booking.mjs';
import { startStaffServer, signIn } from '../lib/staff.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.taken@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a phone booking beyond the online rules, with the override', async () => {
  const monday = nextMonday(3);
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Nouvelle réservation' }).click();
  await page.waitForURL(/\/admin\/book$/);
  await page.getByRole('heading', { level: 1, name: 'Nouvelle réservation' }).waitFor();

  // Nothing typed: every missing field is named.
  await page.fill('#party_size', '');
  await page.getByRole('button', { name: 'Réserver' }).click();
  const summary = page.locator('#book-errors');
  await summary.waitFor();
  for (const label of ['Date', 'Heure', 'Nom', 'Téléphone']) {
    assert.match(await summary.innerText(), new RegExp(label), `${label} is named`);
  }

  // A private party on the closed Monday: the rules refuse, with why.
  await page.fill('#date', monday);
  await page.fill('#time', '20:00');
  await page.fill('#party_size', '12');
  await page.fill('#name', 'Fête des Martin');
  await page.fill('#phone', '+33 6 55 44 33 22');
  await page.fill('#email', 'martin@example.com');
  await page.getByRole('button', { name: 'Réserver' }).click();
  await page.getByText('Hors des règles en ligne.').waitFor();
  assert.match(await page.locator('.book-staff-form [role="alert"]').first().innerText(), /Fermé/);
  await assertAccessible(page, 'admin book, refused');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${width} px (${overflow} px)`);
    await screenshot(page, `staff-book-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Staff say they go beyond the rules: booked, on the booking's page.
  await page.getByLabel('Dépasser les règles en ligne').check();
  await page.getByRole('button', { name: 'Réserver' }).click();
  await page.waitForURL(/\/admin\/reservations\/\d+\?done=booked$/);
  await page.getByText('La réservation est enregistrée.').waitFor();
  await page.getByRole('heading', { level: 1, name: 'Fête des Martin' }).waitFor();
  const facts = await page.locator('.facts').first().innerText();
  assert.match(facts, /12 personnes/);
  assert.match(facts, /Téléphone/);
  assert.match(await page.locator('.history').innerText(), /Margot · a réservé/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a walk-in seated from an empty cell of the timeline', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await page.goto(`${server.base}/admin/timeline`);
  await waitForHydration(page);
  // A table with nothing on it today, and where "now" is on its row.
  const row = page.locator('.timeline-row[data-table-id]').filter({ hasNot: page.locator('.timeline-block') }).first();
  const tableId = await row.getAttribute('data-table-id');
  const tableName = await row.locator('.timeline-label strong').innerText();
  const [hour, minute] = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date()).split(':').map(Number);
  const label = page.locator('.timeline-hour', { hasText: `${String(hour).padStart(2, '0')}:00` });
  const hourBox = await label.boundingBox();
  const track = await row.locator('.timeline-track').boundingBox();
  const x = hourBox.x + minute * 2 + 3;
  assert.ok(x > track.x && x < 1280, `now is in view (${x})`);
  await page.mouse.click(x, track.y + track.height / 2);
  await page.waitForURL((u) => u.searchParams.get('seat') === tableId);
  const card = page.locator('.seat-card');
  await card.getByRole('heading', { name: new RegExp(`^${tableName} · `) }).waitFor();
  assert.match(await card.innerText(), /Libre pour le reste de la journée|Libre jusqu'à/);
  await assertAccessible(page, 'admin timeline, empty cell');
  await screenshot(page, 'staff-timeline-walk-in-1280');
  await card.locator('#party_size').fill('2');
  await card.getByRole('button', { name: 'Installer les clients' }).click();
  await page.waitForURL((u) => !u.searchParams.has('seat'));
  const seated = page.locator(`.timeline-row[data-table-id="${tableId}"] .timeline-block.status-block-seated`);
  await seated.waitFor();
  assert.match(await seated.innerText(), /2 personnes/);
  assert.deepEqual(errors, []);
  await context.close();
});
