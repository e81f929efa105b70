// Live staff screens and the calendar, in real browsers: a diner books in
// another browser context and the booking appears on the staff's open
// timeline within 2 s, without a reload, and so does the next one; the
// month and week heatmap leads to a day; a connection that dies without a
// word (the server frozen) is said to be lost and comes back by itself.
// axe-core and screenshots at 390, 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { serviceDay, bookThroughWizard } from '../lib/booking.mjs';
import { startStaffServer, book, signIn } from '../lib/staff.mjs';

let server;
let browser;

before(async () => {
  // A ping a second: a silent connection is taken for lost after 3 s.
  server = await startStaffServer('chef.live@example.com', {
    RATE_LIMIT_BOOKING: '500/1h',
    LIVE_PING_SECONDS: '1',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const blockOf = (page, name) => page.locator('.timeline-block', { hasText: name });

test('a booking made by a diner appears on the staff timeline within 2 s', async () => {
  const day = serviceDay(4, 5);
  const staff = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const host = await staff.newPage();
  const errors = watchErrors(host);
  await signIn(host, server);
  await host.goto(`${server.base}/admin/timeline?date=${day}`);
  await waitForHydration(host);
  assert.equal(await blockOf(host, 'Lina Diner').count(), 0);

  // A diner, in another browser, through the wizard.
  const dinerContext = await browser.newContext({ locale: 'fr-FR' });
  const diner = await dinerContext.newPage();
  await bookThroughWizard(diner, server.base, {
    party: 2, date: day, time: '19:30',
    guest: { name: 'Lina Diner', email: 'lina@example.com', phone: '+33 6 98 76 54 32' },
  });
  const booked = Date.now();
  await blockOf(host, 'Lina Diner').waitFor({ timeout: 2_000 });
  const took = Date.now() - booked;
  assert.ok(took <= 2_000, `on the timeline in ${took} ms`);
  console.log(`# booking on the staff timeline ${took} ms after its confirmation page`);
  assert.match(host.url(), new RegExp(`date=${day}$`), 'no reload, no navigation');

  // A second change while the screen is open: heard as well.
  await book(server, day, '20:15', 'Omar Later');
  await blockOf(host, 'Omar Later').waitFor({ timeout: 2_000 });
  assert.deepEqual(errors, []);
  await dinerContext.close();
  await staff.close();
});

test('a connection that goes silent is said to be lost, and catches up when it is back', async () => {
  const day = serviceDay(6, 5);
  const staff = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const host = await staff.newPage();
  const errors = watchErrors(host);
  await signIn(host, server);
  await host.goto(`${server.base}/admin/timeline?date=${day}`);
  await waitForHydration(host);
  const lost = host.locator('.live-status .alert');
  // Pings keep a quiet screen connected.
  await host.waitForTimeout(3_500);
  assert.equal(await lost.count(), 0, 'a quiet connection is not lost');

  // The server freezes: the connection stays open but says nothing.
  server.pause();
  try {
    await lost.waitFor({ timeout: 8_000 });
    assert.match(await lost.innerText(), /connexion/i);
  } finally {
    server.resume();
  }
  // Back by itself, and live again.
  await lost.waitFor({ state: 'detached', timeout: 10_000 });
  await book(server, day, '19:45', 'Nora Back');
  await blockOf(host, 'Nora Back').waitFor({ timeout: 2_000 });
  assert.deepEqual(errors, []);
  await staff.close();
});

test('the calendar shows covers per day and service, and leads to the day', async () => {
  const day = serviceDay(5, 5);
  await book(server, day, '12:30', 'Cal Lunch', { party_size: 4 });
  await book(server, day, '20:00', 'Cal Dinner', { party_size: 3 });
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Calendrier' }).click();
  await page.waitForURL(/\/admin\/calendar$/);
  await page.locator('.calendar-grid').waitFor();
  // The week holding the day, from the query string (bookmarkable).
  await page.goto(`${server.base}/admin/calendar?span=week&date=${day}`);
  await waitForHydration(page);
  const cell = page.locator('td.calendar-cell', { has: page.locator(`a[href="/admin?date=${day}"]`) });
  await cell.waitFor();
  const text = await cell.innerText();
  assert.match(text, /Déjeuner\s*4\/\d+/);
  assert.match(text, /Dîner\s*3\/\d+/);
  assert.match(text, /7 couverts · 2 réservations/);
  await assertAccessible(page, 'admin calendar, week');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling of the page at ${width} px (${overflow} px)`);
    await screenshot(page, `staff-calendar-week-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('link', { name: 'Mois', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('span') === 'month');
  await cell.waitFor();
  await assertAccessible(page, 'admin calendar, month');
  await screenshot(page, 'staff-calendar-month-1280');
  await cell.locator(`a[href="/admin?date=${day}"]`).click();
  await page.waitForURL((u) => u.pathname === '/admin' && u.searchParams.get('date') === day);
  await page.locator('li.booking-card', { hasText: 'Cal Dinner' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
