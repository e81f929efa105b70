// One reservation in full for staff, in a real browser: reached from the
// list, an internal note, a change refused then made (the history says
// from → to), the confirmation e-mail sent again, a cancellation with a
// reason and a message that reaches the guest; a note without JavaScript;
// axe-core and screenshots at 390, 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { serviceDay, waitForMailTo } from '../lib/booking.mjs';
import { startStaffServer, book, signIn } from '../lib/staff.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.details@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const status = (page) => page.locator('.status-region');

test('staff read, annotate, change, re-send and cancel one reservation', async () => {
  const day = serviceDay(2, 5);
  const reference = await book(server, day, '19:00', 'Grace Hopper');
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await page.goto(`${server.base}/admin/reservations?from=${day}&to=${day}`);
  await waitForHydration(page);
  await page.locator(`tr[data-reference="${reference}"]`).getByRole('link', { name: 'Grace Hopper' }).click();
  await page.waitForURL(/\/admin\/reservations\/\d+$/);
  await page.getByRole('heading', { level: 1, name: 'Grace Hopper' }).waitFor();
  const facts = page.locator('.facts').first();
  assert.match(await facts.innerText(), /19:00–/);
  assert.match(await page.locator('.history').innerText(), /Le client · a réservé/);

  // An internal note, signed.
  await page.fill('#note-text', 'Habituée : aime la table près de la fenêtre');
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await status(page).getByText('La note est ajoutée.').waitFor();
  assert.match(await page.locator('.internal-notes').innerText(), /près de la fenêtre\s*Margot ·/);

  // Forty guests at her table: refused, nothing changed.
  await page.fill('#change-party', '40');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await status(page).getByRole('alert').waitFor();
  assert.match(await facts.innerText(), /2 personnes/);
  // Half past eight: changed, and the history says from → to.
  await page.fill('#change-party', '2');
  await page.fill('#change-time', '20:30');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await status(page).getByText('La réservation est modifiée.').waitFor();
  await page.waitForFunction(() => /20:30–/.test(document.querySelector('.facts').innerText));
  const history = await page.locator('.history').innerText();
  assert.match(history, /Margot · a modifié la réservation/);
  assert.match(history, new RegExp(`Date et heure ?: ${day} 19:00\\s*→\\s*devient\\s*${day} 20:30`));

  await assertAccessible(page, 'admin reservation');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${width} px (${overflow} px)`);
    await screenshot(page, `staff-reservation-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // The confirmation again, with a manage link.
  await page.getByRole('button', { name: 'Renvoyer la confirmation' }).click();
  await status(page).getByText("L'e-mail de confirmation est en route.").waitFor();
  assert.match(await page.locator('.history').innerText(), /a renvoyé l'e-mail de confirmation/);

  // Cancelled with a reason and a word to the guest.
  await page.getByText('Annuler la réservation…').click();
  await page.fill('#cancel-reason', 'La cliente a appelé');
  await page.fill('#cancel-message', 'Au plaisir de vous revoir bientôt.');
  await assertAccessible(page, 'admin reservation, cancel open');
  await page.getByRole('button', { name: 'Annuler et prévenir le client' }).click();
  await status(page).getByText('La réservation est annulée').waitFor();
  // The page reads the booking again after the message: wait for it.
  await page.waitForFunction(() => /Annulée/.test(document.querySelector('.facts').innerText));
  assert.match(await page.locator('.history').innerText(), /Motif : La cliente a appelé/);
  assert.equal(await page.locator('#change-party').count(), 0, 'a cancelled booking has no change form');
  const mail = await waitForMailTo(server.mailDir, 'gracehopper@example.com', 'Au plaisir de vous revoir');
  assert.match(mail, /Message du restaurant/);
  await screenshot(page, 'staff-reservation-cancelled-1280');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a note is added without JavaScript', async () => {
  const day = serviceDay(3, 5);
  const reference = await book(server, day, '12:30', 'Alan Turing');
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server);
  await page.goto(`${server.base}/admin/reservations?from=${day}&to=${day}`);
  await page.locator(`tr[data-reference="${reference}"]`).getByRole('link', { name: 'Alan Turing' }).click();
  await page.waitForURL(/\/admin\/reservations\/\d+$/);
  await page.fill('#note-text', 'Allergie aux noix');
  await page.getByRole('button', { name: 'Ajouter la note' }).click();
  await page.waitForURL((u) => u.search.includes('done=noted'));
  assert.match(await page.locator('.internal-notes').innerText(), /Allergie aux noix/);
  await context.close();
});
