// The staff's reservations list in a real browser: filters in the query
// string (search, status), pages, a bulk cancellation with a message that
// reaches the guests' e-mails, the CSV export of the filtered set, the
// printable list; the same before hydration (no JavaScript); axe-core and
// screenshots at 390, 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { startStaffServer, book, signIn } from '../lib/staff.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { serviceDay, waitForMailTo } from '../lib/booking.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.list@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const row = (page, reference) => page.locator(`tr[data-reference="${reference}"]`);

async function shownReferences(page) {
  return page.locator('.list-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.reference));
}

test('staff filter the list, cancel several bookings with a message and export them', async () => {
  const day = serviceDay(0, 5);
  const ada = await book(server, day, '19:00', 'Ada Lovelace', { party_size: 4 });
  const bob = await book(server, day, '19:30', 'Bob Martin');
  const cy = await book(server, day, '20:00', 'Cy Twombly', { notes: 'Anniversaire' });

  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Réservations' }).click();
  await page.waitForURL(/\/admin\/reservations$/);
  await page.locator('#page-title').waitFor();

  // The day's bookings, through the filter form: the query string holds
  // the filters.
  await page.fill('#f-from', day);
  await page.fill('#f-to', day);
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await page.waitForURL((u) => u.search.includes(`from=${day}`) && u.search.includes(`to=${day}`));
  await row(page, ada).waitFor();
  assert.deepEqual(await shownReferences(page), [ada, bob, cy]);
  assert.match(await page.locator('.list-summary').innerText(), /Réservations trouvées : 3.*couverts : 8/s);
  await assertAccessible(page, 'admin reservations');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling of the page at ${width} px (${overflow} px)`);
    await screenshot(page, `staff-reservations-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Search and a status filter.
  await page.fill('#f-q', 'twombly');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await page.waitForURL((u) => u.search.includes('q=twombly'));
  await page.waitForFunction(() => document.querySelectorAll('.list-table tbody tr').length === 1);
  assert.deepEqual(await shownReferences(page), [cy]);
  await page.fill('#f-q', '');
  await page.getByLabel('Annulée', { exact: true }).check();
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await page.waitForURL((u) => u.search.includes('status=cancelled'));
  await page.getByText('Aucune réservation ne correspond à ces filtres.').waitFor();
  await page.getByLabel('Annulée', { exact: true }).uncheck();
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await page.waitForURL((u) => !u.search.includes('status='));
  await row(page, ada).waitFor();
  // One service: none of these evening bookings at lunch.
  await page.selectOption('#f-period', 'lunch');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await page.waitForURL((u) => u.search.includes('period=lunch'));
  await page.getByText('Aucune réservation ne correspond à ces filtres.').waitFor();
  await page.selectOption('#f-period', 'dinner');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await page.waitForURL((u) => u.search.includes('period=dinner'));
  await row(page, ada).waitFor();
  assert.deepEqual(await shownReferences(page), [ada, bob, cy]);
  await page.selectOption('#f-period', '');

  // Two bookings cancelled at once, with a message to the guests.
  await page.getByLabel(/^Sélectionner Ada Lovelace/).check();
  await page.getByLabel(/^Sélectionner Bob Martin/).check();
  assert.match(await page.locator('.bulk-controls').innerText(), /Sélectionnées : 2/);
  await page.selectOption('#bulk-action', 'cancel');
  await page.fill('#bulk-message', 'Une fuite en cuisine : toutes nos excuses.');
  await page.getByRole('button', { name: 'Appliquer aux réservations sélectionnées' }).click();
  await page.waitForURL((u) => u.search.includes('done=2'));
  await page.getByText('Réservations modifiées : 2.').waitFor();
  // The list is read again after the action (the previous reading stays
  // on screen until the new one arrives).
  await row(page, ada).filter({ hasText: 'Annulée' }).waitFor();
  assert.match(await row(page, ada).innerText(), /Annulée/);
  assert.match(await row(page, bob).innerText(), /Annulée/);
  assert.doesNotMatch(await row(page, cy).innerText(), /Annulée/);
  const mail = await waitForMailTo(server.mailDir, 'adalovelace@example.com', 'Une fuite en cuisine');
  assert.match(mail, /Message du restaurant/);
  await screenshot(page, 'staff-reservations-bulk-done-1280');

  // The export: the filtered set as CSV, with the session's cookie.
  const href = await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href');
  assert.ok(href.startsWith('/api/admin/reservations.csv?') && href.includes(`from=${day}`), href);
  const res = await context.request.get(`${server.base}${href}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^text\/csv/);
  const csv = await res.text();
  const lines = csv.trim().split('\r\n');
  assert.equal(lines.length, 4, csv);
  assert.ok(lines[1].startsWith(`${ada},${day},19:00,`), lines[1]);
  assert.match(lines[1], /,cancelled,online,/);

  // Printing keeps the table alone.
  await page.getByRole('button', { name: 'Imprimer la liste' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.list-filters').isVisible(), false);
  assert.equal(await page.locator('.admin-nav').isVisible(), false);
  assert.equal(await page.locator('.list-table').isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the list pages through its bookings and works before hydration', async () => {
  const day = serviceDay(1, 5);
  const refs = [];
  for (const [i, time] of ['12:00', '12:15', '12:30', '12:45', '13:00'].entries()) {
    refs.push(await book(server, day, time, `Plain Guest ${'ABCDE'[i]}`));
  }
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server);
  // The filter form is a plain GET form.
  await page.goto(`${server.base}/admin/reservations`);
  await page.fill('#f-from', day);
  await page.fill('#f-to', day);
  await page.fill('#f-q', 'plain guest');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await page.waitForURL((u) => u.search.includes(`from=${day}`));
  assert.deepEqual(await shownReferences(page), refs);

  // A cancellation without JavaScript: the form posts, the browser comes
  // back to the same list with what happened.
  await page.getByLabel(/^Sélectionner Plain Guest A/).check();
  await page.selectOption('#bulk-action', 'no_show');
  await page.getByRole('button', { name: 'Appliquer aux réservations sélectionnées' }).click();
  await page.waitForURL((u) => u.pathname === '/admin/reservations' && u.search.includes('done=1'));
  assert.ok(page.url().includes('q=plain'), page.url());
  assert.match(await row(page, refs[0]).innerText(), /Non honorée/);

  // Pages by cursor: the links keep the filters.
  const url = new URL(page.url());
  url.searchParams.delete('done');
  url.searchParams.delete('refused');
  url.searchParams.set('limit', '2');
  await page.goto(url.toString());
  const seen = [];
  for (let i = 0; i < 5; i += 1) {
    seen.push(...(await shownReferences(page)));
    const next = page.getByRole('link', { name: 'Page suivante' });
    if ((await next.count()) === 0) break;
    await next.click();
    await page.waitForLoadState();
  }
  assert.deepEqual(seen, refs);
  assert.ok(page.url().includes('q=plain') && page.url().includes('after='), page.url());
  await page.getByRole('link', { name: 'Première page' }).click();
  await page.waitForURL((u) => !u.search.includes('after='));
  assert.deepEqual(await shownReferences(page), refs.slice(0, 2));
  await context.close();
});
