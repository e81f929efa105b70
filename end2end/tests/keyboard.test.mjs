// A table booked with the keyboard alone, from the home page to the
// confirmation: Tab, Enter and Space only, never the mouse. Each step's
// heading takes the focus on arrival (a screen reader says where it is),
// errors are announced (the summary takes the focus), and with reduced
// motion asked for, nothing moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForHydration } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** What has the focus: tag, id, class, href, text. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return {
    tag: el?.tagName.toLowerCase(),
    id: el?.id ?? '',
    cls: el?.className ?? '',
    href: el?.getAttribute('href') ?? '',
    text: (el?.textContent ?? '').trim(),
  };
});

/** Presses Tab until the focused element passes `want` (at most `max` times). */
async function tabTo(page, want, what, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (want(await focused(page))) return;
  }
  assert.fail(`Tab never reached ${what}`);
}

const headingFocused = (page) =>
  page.waitForFunction(() => document.activeElement?.id === 'page-title');

test('a guest books a table from the home page with the keyboard alone', async () => {
  const context = await browser.newContext({ locale: 'en-GB', reducedMotion: 'reduce', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.base}/`);
  await waitForHydration(page);

  // Reduced motion: no transition or animation anywhere.
  const moving = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => {
    const style = getComputedStyle(el);
    return parseFloat(style.transitionDuration) > 0 || parseFloat(style.animationDuration) > 0;
  }).length);
  assert.equal(moving, 0, 'elements still move with reduced motion');

  // The first free time on the home page: straight to the guest's details.
  await page.locator('.next-free-list a').first().waitFor();
  await tabTo(page, (f) => f.cls.includes('slot-link'), 'the first free time');
  const chosen = new URL((await focused(page)).href, server.base);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/book\/details\?/);
  await headingFocused(page);
  assert.equal(new URL(page.url()).searchParams.get('time'), chosen.searchParams.get('time'));

  // Sent empty: the errors are announced (their summary takes the focus).
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'details-errors');
  assert.match(await page.locator('#details-errors').innerText(), /name/i);

  // Filled in by typing, the consent ticked with Space.
  for (const [id, text] of [['name', 'Kenji Sato'], ['email', 'kenji@example.com'], ['phone', '+33 6 11 22 33 44']]) {
    await tabTo(page, (f) => f.id === id, `#${id}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  }
  await tabTo(page, (f) => f.id === 'consent', 'the consent');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('#consent'), true);
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Continue', 'Continue');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/book\/review\?/);
  await headingFocused(page);

  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Confirm booking', 'Confirm booking');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/book\/confirmation\//);
  await headingFocused(page);
  assert.match((await page.locator('.reference').innerText()).trim(), /^[A-Z2-9]{8}$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('from the home page, "Book a table" and a day of the calendar with the keyboard', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  await waitForHydration(page);
  // The skip link comes first.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).href, '#main');
  await tabTo(page, (f) => f.href === '/book' && f.cls.includes('button-primary'), 'Réserver une table');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/book$/);
  await headingFocused(page);
  await tabTo(page, (f) => f.tag === 'a' && f.cls.includes('day') && f.href.includes('date='), 'a day');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'slots-heading');
  await page.locator('a.slot').first().waitFor();
  await page.keyboard.press('Tab');
  assert.ok((await focused(page)).cls.includes('slot'));
  await context.close();
});
