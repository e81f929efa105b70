// Accounts in a real browser: register, confirm the e-mail from the link
// in the .eml, log out and in, book while signed in (details prefilled),
// see and cancel the booking in "My reservations"; forgot password and
// reset; an admin invites a staff member who accepts. Screenshots of the
// account pages at phone and desktop widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { serviceDay, chooseSlot, confirm, waitForMail, TEXT } from '../lib/booking.mjs';

const ADMIN = { email: 'admin@example.com', name: 'Margot', password: 'une cuisine de saison' };

let server;
let browser;

before(async () => {
  server = await startServer(
    {
      RATE_LIMIT_BOOKING: '500/1h',
      RATE_LIMIT_API: '1000/15m',
      RATE_LIMIT_LOGIN: '1000/15m',
      RATE_LIMIT_PASSWORD_RESET: '1000/1h',
    },
    {
      setup: [{
        args: ['admin', 'create', '--email', ADMIN.email, '--name', ADMIN.name],
        input: `${ADMIN.password}\n`,
      }],
    },
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

/** Screenshots at 390 and 1280 px, checking nothing overflows sideways (from 360 px). */
async function shoot(page, name) {
  for (const width of [360, 390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name} overflows by ${overflow}px at ${width}px`);
    if (width !== 360) await screenshot(page, `account-${name}-${width}`);
  }
  await page.setViewportSize({ width: 390, height: 900 });
}

function link(mail, kind) {
  const m = mail.match(new RegExp(`https?://[^\\s"<>]+/account/${kind}/[A-Za-z0-9_-]+`));
  assert.ok(m, `no ${kind} link in the e-mail`);
  return m[0];
}

async function logIn(page, email, password) {
  await page.goto(`${server.base}/login`);
  await waitForHydration(page);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function logOut(page) {
  await page.goto(`${server.base}/account`);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
  await page.waitForURL(/\/login\?done=signed_out/);
  await page.locator('#done-message').waitFor();
  assert.equal(await page.locator('.nav-account a').innerText(), 'Connexion');
}

test('register, verify, log in, book while signed in, see and cancel it', async () => {
  const { context, page, errors } = await newPage();
  const email = 'ada.account@example.com';
  const password = 'correct horse battery';

  // Not signed in: the account page sends to the login page.
  await page.goto(`${server.base}/account`);
  await page.waitForURL(/\/login$/);

  await page.goto(`${server.base}/register`);
  await waitForHydration(page);
  assert.equal(await page.getAttribute('#email', 'autocomplete'), 'email');
  assert.equal(await page.getAttribute('#password', 'autocomplete'), 'new-password');
  await shoot(page, 'register');

  // A short password is refused with its reason, inline.
  await page.fill('#name', 'Ada Lovelace');
  await page.fill('#email', email);
  await page.fill('#password', 'court');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.locator('#password-error').waitFor();
  assert.match(await page.locator('#password-error').innerText(), /12 caractères/);
  assert.equal(await page.getAttribute('#password', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#password', 'aria-describedby'), /password-error/);

  await page.fill('#password', password);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  // Nobody is signed in by registering (a known address would get the same
  // answer): the address is proved first.
  await page.waitForURL(/\/login\?done=registered/);
  await page.locator('#done-message').waitFor();
  assert.match(await page.locator('#done-message').innerText(), /boîte de réception/);
  await shoot(page, 'registered');
  await assertAccessible(page, 'login page after registering');

  // Signed in before proving the address: the bookings wait for it.
  await logIn(page, email, password);
  await page.waitForURL(/\/account$/);
  assert.match(await page.locator('.alert-info').innerText(), /ada\.account@example\.com/);
  // (The list is read after the navigation: wait for its answer.)
  await page.locator('#reservations-heading').locator('..').getByText(/Confirmez d’abord/).waitFor();
  assert.equal(await page.locator('.nav-account a').last().innerText(), 'Mon compte');

  // The verification link from the e-mail.
  const mail = await waitForMail(server.mailDir, '/account/verify/');
  await page.goto(link(mail, 'verify'));
  await waitForHydration(page);
  // Opening the link changes nothing: the button confirms.
  assert.equal(await page.locator('.alert-success').count(), 0);
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await page.locator('.alert-success').waitFor();
  assert.match(await page.locator('.alert-success').innerText(), /confirmée/);

  await logOut(page);

  // A wrong password gets one translated answer, then the right one works.
  await logIn(page, email, 'not the right password');
  await page.locator('#login-errors').waitFor();
  assert.match(await page.locator('#login-errors').innerText(), /Adresse e-mail ou mot de passe incorrect/);
  await logIn(page, email, password);
  await page.waitForURL(/\/account$/);
  await page.locator('#profile-heading').waitFor();
  await shoot(page, 'account');
  await assertAccessible(page, 'account page');

  // A phone number in the profile.
  await page.fill('#phone', '06 12 34 56 78');
  await page.getByRole('button', { name: 'Enregistrer mes coordonnées' }).click();
  await page.waitForURL(/done=profile/);
  await page.locator('#done-message').waitFor();

  // Book while signed in: the details step is prefilled from the account.
  await chooseSlot(page, server.base, { party: 2, date: serviceDay(1), time: '19:30', lang: 'fr' });
  assert.equal(await page.inputValue('#name'), 'Ada Lovelace');
  assert.equal(await page.inputValue('#email'), email);
  assert.equal(await page.inputValue('#phone'), '+33612345678');
  await page.check('#consent');
  await page.getByRole('button', { name: TEXT.fr.continue }).click();
  await page.waitForURL(/\/book\/review\?/);
  const { reference } = await confirm(page, { lang: 'fr' });

  // My reservations lists it, and it can be cancelled there.
  await page.goto(`${server.base}/account`);
  await waitForHydration(page);
  const item = page.locator(`#booking-${reference}`);
  await item.waitFor();
  assert.match(await item.innerText(), /Confirmée/);
  await shoot(page, 'reservations');
  // "Change" opens the booking's manage page.
  await item.getByRole('button', { name: /Modifier/ }).click();
  await page.waitForURL(/\/manage\/[A-Za-z0-9_-]+$/);
  assert.equal(await page.locator('.reference').innerText(), reference);
  await page.goto(`${server.base}/account`);
  await waitForHydration(page);
  await item.waitFor();
  await item.getByRole('link', { name: /Annuler/ }).click();
  await page.waitForURL(new RegExp(`cancel=${reference}`));
  await item.getByRole('button', { name: /Oui/ }).click();
  await page.waitForURL(/done=cancelled/);
  await page.locator('#done-message').waitFor();
  await page.waitForFunction(
    (ref) => document.querySelector(`#booking-${ref}`)?.textContent.includes('Annulée'),
    reference,
  );

  await logOut(page);
  await shoot(page, 'login');
  assert.deepEqual(errors, []);
  await context.close();
});

test('"log out everywhere" ends the sessions of every browser', async () => {
  const email = 'lin.everywhere@example.com';
  const password = 'two browsers one account';
  const res = await fetch(`${server.base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name: 'Lin', email, password }),
  });
  assert.equal(res.status, 202);
  const phone = await newPage();
  const laptop = await newPage({ viewport: { width: 1280, height: 900 } });
  for (const { page } of [phone, laptop]) {
    await logIn(page, email, password);
    await page.waitForURL(/\/account$/);
  }
  // A trusted-device cookie came with the sign-in (HttpOnly).
  const cookies = await laptop.context.cookies();
  const device = cookies.find((c) => c.name === 'techplus.device');
  assert.ok(device?.httpOnly, 'a device cookie at sign-in');

  await waitForHydration(laptop.page);
  await laptop.page.getByRole('button', { name: 'Se déconnecter partout' }).click();
  await laptop.page.waitForURL(/\/login\?done=signed_out_everywhere/);
  assert.match(await laptop.page.locator('#done-message').innerText(), /tous les appareils/);
  await screenshot(laptop.page, 'account-signed-out-everywhere-1280');
  await assertAccessible(laptop.page, 'login page after logging out everywhere');

  // The other browser is signed out too.
  await phone.page.goto(`${server.base}/account`);
  await phone.page.waitForURL(/\/login$/);
  for (const { context, errors } of [phone, laptop]) {
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('forgot password, reset from the e-mail, log in with the new one', async () => {
  const email = 'grace.reset@example.com';
  const res = await fetch(`${server.base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ name: 'Grace Hopper', email, password: 'the old password 1' }),
  });
  assert.equal(res.status, 202);

  const { context, page, errors } = await newPage({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  await page.goto(`${server.base}/login`);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.waitForURL(/\/account\/forgot$/);
  await page.fill('#email', email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await page.waitForURL(/done=sent/);
  assert.match(await page.locator('#done-message').innerText(), /If an account exists/);

  const mail = await waitForMail(server.mailDir, '/account/reset/');
  await page.goto(link(mail, 'reset'));
  await waitForHydration(page);
  assert.equal(await page.getAttribute('#password', 'autocomplete'), 'new-password');
  await page.fill('#password', 'short');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.locator('#password-error').waitFor();
  assert.match(await page.locator('#password-error').innerText(), /at least 12 characters/);
  await page.fill('#password', 'a brand new password');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.waitForURL(/\/login\?done=reset/);

  await page.fill('#email', email);
  await page.fill('#password', 'a brand new password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/account$/);
  // The account page's chunk may still be on its way when the address changes.
  await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();

  // The link works once.
  await page.goto(link(mail, 'reset'));
  await waitForHydration(page);
  await page.fill('#password', 'yet another password');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.locator('#reset-errors').waitFor();
  assert.match(await page.locator('#reset-errors').innerText(), /invalid or has expired/);

  // Changing the password checks the current one.
  await page.goto(`${server.base}/account`);
  await waitForHydration(page);
  assert.equal(await page.getAttribute('#current_password', 'autocomplete'), 'current-password');
  await page.fill('#current_password', 'not my password');
  await page.fill('#new_password', 'the newest password');
  await page.getByRole('button', { name: 'Change my password' }).click();
  await page.locator('#current_password-error').waitFor();
  assert.match(await page.locator('#current_password-error').innerText(), /not correct/);
  await page.fill('#current_password', 'a brand new password');
  await page.fill('#new_password', 'the newest password');
  await page.getByRole('button', { name: 'Change my password' }).click();
  await page.waitForURL(/done=password/);
  await page.locator('#done-message').waitFor();

  // Deleting the account asks for the password.
  await page.fill('#delete_password', 'not my password');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.locator('#delete_password-error').waitFor();
  assert.match(await page.locator('#delete_password-error').innerText(), /not correct/);
  await page.fill('#delete_password', 'the newest password');
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await page.waitForURL(/\/login\?done=deleted/);
  await page.fill('#email', email);
  await page.fill('#password', 'the newest password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('#login-errors').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('logging in works before hydration (no JavaScript)', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.base}/login`);
  // A refused sign-in comes back to the form with the translated message.
  await page.fill('#email', ADMIN.email);
  await page.fill('#password', 'not the password at all');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/login\?/);
  assert.match(await page.locator('#login-errors').innerText(), /Adresse e-mail ou mot de passe incorrect/);
  await page.fill('#email', ADMIN.email);
  await page.fill('#password', ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  // Staff land on the host stand's "Today".
  await page.waitForURL(/\/admin$/);
  assert.equal(await page.locator('.admin-nav a[aria-current="page"]').innerText(), 'Aujourd’hui');
  await context.close();
});

test('an admin invites a staff member, who accepts and is signed in', async () => {
  const { context, page, errors } = await newPage();
  await logIn(page, ADMIN.email, ADMIN.password);
  await page.waitForURL(/\/admin$/);
  await page.locator('.admin-nav').getByRole('link', { name: 'Équipe' }).click();
  await page.waitForURL(/\/admin\/team$/);
  await page.locator('#invite-heading').waitFor();
  await shoot(page, 'admin');
  await page.fill('#email', 'jules.staff@example.com');
  await page.fill('#name', 'Jules');
  await page.selectOption('#role', 'staff');
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await page.waitForURL(/done=invited/);
  await page.locator('#done-message').waitFor();

  const mail = await waitForMail(server.mailDir, '/account/invite/');
  const staff = await newPage();
  await staff.page.goto(link(mail, 'invite'));
  await waitForHydration(staff.page);
  assert.equal(await staff.page.getAttribute('#password', 'autocomplete'), 'new-password');
  await staff.page.fill('#password', 'service du soir 2026');
  await staff.page.getByRole('button', { name: 'Activer mon compte' }).click();
  await staff.page.waitForURL(/\/account\?done=welcome/);
  await staff.page.locator('#done-message').waitFor();
  assert.equal(await staff.page.locator('.nav-account a').last().innerText(), 'Mon compte');

  // Staff are not admins: the team page refuses them.
  staff.errors.expectRefusal('/admin/team');
  const refused = await staff.page.goto(`${server.base}/admin/team`);
  assert.equal(refused.status(), 403);
  assert.match(await staff.page.locator('.not-found').innerText(), /Accès refusé/);

  // The admin sees Jules on the team, deactivates him (a confirmation
  // first): his session ends at once.
  await page.goto(`${server.base}/admin/team`);
  await waitForHydration(page);
  const jules = page.locator('tr[data-member="jules.staff@example.com"]');
  assert.equal(await jules.getAttribute('data-status'), 'active');
  await assertAccessible(page, 'admin team');
  await jules.getByRole('link', { name: /^Désactiver/ }).click();
  await page.locator('#confirm-deactivate').waitFor();
  await shoot(page, 'team-confirm');
  await page.getByRole('button', { name: 'Confirmer la désactivation' }).click();
  await page.waitForURL(/done=deactivated/);
  await page.locator('tr[data-member="jules.staff@example.com"][data-status="deactivated"]').waitFor();
  await staff.page.goto(`${server.base}/account`);
  await staff.page.waitForURL(/\/login/);
  assert.deepEqual(staff.errors, []);
  await staff.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});
