// The host stand in a real browser: an admin signs in and lands on
// "Today"; a booking made by a diner shows on its day; staff move it
// along the service (arrived → seated → finished), mark a no-show, cancel
// with a confirmation, and are told when a change is refused. Also before
// hydration (no JavaScript), the role guard (a diner is refused, an
// anonymous visitor sent to sign in), axe-core, and screenshots at 390,
// 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { startStaffServer, book, signIn } from '../lib/staff.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { serviceDay } from '../lib/booking.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef@example.com', { RATE_LIMIT_BOOKING: '500/1h', RATE_LIMIT_API: '1000/15m' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const card = (page, reference) => page.locator(`li.booking-card[data-reference="${reference}"]`);

/** Clicks the card's button for `label` (its accessible name starts with it). */
async function tap(page, reference, label) {
  await card(page, reference).getByRole('button', { name: new RegExp(`^${label}`) }).click();
}

async function sectionOf(page, reference) {
  return card(page, reference).evaluate((li) => li.closest('section').className);
}

test('staff run a service from the Today screen', async () => {
  const day = serviceDay(0, 4);
  const ada = await book(server, day, '19:00', 'Ada Lovelace', { notes: 'Allergie aux noix', party_size: 6 });
  const bob = await book(server, day, '19:30', 'Bob Martin');
  const cy = await book(server, day, '20:00', 'Cy Twombly');

  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  assert.equal(await page.locator('.admin-nav a[aria-current="page"]').innerText(), 'Aujourd’hui');
  assert.match(await page.locator('.day-head .eyebrow').textContent(), /Aujourd’hui/);

  // The day of the bookings, through the date form (in the query string).
  await page.fill('#day-date', day);
  await page.getByRole('button', { name: 'Afficher' }).click();
  await page.waitForURL(new RegExp(`/admin\\?date=${day}$`));
  await card(page, ada).waitFor();
  const adaCard = await card(page, ada).innerText();
  assert.match(adaCard, /Ada Lovelace/);
  assert.match(adaCard, /6 personnes/);
  assert.match(adaCard, /Grand groupe/);
  assert.match(adaCard, /Allergie/);
  assert.match(await page.locator('.period-card').filter({ hasText: 'Dîner' }).innerText(), /10 couverts sur/);
  await assertAccessible(page, 'admin today');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `today overflows by ${overflow}px at ${width}px`);
    await screenshot(page, `staff-today-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // The day's shift note: written once, shown to the team with who wrote
  // it, still there after a reload.
  await page.fill('#shift-note', 'Paul est absent.\nPas de turbot ce soir.');
  await page.getByRole('button', { name: 'Enregistrer la note' }).click();
  await page.locator('.shift-note-text').getByText('Pas de turbot ce soir.').waitFor();
  assert.match(await page.locator('.shift-note').innerText(), /Écrite le .* par Margot/);
  await page.reload();
  await page.locator('.shift-note-text').getByText('Paul est absent.').waitFor();
  await waitForHydration(page);

  // Arrived → seated → finished, each announced.
  await tap(page, ada, 'Arrivés');
  await page.locator('.status-region').getByText('Ada Lovelace : Arrivée.').waitFor();
  await page.locator('.day-section-waiting').locator(`[data-reference="${ada}"]`).waitFor();
  await tap(page, ada, 'Installer');
  await page.locator('.day-section-seated').locator(`[data-reference="${ada}"]`).waitFor();
  assert.match(await card(page, ada).innerText(), /À table depuis 0 min sur \d+/);
  await screenshot(page, 'staff-today-seated-1280');
  await tap(page, ada, 'Terminé');
  await page.locator('.day-section-completed').locator(`[data-reference="${ada}"]`).waitFor();
  assert.equal(await card(page, ada).getByRole('button').count(), 0);

  // A no-show, taken back.
  await tap(page, bob, 'Non honorée');
  await page.locator('.day-section-no-shows').locator(`[data-reference="${bob}"]`).waitFor();
  await tap(page, bob, 'Revenir à confirmée');
  await page.locator('.day-section-later').locator(`[data-reference="${bob}"]`).waitFor();

  // Cancelling asks first (keyboard: the summary opens the confirmation).
  const summary = card(page, cy).locator('summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  await card(page, cy).getByText('Le client sera prévenu par e-mail.').waitFor();
  await assertAccessible(page, 'admin today, cancel confirmation open');
  await card(page, cy).locator('details').getByRole('button', { name: /^Confirmer l’annulation/ }).click();
  await page.locator('.day-section-cancelled').locator(`[data-reference="${cy}"]`).waitFor();
  assert.match(await page.locator('.period-card').filter({ hasText: 'Dîner' }).innerText(), /8 couverts sur/);

  // A change made meanwhile elsewhere is refused with the reason. Staff
  // are in a field, so the screen waits to show the change (live updates
  // never move a card under a hand that is typing); the tap is refused.
  await page.locator('.day-section-later').locator(`[data-reference="${bob}"]`).waitFor();
  await page.locator('#day-date').focus();
  const { body: today } = await fetchDay(page, day);
  const bobId = today.reservations.find((r) => r.reference === bob).id;
  await page.evaluate(async (id) => {
    await fetch(`/api/admin/reservations/${id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'cancelled' }),
    });
  }, bobId);
  await page.waitForTimeout(1_500);
  assert.equal(await page.locator('.day-section-later').locator(`[data-reference="${bob}"]`).count(), 1,
    'the change waits while staff are in a field');
  await tap(page, bob, 'Arrivés');
  await page.locator('.status-region [role="alert"]').getByText(/ne permet pas ce changement/).waitFor();
  await page.locator('.day-section-cancelled').locator(`[data-reference="${bob}"]`).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

/** Polls `check` (up to 10 s) until it is true. */
async function until(check, what) {
  for (let i = 0; i < 100; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out: ${what}`);
}

async function fetchDay(page, day) {
  return page.evaluate(async (date) => {
    const res = await fetch(`/api/admin/day?date=${date}`, { headers: { accept: 'application/json' } });
    return { status: res.status, body: await res.json() };
  }, day);
}

test('the Today screen works before hydration (no JavaScript)', async () => {
  const day = serviceDay(1, 4);
  const dee = await book(server, day, '12:30', 'Dee Plain');
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server);
  await page.goto(`${server.base}/admin?date=${day}`);
  await tap(page, dee, 'Arrivés');
  await page.waitForURL(new RegExp(`/admin\\?date=${day}`));
  await page.locator('.day-section-waiting').locator(`[data-reference="${dee}"]`).waitFor();
  await tap(page, dee, 'Installer');
  await page.locator('.day-section-seated').locator(`[data-reference="${dee}"]`).waitFor();
  await context.close();
});

// A screen drawn by the server and then hydrated: a mismatch between the
// two stops the page's scripts (the settings screen did, its audit log's
// own Transition inside the screen's).
test('every staff screen opened directly hydrates, with no error', async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  for (const path of ['/admin', '/admin/timeline', '/admin/reservations', '/admin/calendar', '/admin/book',
    '/admin/guests', '/admin/floor', '/admin/tables', '/admin/menu', '/admin/settings', '/admin/team', '/admin/payments']) {
    await page.goto(server.base + path);
    await waitForHydration(page);
    assert.deepEqual(errors, [], `${path} hydrates without an error`);
  }
  await context.close();
});

test('the back office is for staff: a diner is refused, a visitor sent to sign in', async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.base}/admin`);
  await page.waitForURL(/\/login$/);

  // A diner with an account.
  const email = 'diner.staffpage@example.com';
  const res = await page.evaluate(async (email) => {
    const r = await fetch('/api/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, name: 'Diner', password: 'un mot de passe assez long' }),
    });
    return r.status;
  }, email);
  assert.ok(res === 201 || res === 202, `register: ${res}`);
  await page.goto(`${server.base}/login`);
  await page.fill('#email', email);
  await page.fill('#password', 'un mot de passe assez long');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/account/);
  errors.expectRefusal('/admin');
  const refused = await page.goto(`${server.base}/admin`);
  assert.equal(refused.status(), 403);
  assert.match(await page.locator('h1').innerText(), /Accès refusé/);
  assert.equal(await page.locator('.admin-nav').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** The timeline row of a table, by its name. */
function row(page, name) {
  return page.locator('.timeline-row[data-table-id]').filter({ has: page.locator('.timeline-label strong', { hasText: new RegExp(`^${name}$`) }) });
}

function block(page, id) {
  return page.locator(`.timeline-block[data-reservation-id="${id}"]`);
}

/** Drags with the real mouse from the block's left part to `to` (x, y). */
async function drag(page, id, dx, target) {
  const from = await block(page, id).boundingBox();
  const onto = await target.boundingBox();
  const x0 = from.x + 12;
  const y0 = from.y + from.height / 2;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x0 + dx / 2, (y0 + onto.y + onto.height / 2) / 2, { steps: 5 });
  await page.mouse.move(x0 + dx, onto.y + onto.height / 2, { steps: 5 });
}

test('staff drag bookings on the timeline with a real mouse, and move them by keyboard', async () => {
  const day = serviceDay(2, 4);
  const eve = await book(server, day, '19:00', 'Eve Adams');
  const fay = await book(server, day, '19:00', 'Fay Brown');
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await page.locator('.admin-nav').getByRole('link', { name: 'Plan horaire' }).click();
  await page.waitForURL(/\/admin\/timeline$/);
  await page.goto(`${server.base}/admin/timeline?date=${day}`);
  await waitForHydration(page);
  const { body } = await fetchDay(page, day);
  const id = (ref) => body.reservations.find((r) => r.reference === ref).id;
  const [eveId, fayId] = [id(eve), id(fay)];
  await block(page, eveId).waitFor();
  await assertAccessible(page, 'admin timeline');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `timeline overflows the page by ${overflow}px at ${width}px`);
    await screenshot(page, `staff-timeline-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Eve to T8, half an hour later (60 px): a ghost shows where it lands.
  await drag(page, eveId, 60, row(page, 'T8'));
  await row(page, 'T8').locator('.timeline-ghost').getByText('19:30–').waitFor();
  await screenshot(page, 'staff-timeline-dragging-1280');
  await page.mouse.up();
  await row(page, 'T8').locator(`[data-reservation-id="${eveId}"]`).waitFor();
  await page.reload();
  await waitForHydration(page);
  await row(page, 'T8').locator(`[data-reservation-id="${eveId}"]`).waitFor();
  const moved = (await fetchDay(page, day)).body.reservations.find((r) => r.id === eveId);
  assert.equal(moved.time, '19:30');
  assert.deepEqual(moved.table_names, ['T8']);

  // Fay onto Eve's table and time: refused with the reason, back in place.
  const fayRow = await block(page, fayId).evaluate((b) => b.closest('[data-table-id]').dataset.tableId);
  await drag(page, fayId, 60, row(page, 'T8'));
  await page.mouse.up();
  await page.locator('.status-region [role="alert"]').getByText(/Une autre réservation occupe cette table/).waitFor();
  await page.locator(`.timeline-row[data-table-id="${fayRow}"] [data-reservation-id="${fayId}"]`).waitFor();
  assert.equal((await fetchDay(page, day)).body.reservations.find((r) => r.id === fayId).time, '19:00');

  // Resize Eve by dragging her right edge 30 minutes further (the
  // timeline scrolls in its own box: bring the edge into view first).
  await block(page, eveId).locator('.timeline-resize').scrollIntoViewIfNeeded();
  const edge = await block(page, eveId).locator('.timeline-resize').boundingBox();
  assert.ok(edge.x + edge.width + 60 < 1280, `the edge is in view (${edge.x})`);
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2 + 60, edge.y + edge.height / 2, { steps: 6 });
  await page.mouse.up();
  await until(async () => {
    const now = (await fetchDay(page, day)).body.reservations.find((r) => r.id === eveId);
    return now.duration_minutes === moved.duration_minutes + 30;
  }, 'Eve resized by 30 minutes');

  // "Move to…" with the keyboard: Fay to T7 at 20:00.
  await block(page, fayId).locator('a').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`move=${fayId}`));
  await page.locator('#move-heading').waitFor();
  await assertAccessible(page, 'admin timeline, move form');
  const t7 = await row(page, 'T7').getAttribute('data-table-id');
  await page.selectOption('#move-table', t7);
  await page.fill('#move-time', '20:00');
  await page.locator('#move-time').press('Enter');
  await page.waitForURL(new RegExp(`/admin/timeline\\?date=${day}$`));
  await row(page, 'T7').locator(`[data-reservation-id="${fayId}"]`).waitFor();
  assert.equal((await fetchDay(page, day)).body.reservations.find((r) => r.id === fayId).time, '20:00');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"Move to…" works before hydration (no JavaScript)', async () => {
  const day = serviceDay(3, 4);
  const gus = await book(server, day, '12:00', 'Gus Plain');
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server);
  await page.goto(`${server.base}/admin/timeline?date=${day}`);
  const link = page.locator('.timeline-block a').filter({ hasText: 'Gus Plain' });
  await link.click();
  await page.locator('#move-heading').waitFor();
  await page.fill('#move-time', '13:00');
  await page.getByRole('button', { name: 'Déplacer', exact: true }).click();
  await page.waitForURL(new RegExp(`/admin/timeline\\?date=${day}$`));
  assert.match(await page.locator('.timeline-block').filter({ hasText: 'Gus Plain' }).innerText(), /13:00/);
  await context.close();
  assert.ok(gus);
});
