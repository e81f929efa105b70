// The booking wizard in a real browser: the four steps, inline errors that
// keep what was typed, a slot taken meanwhile, keyboard use, the page
// before hydration (no JavaScript), and screenshots at phone and desktop
// widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';
import {
  serviceDay, nextMonday, chooseSlot, fillDetails, confirm, apiBook, TEXT,
} from '../lib/booking.mjs';

let server;
let browser;

before(async () => {
  // These tests make more bookings from one address than the default limit
  // (20 an hour) allows; the limit itself is tested in server/tests.
  server = await startServer({ RATE_LIMIT_BOOKING: '500/1h', RATE_LIMIT_API: '1000/15m' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

async function noHorizontalScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} overflows by ${overflow}px`);
}

const runs = [
  { width: 390, lang: 'fr', locale: 'fr-FR', date: serviceDay(0), time: '19:30', party: 2 },
  { width: 1280, lang: 'en', locale: 'en-GB', date: serviceDay(0), time: '20:00', party: 3 },
];

for (const run of runs) {
  test(`books a table through the four steps (${run.lang}, ${run.width} px)`, async () => {
    const { context, page, errors } = await newPage({ locale: run.locale, viewport: { width: run.width, height: 900 } });
    const shoot = async (step) => {
      await noHorizontalScroll(page, `step ${step}`);
      await screenshot(page, `book-${step}-${run.width}`);
    };
    await page.goto(`${server.base}/book`);
    await waitForHydration(page);

    // Step 1: one h1, the step indicator, weekday headers, a party select
    // limited to the online maximum.
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('.steps [aria-current="step"]').count(), 1);
    assert.match(await page.locator('.steps [aria-current="step"]').innerText(), run.lang === 'fr' ? /Date et heure/ : /Date and time/);
    assert.equal(await page.locator('table.calendar thead th').count(), 7);
    assert.equal(await page.locator('#party option').count(), 8);
    assert.match(await page.locator('.party-card').innerText(), run.lang === 'fr' ? /plus de 8 personnes/ : /more than 8 guests/);
    assert.match(await page.locator('.party-card a[href^="tel:"]').getAttribute('href'), /^tel:\+33/);

    await chooseSlot(page, server.base, { ...run, shoot });

    // Step 2.
    assert.equal(await page.locator('.steps [aria-current="step"] .step-number').innerText(), '2');
    assert.equal(await page.getAttribute('#email', 'autocomplete'), 'email');
    assert.equal(await page.getAttribute('#name', 'autocomplete'), 'name');
    assert.equal(await page.getAttribute('#phone', 'autocomplete'), 'tel');
    const email = `ada.${run.width}@example.com`;
    await fillDetails(page, {
      name: 'Ada Lovelace', email, phone: '06 12 34 56 78', notes: 'Une chaise haute, merci',
    }, { lang: run.lang, shoot });

    // Step 3: summary, policy and no deposit.
    const review = await page.locator('main').innerText();
    assert.match(review, /Ada Lovelace/);
    assert.match(review, new RegExp(email.replace('.', '\\.')));
    assert.match(review, new RegExp(run.time));
    assert.match(review, run.lang === 'fr' ? /jusqu’à 2 h avant/ : /up to 2 hours before/);
    assert.match(review, run.lang === 'fr' ? /Aucun acompte/ : /No deposit is needed/);
    await noHorizontalScroll(page, 'step 3');
    await screenshot(page, `book-3-review-${run.width}`);

    // Step 4.
    const { reference, manageHref } = await confirm(page, { lang: run.lang });
    assert.match(reference, /^[A-Z2-9]{8}$/);
    assert.match(manageHref, /^\/manage\/[A-Za-z0-9_-]{40,}$/);
    const token = manageHref.split('/').pop();
    assert.equal(
      await page.locator('a[download]').getAttribute('href'),
      `/api/reservations/manage/${token}/calendar.ics`,
    );
    const done = await page.locator('main').innerText();
    assert.match(done, new RegExp(email.replace('.', '\\.')));
    assert.match(done, run.lang === 'fr' ? /Votre table est réservée/ : /Your table is booked/);
    assert.equal(await page.locator('.steps [aria-current="step"] .step-number').innerText(), '4');
    // The focus moved to the new page's heading.
    await page.waitForFunction(() => document.activeElement?.id === 'page-title', null, { timeout: 5000 });
    await noHorizontalScroll(page, 'step 4');
    await screenshot(page, `book-4-confirmation-${run.width}`);

    // The booking exists: its manage page shows it.
    await page.goto(server.base + manageHref);
    assert.match(await page.locator('main').innerText(), new RegExp(reference));
    // Going back to step 3 no longer books twice: the draft is gone.
    await page.goto(`${server.base}/book/review?party=${run.party}&date=${run.date}&time=${run.time}`);
    assert.equal(await page.getByRole('button', { name: TEXT[run.lang].confirm }).count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the details form shows every error inline and keeps what was typed', async () => {
  const { context, page, errors } = await newPage({ viewport: { width: 390, height: 900 } });
  const date = serviceDay(1);
  await page.goto(`${server.base}/book`);
  await waitForHydration(page);
  await chooseSlot(page, server.base, { party: 2, date, time: '12:30' });

  await page.fill('#email', 'pas-une-adresse');
  await page.getByRole('button', { name: 'Continuer' }).click();
  const summary = page.locator('#details-errors');
  await summary.waitFor();
  // The summary gets the focus and lists each field at fault.
  await page.waitForFunction(() => document.activeElement?.id === 'details-errors');
  const text = await summary.innerText();
  for (const label of ['Nom', 'Adresse e-mail', 'Téléphone', 'Conditions d’annulation']) {
    assert.match(text, new RegExp(label));
  }
  for (const id of ['name', 'email', 'phone', 'consent']) {
    assert.equal(await page.getAttribute(`#${id}`, 'aria-invalid'), 'true', id);
    const describedBy = await page.getAttribute(`#${id}`, 'aria-describedby');
    assert.ok(describedBy.split(' ').includes(`${id}-error`), `${id}: ${describedBy}`);
    assert.ok((await page.locator(`#${id}-error`).innerText()).length > 5);
  }
  assert.equal(await page.getAttribute('#notes', 'aria-invalid'), null);
  assert.match(await page.locator('#email-error').innerText(), /adresse e-mail valide/);
  assert.equal(new URL(page.url()).pathname, '/book/details');
  await screenshot(page, 'book-2-details-errors-390');

  // Fix some fields: only the remaining ones stay in error.
  await page.fill('#name', 'Grace Hopper');
  await page.fill('#email', 'grace@example.com');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForFunction(() => !document.querySelector('#name[aria-invalid]'));
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), null);
  assert.equal(await page.getAttribute('#phone', 'aria-invalid'), 'true');

  // A reload keeps what was typed (the server kept the draft).
  await page.reload();
  await waitForHydration(page);
  assert.equal(await page.inputValue('#name'), 'Grace Hopper');
  assert.equal(await page.inputValue('#email'), 'grace@example.com');

  // Step 3 and back: everything is still there.
  await fillDetails(page, { name: 'Grace Hopper', email: 'grace@example.com', phone: '+44 20 7946 0958', notes: 'Près de la fenêtre' });
  await page.goBack();
  await page.waitForURL(/\/book\/details\?/);
  await page.locator('#phone').waitFor();
  await page.waitForFunction(() => document.querySelector('#phone')?.value === '+44 20 7946 0958');
  assert.equal(await page.inputValue('#notes'), 'Près de la fenêtre');
  assert.equal(await page.isChecked('#consent'), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a slot taken meanwhile shows the nearest free times, which keep the details', async () => {
  const { context, page, errors } = await newPage({ viewport: { width: 1280, height: 900 } });
  const date = serviceDay(2);
  const time = '20:30';
  const party = 4;
  await page.goto(`${server.base}/book`);
  await waitForHydration(page);
  await chooseSlot(page, server.base, { party, date, time });
  await fillDetails(page, { name: 'Katherine Johnson', email: 'katherine@example.com', phone: '06 11 22 33 44' });

  // Someone else books the same time through the JSON API until it is full
  // for this party size.
  let status = 0;
  for (let i = 0; i < 40 && status !== 409; i++) {
    ({ status } = await apiBook(server.base, {
      date, time, party_size: party, name: `Rival ${i}`, email: `rival${i}@example.com`, phone: '+33612345678', locale: 'fr',
    }));
    assert.ok(status === 201 || status === 409, `API answered ${status}`);
  }
  assert.equal(status, 409, 'the slot never filled up');

  await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
  const alert = page.locator('#unavailable');
  await alert.waitFor();
  assert.match(await alert.innerText(), /n’est plus disponible/);
  assert.equal(new URL(page.url()).pathname, '/book/review');
  const alternatives = alert.locator('a.alternative');
  assert.ok((await alternatives.count()) >= 1, 'alternatives offered');
  await screenshot(page, 'book-3-unavailable-1280');

  const href = await alternatives.first().getAttribute('href');
  const chosen = new URL(href, server.base).searchParams.get('time');
  assert.notEqual(chosen, null);
  await alternatives.first().click();
  await page.waitForURL((url) => url.searchParams.get('time') === chosen);
  // The draft is kept: the guest is not asked again.
  await page.getByText('Katherine Johnson').waitFor();
  assert.equal(await page.locator('#unavailable').count(), 0);
  const { reference } = await confirm(page);
  assert.match(reference, /^[A-Z2-9]{8}$/);
  assert.match(await page.locator('main').innerText(), new RegExp(chosen));

  // Step 1 now shows the taken time as not selectable, and says why.
  await page.goto(`${server.base}/book?party=${party}&date=${date}`);
  const taken = page.locator('.slot-unavailable', { hasText: time });
  await taken.waitFor();
  assert.equal(await taken.getAttribute('aria-disabled'), 'true');
  assert.equal(await taken.getAttribute('href'), null);
  assert.match(await taken.innerText(), /Complet/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('closed days, too-large parties and the keyboard', async () => {
  const { context, page, errors } = await newPage({ viewport: { width: 390, height: 900 } });
  // A Monday: closed, not a link in the calendar, and said so for the day.
  const monday = nextMonday(3);
  await page.goto(`${server.base}/book?party=2&date=${monday}`);
  await waitForHydration(page);
  assert.match(await page.locator('.slots-card').innerText(), /fermé ce jour-là/);
  assert.equal(await page.locator(`a.day[href*="date=${monday}"]`).count(), 0);

  // More guests than the online limit: call us.
  await page.goto(`${server.base}/book?party=12`);
  const info = page.locator('.alert-info');
  await info.waitFor();
  assert.match(await info.innerText(), /plus de 8 personnes/);
  assert.match(await info.locator('a').getAttribute('href'), /^tel:/);
  assert.equal(await page.locator('.calendar-card').isVisible(), false);

  // Keyboard: a day with Enter moves the focus to its times; a time with
  // Enter opens step 2 with the focus on its heading.
  const date = serviceDay(3);
  const month = date.slice(0, 7);
  await page.goto(`${server.base}/book?party=2&month=${month}`);
  await waitForHydration(page);
  await page.locator(`a.day[href*="date=${date}"]`).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'slots-heading');
  await page.locator('a.slot').first().waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('slot')), true);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/book\/details\?/);
  await page.waitForFunction(() => document.activeElement?.id === 'page-title');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the wizard works without JavaScript', async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
  const date = serviceDay(4);
  await page.goto(`${server.base}/book?party=2&date=${date}`);
  await page.locator('a.slot[href*="time=12:00"]').click();
  await page.waitForURL(/\/book\/details\?/);
  // A form post with errors comes back with the inline errors.
  await page.fill('#name', 'Mary Somerville');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.locator('#details-errors').waitFor();
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#name'), 'Mary Somerville');
  await fillDetails(page, { name: 'Mary Somerville', email: 'mary@example.com', phone: '06 98 76 54 32' });
  const { reference, manageHref } = await confirm(page);
  assert.match(reference, /^[A-Z2-9]{8}$/);
  assert.ok(manageHref.startsWith('/manage/'));
  await context.close();
});
