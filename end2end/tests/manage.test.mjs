// Guest self-service in a real browser: the manage link (view, change,
// cancel with a confirmation step), finding a booking by reference and
// e-mail, the link from the confirmation e-mail, and unknown links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';
import { serviceDay, bookThroughWizard, waitForMail, waitForMailTo, apiBook } from '../lib/booking.mjs';
import { assertAccessible } from '../lib/a11y.mjs';

let server;
let browser;

before(async () => {
  // These tests make more bookings from one address than the default limit
  // (20 an hour) allows; the limit itself is tested in server/tests.
  // Parties of 6 and more confirm their booking by e-mail.
  server = await startServer(
    { RATE_LIMIT_BOOKING: '500/1h', RATE_LIMIT_API: '1000/15m' },
    { setup: [{ args: ['settings', 'email-confirmation', '--from-party', '6', '--hold-minutes', '45'] }] },
  );
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

async function book(page, { date, time, party = 2, email, name = 'Ada Lovelace' }) {
  await page.goto(`${server.base}/book`);
  await waitForHydration(page);
  return bookThroughWizard(page, server.base, {
    party, date, time, guest: { name, email, phone: '06 12 34 56 78' },
  });
}

for (const width of [390, 1280]) {
  test(`the manage link shows the booking, changes it, then cancels it after a confirmation (${width} px)`, async () => {
    const { context, page, errors } = await newPage({ viewport: { width, height: 900 } });
    const date = serviceDay(width === 390 ? 0 : 1);
    const { reference, manageHref } = await book(page, { date, time: '19:00', email: `manage.${width}@example.com` });

    await page.goto(server.base + manageHref);
    await waitForHydration(page);
    assert.equal(await page.locator('h1').innerText(), 'Votre réservation');
    const summary = page.locator('.booking-summary');
    assert.match(await summary.innerText(), new RegExp(reference));
    assert.match(await summary.innerText(), /Confirmée/);
    assert.match(await summary.innerText(), /2 personnes/);
    assert.match(await summary.innerText(), /19:00/);
    // The booking's own time is selected.
    assert.equal(await page.isChecked('#time-1900'), true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `overflows by ${overflow}px`);
    await screenshot(page, `manage-view-${width}`);

    // Change: 3 guests at 20:15 (times first, then save).
    await page.selectOption('#change-party', '3');
    await page.getByRole('button', { name: 'Afficher les horaires' }).click();
    await page.waitForURL((url) => url.searchParams.get('party') === '3');
    await page.waitForFunction(() => document.activeElement?.id === 'times-heading');
    await page.locator('label[for="time-2015"]').click();
    await page.fill('#notes', 'Un anniversaire');
    await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    const done = page.locator('#done-message');
    await done.waitFor();
    assert.match(await done.innerText(), /a été modifiée/);
    await page.waitForFunction(() => /3 personnes/.test(document.querySelector('.booking-summary')?.textContent ?? ''));
    const changed = await summary.innerText();
    assert.match(changed, /20:15/);
    assert.match(changed, /Un anniversaire/);
    assert.match(changed, new RegExp(reference), 'same booking');

    // Cancel: asks first; "no" keeps it.
    await page.getByRole('link', { name: 'Annuler ma réservation' }).click();
    await page.waitForURL((url) => url.searchParams.get('cancel') === '1');
    await page.waitForFunction(() => document.activeElement?.id === 'cancel-heading');
    await screenshot(page, `manage-cancel-${width}`);
    await page.getByRole('link', { name: 'Non, garder ma réservation' }).click();
    await page.waitForURL((url) => !url.searchParams.has('cancel'));
    assert.match(await summary.innerText(), /Confirmée/);
    await page.getByRole('link', { name: 'Annuler ma réservation' }).click();
    await page.getByRole('button', { name: 'Oui, annuler la réservation' }).click();
    await page.waitForURL((url) => url.searchParams.get('done') === 'cancelled');
    await page.waitForFunction(() => /Annulée/.test(document.querySelector('.booking-summary')?.textContent ?? ''));
    assert.match(await page.locator('#done-message').innerText(), /annulée/);
    assert.equal(await page.getByRole('button', { name: 'Enregistrer les modifications' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Réserver à nouveau' }).count(), 1);

    // A fresh load says the same (the change is stored).
    await page.reload();
    assert.match(await page.locator('.booking-summary').innerText(), /Annulée/);
    await screenshot(page, `manage-cancelled-${width}`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a change to a time taken meanwhile offers the nearest free times', async () => {
  const { context, page, errors } = await newPage({ viewport: { width: 1280, height: 900 } });
  const date = serviceDay(4);
  const { manageHref } = await book(page, { date, time: '19:00', email: 'changer@example.com' });
  await page.goto(server.base + manageHref);
  await waitForHydration(page);
  await page.selectOption('#change-party', '4');
  await page.getByRole('button', { name: 'Afficher les horaires' }).click();
  await page.waitForURL((url) => url.searchParams.get('party') === '4');
  await page.locator('label[for="time-2100"]').click();
  // Meanwhile 21:00 fills up for four guests.
  let status = 0;
  for (let i = 0; i < 40 && status !== 409; i++) {
    ({ status } = await apiBook(server.base, {
      date, time: '21:00', party_size: 4, name: `Rival ${i}`, email: `rival${i}@example.com`, phone: '+33612345678',
    }));
  }
  assert.equal(status, 409, 'the slot never filled up');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  const alert = page.locator('#unavailable');
  await alert.waitFor();
  assert.match(await alert.innerText(), /n’est plus disponible/);
  const alternative = alert.locator('a.alternative').first();
  const href = await alternative.getAttribute('href');
  const time = new URL(href, server.base).searchParams.get('time');
  await alternative.click();
  await page.waitForURL((url) => url.searchParams.get('time') === time);
  // The alternative is preselected: saving takes it.
  assert.equal(await page.isChecked(`#time-${time.replace(':', '')}`), true);
  assert.equal(await page.locator('#unavailable').count(), 0);
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await page.locator('#done-message').waitFor();
  await page.waitForFunction((t) => document.querySelector('.booking-summary')?.textContent.includes(t), time);
  assert.match(await page.locator('.booking-summary').innerText(), /4 personnes/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a booking is found by its reference and e-mail', async () => {
  const { context, page, errors } = await newPage({ viewport: { width: 390, height: 900 } });
  const email = 'finder@example.com';
  const { reference } = await book(page, { date: serviceDay(2), time: '12:15', email });

  await page.goto(`${server.base}/manage`);
  await waitForHydration(page);
  assert.equal(await page.getAttribute('#email', 'autocomplete'), 'email');
  // Empty: both fields in error.
  await page.getByRole('button', { name: 'Retrouver ma réservation' }).click();
  await page.locator('#reference-error').waitFor();
  assert.equal(await page.getAttribute('#reference', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#email', 'aria-invalid'), 'true');
  // Wrong e-mail: not found, and nothing says whether the reference exists.
  await page.fill('#reference', reference);
  await page.fill('#email', 'someone.else@example.com');
  await page.getByRole('button', { name: 'Retrouver ma réservation' }).click();
  const notFound = page.locator('.alert-error', { hasText: 'Aucune réservation' });
  await notFound.waitFor();
  await screenshot(page, 'manage-find-390');
  // Right pair (the reference in lower case works too).
  await page.fill('#email', email);
  await page.fill('#reference', reference.toLowerCase());
  await page.getByRole('button', { name: 'Retrouver ma réservation' }).click();
  await page.waitForURL(/\/manage\/[A-Za-z0-9_-]{40,}$/);
  assert.match(await page.locator('.booking-summary').innerText(), new RegExp(reference));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the confirmation e-mail links to the manage page', async () => {
  const { context, page } = await newPage({ viewport: { width: 1280, height: 900 } });
  const email = 'mail.link@example.com';
  const { reference } = await book(page, { date: serviceDay(3), time: '13:00', email });
  const mail = await waitForMail(server.mailDir, reference);
  assert.ok(mail.includes(email), 'sent to the guest');
  const link = mail.match(/https?:\/\/[^\s"'<>]+\/manage\/[A-Za-z0-9_-]{40,}/)?.[0];
  assert.ok(link, 'the e-mail holds a manage link');
  assert.ok(link.startsWith(server.base), link);
  await page.goto(link);
  assert.match(await page.locator('.booking-summary').innerText(), new RegExp(reference));
  await context.close();
});

test('an unknown manage link answers 404 with a way to find the booking', async () => {
  const { context, page } = await newPage();
  const res = await page.goto(`${server.base}/manage/${'x'.repeat(43)}`);
  assert.equal(res.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Réservation introuvable' }).waitFor();
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Retrouver ma réservation' }).click();
  await page.waitForURL(`${server.base}/manage`);
  const confirmation = await page.goto(`${server.base}/book/confirmation/nope`);
  assert.equal(confirmation.status(), 404);
  await context.close();
});

/** The confirmation link (`/manage/confirm/...`) in an e-mail's text. */
function confirmLink(mail) {
  const m = mail.match(/https?:\/\/[^\s"<>]+\/manage\/confirm\/[A-Za-z0-9_-]+/);
  assert.ok(m, 'no confirmation link in the e-mail');
  return m[0];
}

test('a new e-mail address takes effect once confirmed from the link it receives', async () => {
  const { context, page, errors } = await newPage({ viewport: { width: 390, height: 900 } });
  const { manageHref } = await book(page, { date: serviceDay(2), time: '19:15', email: 'old.address@example.com' });
  await page.goto(server.base + manageHref);
  await waitForHydration(page);
  await page.fill('#email', 'new.address@example.com');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await page.waitForURL(/done=email_pending/);
  await page.locator('#done-message').waitFor();
  assert.match(await page.locator('#done-message').innerText(), /nouvelle adresse/);
  // Still the old address, the new one waiting.
  const summary = page.locator('.booking-summary');
  assert.match(await summary.innerText(), /old\.address@example\.com/);
  assert.match(await page.locator('#pending-email').innerText(), /new\.address@example\.com/);
  await screenshot(page, 'manage-email-pending-390');
  await assertAccessible(page, 'manage page with a pending address');

  // The old address is told; the new one gets the link.
  const told = await waitForMailTo(server.mailDir, 'old.address@example.com', 'Rien ne change tant que cette adresse');
  assert.ok(!told.includes('new.address@'), 'the new address is masked');
  const mail = await waitForMailTo(server.mailDir, 'new.address@example.com', '/manage/confirm/');
  await page.goto(confirmLink(mail));
  await waitForHydration(page);
  assert.equal(await page.locator('h1').innerText(), 'Confirmer par e-mail');
  await screenshot(page, 'manage-confirm-390');
  await assertAccessible(page, 'confirmation link page');
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await page.waitForURL(/\/manage\/[A-Za-z0-9_-]+\?done=confirmed/);
  await page.locator('#done-message').waitFor();
  assert.match(await page.locator('.booking-summary').innerText(), /new\.address@example\.com/);
  assert.equal(await page.locator('#pending-email').count(), 0);

  // A link works once.
  await page.goto(confirmLink(mail));
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await page.locator('#confirm-error').waitFor();
  assert.match(await page.locator('#confirm-error').innerText(), /ne fonctionne plus/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a large party confirms its booking from the e-mail', async () => {
  const { context, page, errors } = await newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/book`);
  await waitForHydration(page);
  await bookThroughWizard(page, server.base, {
    party: 6, date: serviceDay(3), time: '20:00',
    guest: { name: 'Grace Hopper', email: 'grace.party@example.com', phone: '06 12 34 56 78' },
  });
  assert.equal(await page.locator('h1').innerText(), 'Confirmez votre réservation');
  assert.match(await page.locator('#pending-confirmation').innerText(), /grace\.party@example\.com/);
  await screenshot(page, 'booking-pending-confirmation-1280');
  await assertAccessible(page, 'confirmation page of a booking waiting for its e-mail');

  const mail = await waitForMailTo(server.mailDir, 'grace.party@example.com', '/manage/confirm/');
  assert.match(mail, /45 minutes/);
  await page.goto(confirmLink(mail));
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await page.waitForURL(/\?done=confirmed/);
  // The booking is read again after the action.
  await page.locator('.booking-summary').filter({ hasText: 'Confirmée' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
