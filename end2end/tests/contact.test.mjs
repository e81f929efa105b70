// The contact page in a real browser: a message with mistakes is refused
// field by field (before hydration too) and nothing reaches the staff; a
// good one is thanked, e-mailed to the restaurant and listed for the staff,
// who mark it as dealt with. axe-core on both pages, screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { startStaffServer, signIn } from '../lib/staff.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { watchErrors } from '../lib/console.mjs';
import { waitForMailTo } from '../lib/booking.mjs';

let server;
let browser;

before(async () => {
  // Four messages are sent here, near the default limit (5 an hour).
  server = await startStaffServer('chef.contact@example.com', { RATE_LIMIT_CONTACT: '50/1h' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const form = (page) => page.locator('#contact-form');

test('a visitor writes to the restaurant: mistakes named, then the message thanked and mailed', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.base}/contact`);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'See on a map (OpenStreetMap)' }).waitFor();
  // The robots' field is not for people: not seen, not reachable.
  assert.equal(await page.locator('#contact-website').getAttribute('tabindex'), '-1');
  assert.equal(await page.locator('.trap').getAttribute('aria-hidden'), 'true');
  await assertAccessible(page, 'contact page');

  await form(page).getByLabel('Your name').fill('Ana Lima');
  await form(page).getByLabel('Your e-mail').fill('ana@');
  await form(page).getByLabel('Your message').fill('Hello');
  await form(page).getByRole('button', { name: 'Send the message' }).click();
  const summary = page.locator('#contact-errors');
  await summary.waitFor();
  const text = await summary.innerText();
  assert.match(text, /valid email address/);
  assert.match(text, /10 characters at least/);
  await page.waitForFunction(() => document.activeElement?.id === 'contact-errors');
  assert.equal(await form(page).getByLabel('Your e-mail').getAttribute('aria-invalid'), 'true');
  await assertAccessible(page, 'contact page with errors');
  await screenshot(page, 'contact-errors-360');

  await form(page).getByLabel('Your e-mail').fill('ana@example.com');
  await form(page).getByLabel('Your message').fill('Hello, do you have a room for 14 people on a Saturday?');
  await form(page).getByRole('button', { name: 'Send the message' }).click();
  await page.getByText('Thank you, your message is sent.').waitFor();
  assert.match(page.url(), /\/contact\?sent=1/);
  await waitForMailTo(server.mailDir, 'bonjour@chez-margot.example', 'a room for 14 people');
  await screenshot(page, 'contact-sent-360');
  assert.deepEqual(errors, []);
  await context.close();
});

test('before hydration the form posts plainly and bad input is refused in words', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.base}/contact`);
  await form(page).getByLabel('Votre nom').fill('Bruno');
  await form(page).getByLabel('Votre e-mail').fill('bruno@example.com');
  await form(page).getByLabel('Votre message').fill('Court');
  await form(page).getByRole('button', { name: 'Envoyer le message' }).click();
  await page.waitForLoadState();
  assert.match(await page.locator('#contact-errors').innerText(), /10 caractères au moins/);
  await form(page).getByLabel('Votre nom').fill('Bruno');
  await form(page).getByLabel('Votre e-mail').fill('bruno@example.com');
  await form(page).getByLabel('Votre message').fill('Bonjour, peut-on venir avec un chien ?');
  await form(page).getByRole('button', { name: 'Envoyer le message' }).click();
  await page.getByText('Merci, votre message est envoyé.').waitFor();
  await context.close();
});

test('staff read the messages and mark them as dealt with', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  await page.locator('.admin-nav').getByRole('link', { name: 'Messages' }).click();
  await page.waitForURL(/\/admin\/messages$/);
  await page.getByRole('heading', { level: 1, name: 'Messages du site' }).waitFor();
  await page.getByText('2 messages à traiter.').waitFor();
  // Newest first: Bruno wrote last.
  const names = await page.locator('ol.messages h2').allInnerTexts();
  assert.deepEqual(names, ['Bruno', 'Ana Lima']);
  await assertAccessible(page, 'messages screen');
  await screenshot(page, 'admin-messages-1280');
  await page.getByRole('button', { name: 'Marquer comme traité – Ana Lima' }).click();
  await page.getByText('1 message à traiter.').waitFor();
  assert.deepEqual(await page.locator('ol.messages h2').allInnerTexts(), ['Bruno']);
  await page.getByRole('link', { name: 'Tous' }).click();
  await page.waitForURL(/show=all/);
  await page.getByText(/Traité par Margot/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
