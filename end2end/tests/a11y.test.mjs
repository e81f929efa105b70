// axe-core (WCAG 2.0–2.2 A and AA) on every public and account page, in
// both languages, on a phone: the site's pages, each step of the booking
// that needs no payment, managing a booking, signing in, registering, the
// forgotten password, the signed-in account page, the offline and
// not-found pages. Screens in other states (the lightbox, errors, a
// booking being managed) are checked by their own tests.
import { test, before, after } from 'node:test';
import { launchBrowser, waitForHydration } from '../lib/harness.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { startStaffServer, ADMIN } from '../lib/staff.mjs';
import { serviceDay } from '../lib/booking.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.a11y@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const date = () => serviceDay(1);

/** The public pages: address, and what must be on it once loaded. */
const PAGES = [
  ['/', '.next-free-list a'],
  ['/menu', '.menu-item'],
  ['/about', 'main h1'],
  ['/contact', '#contact-form'],
  ['/book', '.calendar-card'],
  [() => `/book?party=2&date=${date()}`, 'a.slot'],
  [() => `/book/details?party=2&date=${date()}&time=12:00`, '#name'],
  ['/manage', 'main form'],
  ['/login', '#email'],
  ['/register', '#email'],
  ['/account/forgot', '#email'],
  ['/offline', 'main h1'],
  ['/no-such-page', 'main h1'],
];

for (const locale of ['fr-FR', 'en-GB']) {
  test(`every public page passes axe-core (${locale})`, async () => {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    for (const [path, ready] of PAGES) {
      const address = typeof path === 'function' ? path() : path;
      await page.goto(`${server.base}${address}`);
      await waitForHydration(page);
      await page.locator(ready).first().waitFor();
      await assertAccessible(page, `${address} (${locale})`);
    }
    await context.close();
  });

  test(`the signed-in account page passes axe-core (${locale})`, async () => {
    const context = await browser.newContext({ locale, viewport: { width: 360, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.base}/login`);
    await waitForHydration(page);
    await page.fill('#email', server.adminEmail);
    await page.fill('#password', ADMIN.password);
    await page.locator('main form button[type="submit"]').click();
    await page.waitForURL(/\/admin$/);
    await page.goto(`${server.base}/account`);
    await waitForHydration(page);
    await page.locator('main h1').waitFor();
    await assertAccessible(page, `/account (${locale})`);
    await context.close();
  });
}
