// Deposits and card guarantees in a real browser, against the fake Stripe
// (fakes/stripe: Stripe's wire format, its hosted page, signed webhooks):
// a party pays its deposit on the checkout page and lands on the
// confirmation; an abandoned checkout frees the slot after the hold; a
// guarantee's card is saved and its no-show fee charged once; a guest
// cancelling before the cut-off is refunded once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';
import { serviceDay, chooseSlot, apiBook, waitForMail, waitForMailTo } from '../lib/booking.mjs';
import { signIn } from '../lib/staff.mjs';
import { startPaidServer } from '../lib/stripe.mjs';
import { assertAccessible } from '../lib/a11y.mjs';

let server;
let browser;
let admin;

before(async () => {
  server = await startPaidServer('margot.payments@example.com');
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'fr-FR' });
  admin = await context.newPage();
  await signIn(admin, server);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A JSON call as the signed-in admin (the browser's session cookie). */
async function asAdmin(method, path, data) {
  const res = await admin.request.fetch(`${server.base}${path}`, {
    method,
    data,
    headers: { origin: server.base, accept: 'application/json' },
  });
  const body = await res.json().catch(() => null);
  return { status: res.status(), body };
}

async function setPolicy(policy) {
  const { status, body } = await asAdmin('PUT', '/api/admin/settings/payments', {
    from_party: 1, hold_minutes: 10, refund_cutoff_hours: 48, late_refund_percent: 0, ...policy,
  });
  assert.equal(status, 200, JSON.stringify(body));
}

async function reservationId(reference, date) {
  const { body } = await asAdmin('GET', `/api/admin/reservations?from=${date}&to=${date}&q=${reference}`);
  const found = body.reservations.find((r) => r.reference === reference);
  assert.ok(found, `${reference} in the staff list`);
  return found.id;
}

/** Step 2 for a booking that will pay: its step 3 asks to continue to payment. */
async function fillDetails(page, guest) {
  await page.fill('#name', guest.name);
  await page.fill('#email', guest.email);
  await page.fill('#phone', guest.phone);
  await page.check('#consent');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.waitForURL(/\/book\/review\?/);
  await page.getByRole('button', { name: 'Continuer vers le paiement' }).waitFor();
}

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

/** On the fake Stripe page: pays (or saves the card), back to the site. */
async function payOnStripe(page) {
  await page.locator('#pay').click();
  await page.waitForURL((url) => url.origin === server.base);
  // The page Stripe sends the guest back to, settled before going on.
  await waitForHydration(page);
}

test('a party that owes a deposit pays it on Stripe and lands on the confirmation with the amount', async () => {
  await setPolicy({ mode: 'deposit', deposit_per_guest_cents: 2000 });
  const { context, page, errors } = await newPage({ viewport: { width: 390, height: 900 } });
  const date = serviceDay(0, 8);
  await chooseSlot(page, server.base, { party: 2, date, time: '19:30' });
  await fillDetails(page, { name: 'Ada Lovelace', email: 'ada.deposit@example.com', phone: '06 12 34 56 78' });
  // Step 3 says what is asked, why, and the refund rules, in words.
  const terms = await page.locator('#review-deposit').locator('..').innerText();
  assert.match(terms, /acompte de 40,00\s€/);
  assert.match(terms, /20,00\s€ par personne/);
  assert.match(terms, /48 h/);
  await screenshot(page, 'payments-review-390');
  await page.getByRole('button', { name: 'Continuer vers le paiement' }).click();

  // The booking holds its table while the guest pays.
  await page.waitForURL(/\/book\/payment\?reference=/);
  await waitForHydration(page);
  const reference = new URL(page.url()).searchParams.get('reference');
  await page.locator('#pay-link').waitFor();
  assert.match(await page.locator('#pay-link').innerText(), /Payer 40,00\s€/);
  await page.locator('.countdown [role="timer"]').waitFor();
  assert.match(await page.locator('.countdown').innerText(), /\d+:\d{2}/);
  await assertAccessible(page, 'the payment page');
  await screenshot(page, 'payments-pending-390');

  await page.locator('#pay-link').click();
  await page.waitForURL((url) => url.origin === server.stripe.base);
  assert.match(await page.locator('body').innerText(), /40[.,]00/);
  await payOnStripe(page);
  await page.waitForURL(/\/book\/confirmation\//);
  await waitForHydration(page);
  const confirmation = await page.locator('main').innerText();
  assert.match(confirmation, new RegExp(reference));
  assert.match(confirmation, /Acompte réglé : 40,00\s€/);
  await assertAccessible(page, 'the confirmation with a deposit');
  await screenshot(page, 'payments-confirmed-390');
  const mail = await waitForMail(server.mailDir, reference);
  assert.match(mail, /40,00/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an abandoned checkout frees the slot after the hold time', async () => {
  // One minute of hold, swept every second.
  await setPolicy({ mode: 'deposit', deposit_per_guest_cents: 1500, hold_minutes: 1 });
  const { context, page, errors } = await newPage({ viewport: { width: 1280, height: 900 } });
  const date = serviceDay(1, 8);
  await chooseSlot(page, server.base, { party: 2, date, time: '20:00' });
  await fillDetails(page, { name: 'Bob Martin', email: 'bob.abandon@example.com', phone: '06 12 34 56 78' });
  await page.getByRole('button', { name: 'Continuer vers le paiement' }).click();
  await page.waitForURL(/\/book\/payment\?reference=/);
  await waitForHydration(page);
  const reference = new URL(page.url()).searchParams.get('reference');
  const id = await reservationId(reference, date);
  let { body } = await asAdmin('GET', `/api/admin/reservations/${id}`);
  assert.equal(body.reservation.status, 'pending_payment');
  // The guest opens Stripe's page and leaves without paying.
  await page.locator('#pay-link').click();
  await page.waitForURL((url) => url.origin === server.stripe.base);
  await page.goBack();
  await page.waitForURL(/\/book\/payment\?reference=/);

  // After the hold the table is released and the page says so.
  await page.getByText('La table a été libérée', { exact: false }).first().waitFor({ timeout: 100_000 });
  ({ body } = await asAdmin('GET', `/api/admin/reservations/${id}`));
  assert.equal(body.reservation.status, 'cancelled');
  assert.equal(body.payment.status, 'expired');
  await assertAccessible(page, 'the released payment page');
  await screenshot(page, 'payments-released-1280');
  // The same slot can be booked again.
  const again = await apiBook(server.base, {
    date, time: '20:00', party_size: 2, name: 'Cy Dupont', email: 'cy.abandon@example.com',
    phone: '+33 6 12 34 56 78', locale: 'fr',
  });
  assert.equal(again.status, 201, JSON.stringify(again.body));
  assert.equal(again.body.status, 'pending_payment');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a card guarantee is saved, the no-show fee is charged once by staff', async () => {
  await setPolicy({ mode: 'guarantee', no_show_fee_per_guest_cents: 2500, refund_cutoff_hours: 24 });
  const date = serviceDay(2, 8);
  const { status, body } = await apiBook(server.base, {
    date, time: '19:00', party_size: 2, name: 'Dee Garant', email: 'dee.guarantee@example.com',
    phone: '+33 6 12 34 56 78', locale: 'fr',
  });
  assert.equal(status, 201, JSON.stringify(body));
  assert.equal(body.payment.kind, 'guarantee');
  const { context, page } = await newPage();
  await page.goto(body.payment.url);
  assert.match(await page.locator('body').innerText(), /setup|carte|card/i);
  await payOnStripe(page);
  await context.close();
  const id = await reservationId(body.reference, date);
  let details = (await asAdmin('GET', `/api/admin/reservations/${id}`)).body;
  assert.equal(details.reservation.status, 'confirmed');
  assert.equal(details.payment.status, 'card_saved');

  // The guest does not come: staff mark it, then charge the fee.
  const marked = await asAdmin('POST', `/api/admin/reservations/${id}/status`, { status: 'no_show' });
  assert.equal(marked.status, 200, JSON.stringify(marked.body));
  await admin.goto(`${server.base}/admin/reservations/${id}`);
  await waitForHydration(admin);
  const fee = admin.locator('#fee-form button');
  await fee.waitFor();
  assert.match(await fee.innerText(), /50,00\s€/);
  await screenshot(admin, 'payments-staff-fee-1280');
  await fee.dblclick();
  await admin.locator('#payment').getByText('50,00', { exact: false }).first().waitFor();
  await admin.locator('#fee-form').waitFor({ state: 'detached' });
  await assertAccessible(admin, 'the booking with its fee charged');
  await screenshot(admin, 'payments-staff-fee-charged-1280');
  details = (await asAdmin('GET', `/api/admin/reservations/${id}`)).body;
  assert.equal(details.payment.status, 'fee_charged');
  assert.equal(details.payment.fee_charged_cents, 5000);
  const intents = await server.stripe.paymentIntents();
  const fees = intents.filter((pi) => pi.metadata?.reservation === body.reference);
  assert.equal(fees.length, 1, JSON.stringify(fees));
  assert.equal(fees[0].amount, 5000);
});

test('a guest cancelling before the cut-off is refunded exactly once', async () => {
  await setPolicy({ mode: 'deposit', deposit_per_guest_cents: 1800 });
  const date = serviceDay(3, 8);
  const { status, body } = await apiBook(server.base, {
    date, time: '19:30', party_size: 2, name: 'Eve Remboursée', email: 'eve.refund@example.com',
    phone: '+33 6 12 34 56 78', locale: 'fr',
  });
  assert.equal(status, 201, JSON.stringify(body));
  const { context, page, errors } = await newPage({ viewport: { width: 390, height: 900 } });
  await page.goto(body.payment.url);
  await payOnStripe(page);
  await page.goto(`${server.base}/manage/${body.manage_token}`);
  await waitForHydration(page);
  assert.match(await page.locator('.booking-summary').innerText(), /36,00/);
  await page.getByRole('link', { name: 'Annuler ma réservation' }).click();
  await page.waitForURL((url) => url.searchParams.get('cancel') === '1');
  // What will be kept is said before the guest confirms.
  assert.match(await page.locator('main').innerText(), /rembours/i);
  await screenshot(page, 'payments-cancel-390');
  await page.getByRole('button', { name: 'Oui, annuler la réservation' }).dblclick();
  await page.waitForURL((url) => url.searchParams.get('done') === 'cancelled');
  await page.waitForFunction(() => /Annulée/.test(document.querySelector('.booking-summary')?.textContent ?? ''));
  await assertAccessible(page, 'the cancelled booking with its refund');
  const refunds = (await server.stripe.refunds()).filter((r) => r.metadata?.reservation === body.reference);
  assert.equal(refunds.length, 1, JSON.stringify(refunds));
  assert.equal(refunds[0].amount, 3600);
  // Eve's own e-mail saying the refund (her confirmation spoke of refunds
  // too, and other guests' as well).
  const mail = await waitForMailTo(server.mailDir, 'eve.refund@example.com', 'Remboursement de');
  assert.match(mail, /Remboursement de 36,00/);
  assert.deepEqual(errors, []);
  await context.close();
});

// After the tests above: a paid deposit, an expired hold, a fee charged and
// a refund, all on the dates below.
test('staff list the payments of a range, filter them in the address, see each day’s money and get the same list as CSV', async () => {
  // The bookings' dates: their payments, and no money moved on them yet.
  const from = serviceDay(0, 8);
  const to = serviceDay(3, 8);
  await admin.goto(`${server.base}/admin/payments?from=${from}&to=${to}`);
  await waitForHydration(admin);
  await admin.locator('.money-by-day .alert-info').waitFor();
  assert.ok(await admin.locator('.payments-table tbody tr').count() >= 4);
  // The default dates (a month either side of today): the money moved today.
  await admin.goto(`${server.base}/admin/payments`);
  await waitForHydration(admin);
  const rows = admin.locator('.payments-table tbody tr');
  await rows.first().waitFor();
  const statuses = await admin.locator('.payments-table tbody .tag-payment').allInnerTexts();
  for (const badge of ['Acompte payé', 'Paiement expiré', 'Frais débités', 'Remboursé']) {
    assert.ok(statuses.map((s) => s.trim()).includes(badge), `${badge} in ${statuses}`);
  }
  // The money of today (every payment above moved it today): the fee and
  // the refund of the tests before, and the totals under them.
  const totals = await admin.locator('.money-days tfoot').innerText();
  assert.match(totals, /50,00/);
  assert.match(totals, /36,00/);
  await assertAccessible(admin, 'the payments list');
  await screenshot(admin, 'payments-list-1280');

  // Filtering with the form (before and after hydration the same): the
  // filter lands in the address, the list keeps only the refunded one.
  await admin.selectOption('#p-status', 'refunded');
  await admin.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await admin.waitForURL((url) => url.searchParams.get('status') === 'refunded');
  await admin.waitForFunction(() =>
    [...document.querySelectorAll('.payments-table tbody tr')].length === 1);
  assert.match(await rows.first().innerText(), /Eve Remboursée/);

  // The CSV of the same query: one line for the header, one for Eve.
  const href = await admin.locator('a[download]').getAttribute('href');
  assert.match(href, /status=refunded/);
  const res = await admin.request.get(`${server.base}${href}`);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /text\/csv/);
  const lines = (await res.text()).trim().split('\n');
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[1], /Eve Remboursée/);

  // The host stand's day says the money of the day, and leads there.
  await admin.goto(`${server.base}/admin`);
  await waitForHydration(admin);
  const money = await admin.locator('.money-card').innerText();
  assert.match(money, /Frais d’absence\s+50,00/);
  assert.match(money, /Remboursé\s+36,00/);
  await admin.locator('.money-card').getByRole('link', { name: 'Tous les paiements' }).waitFor();
  await admin.getByRole('navigation').getByRole('link', { name: 'Paiements', exact: true }).click();
  await admin.waitForURL(/\/admin\/payments$/);
  await admin.locator('#page-title').waitFor();
});

test('the payment policy form, with Stripe configured, is there for the admin and accessible', async () => {
  await admin.goto(`${server.base}/admin/settings#payments`);
  await waitForHydration(admin);
  await admin.locator('#payments-form').waitFor();
  assert.equal(await admin.locator('#payments-unconfigured').count(), 0);
  await assertAccessible(admin, 'the settings with the payment policy form');
  await screenshot(admin, 'payments-settings-1280');
});
