// Guest profiles in a real browser: staff find a guest, keep a tag and a
// note on her profile, and both appear on her next booking (Today and the
// booking's page, with the allergy flag); the list filters by tag; the
// phone form finds her as staff type and fills in her details; axe-core
// and screenshots at 390, 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { serviceDay } from '../lib/booking.mjs';
import { startStaffServer, book, signIn } from '../lib/staff.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.guests@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a note and a guest tag appear on the guest's next booking", async () => {
  const first = serviceDay(1, 4);
  const next = serviceDay(2, 4);
  await book(server, first, '12:30', 'Grace Hopper', { notes: '' });
  const reference = await book(server, next, '19:30', 'Grace Hopper', { notes: '' });
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);

  // Found by part of her name, from the side navigation.
  await page.getByRole('navigation', { name: /./ }).getByRole('link', { name: 'Clients' }).click();
  await page.waitForURL(/\/admin\/guests$/);
  await waitForHydration(page);
  await page.fill('#g-q', 'hopp');
  await page.getByRole('button', { name: 'Chercher', exact: true }).click();
  await page.waitForURL(/q=hopp/);
  const row = page.locator('.guests-table tbody tr');
  await row.first().getByRole('link', { name: 'Grace Hopper' }).waitFor();
  assert.equal(await row.count(), 1);
  await assertAccessible(page, 'admin guests');

  // Her profile: two bookings; a tag and a note kept.
  await row.first().getByRole('link', { name: 'Grace Hopper' }).click();
  await page.waitForURL(/\/admin\/guests\/\d+$/);
  await page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).waitFor();
  assert.match(await page.locator('.facts').first().innerText(), /Réservations\s*2/);
  await page.fill('#guest-tags', 'VIP, allergy');
  await page.fill('#guest-notes', 'Cœliaque : pain sans gluten');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.locator('.status-region').getByText('Les étiquettes et notes du client sont enregistrées.').waitFor();
  const tags = page.locator('.guest-tags').first();
  await tags.getByText('VIP').waitFor();
  assert.match(await tags.innerText(), /Allergie/);
  await assertAccessible(page, 'admin guest profile');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${width} px (${overflow} px)`);
    await screenshot(page, `staff-guest-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Her next booking on Today: the tags, the note, the allergy flag.
  await page.goto(`${server.base}/admin?date=${next}`);
  await waitForHydration(page);
  const card = page.locator(`li.booking-card[data-reference="${reference}"]`);
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /VIP/);
  assert.match(text, /Cœliaque : pain sans gluten/);
  assert.match(await card.locator('.flag-allergy').innerText(), /Allergie/);
  // And on the booking's own page, with the way to her profile.
  await card.getByRole('link', { name: 'Grace Hopper' }).click();
  await page.waitForURL(/\/admin\/reservations\/\d+$/);
  await page.getByRole('link', { name: 'Fiche client' }).waitFor();
  assert.match(await page.locator('.guest-notes').innerText(), /pain sans gluten/);

  // The list keeps only the bookings of guests tagged VIP.
  await page.goto(`${server.base}/admin/reservations?from=${first}&to=${next}&tag=vip`);
  await waitForHydration(page);
  await page.locator(`tr[data-reference="${reference}"]`).waitFor();
  assert.equal(await page.locator('.list-table tbody tr').count(), 2);
  assert.equal(await page.inputValue('#f-tag'), 'vip');

  // On the phone: found as staff type, her details filled in.
  await page.goto(`${server.base}/admin/book`);
  await waitForHydration(page);
  await page.locator('#guest-lookup').pressSequentially('Hopp', { delay: 30 });
  const use = page.getByRole('button', { name: 'Reprendre Grace Hopper' });
  await use.waitFor();
  await assertAccessible(page, 'admin book with lookup');
  await use.click();
  assert.equal(await page.inputValue('#name'), 'Grace Hopper');
  assert.equal(await page.inputValue('#email'), 'gracehopper@example.com');
  assert.equal(await page.inputValue('#phone'), '+33612345678');
  assert.match(await page.locator('.guest-lookup .guest-tags').innerText(), /VIP/);
  await page.fill('#date', serviceDay(3, 4));
  await page.fill('#time', '12:00');
  await page.getByRole('button', { name: 'Réserver', exact: true }).click();
  await page.waitForURL(/\/admin\/reservations\/\d+/);
  await page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).waitFor();
  assert.match(await page.locator('.guest-tags').first().innerText(), /VIP/);

  assert.deepEqual(errors, []);
  await context.close();
});
