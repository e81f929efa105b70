// The home page in a real browser: once the page runs, the next free times
// for two by day (each a link to the booking's second step, which books
// it) and today marked in the opening hours; a taste of the menu; without
// JavaScript the page still reads and books. axe-core, and screenshots at
// 360, 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { watchErrors } from '../lib/console.mjs';
import { parisToday, fillDetails, confirm } from '../lib/booking.mjs';

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

const times = (page) => page.locator('.next-free-list a');

/** Today's day of the week at the restaurant, in `locale`. */
function todayName(locale) {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'Europe/Paris' })
    .format(new Date(`${parisToday()}T12:00:00Z`));
}

test('the home page offers the next free times for two, and one books', async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 360, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.base}/`);
  await waitForHydration(page);
  await page.getByRole('heading', { name: 'Free tables for 2' }).waitFor();
  assert.equal(await times(page).count(), 4);
  const today = parisToday();
  const offered = [];
  for (const link of await times(page).all()) {
    const url = new URL(await link.getAttribute('href'), server.base);
    assert.equal(url.pathname, '/book/details');
    assert.equal(url.searchParams.get('party'), '2');
    const date = url.searchParams.get('date');
    const time = url.searchParams.get('time');
    assert.ok(date >= today, `${date} is not in the past`);
    offered.push(`${date} ${time}`);
    const text = (await link.textContent()).trim();
    if (date === today) assert.equal(text, `Today, ${time}`);
    else assert.match(text, new RegExp(`^\\w{3} ${Number(date.slice(8))} \\w+, ${time}$`));
  }
  assert.deepEqual([...offered].sort(), offered, 'in time order');

  // Today is marked in the week's hours, in words.
  const row = page.locator('dl.hours .hours-row[aria-current="date"]');
  assert.equal(await row.count(), 1);
  assert.match(await row.locator('dt').innerText(), new RegExp(`^${todayName('en-GB')}\\s*Today$`, 'i'));

  // A taste of the menu, and the way to the rest.
  const preview = page.locator('section.menu-preview');
  await preview.getByRole('heading', { name: 'From the menu' }).waitFor();
  const dishes = await preview.locator('li.menu-item').count();
  assert.ok(dishes >= 1 && dishes <= 3, `${dishes} dishes`);
  await preview.getByRole('link', { name: 'See the whole menu' }).waitFor();

  await assertAccessible(page, 'home page');
  await screenshot(page, 'home-360');
  for (const width of [768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${width} px (${overflow} px)`);
    await screenshot(page, `home-${width}`);
  }

  // The first time offered goes straight to the guest's details.
  const [date, time] = offered[0].split(' ');
  await times(page).first().click();
  await page.waitForURL(/\/book\/details\?/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('date'), date);
  assert.equal(url.searchParams.get('time'), time);
  await waitForHydration(page);
  await fillDetails(page, {
    name: 'Hana Ito', email: 'hana@example.com', phone: '+33 6 12 34 56 78',
  }, { lang: 'en' });
  const { reference } = await confirm(page, { lang: 'en' });
  assert.match(reference, /\S/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in French, today is "Aujourd’hui"', async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  await waitForHydration(page);
  await page.getByRole('heading', { name: 'Tables libres pour 2' }).waitFor();
  const row = page.locator('dl.hours .hours-row[aria-current="date"]');
  assert.match(await row.locator('dt').innerText(), new RegExp(`^${todayName('fr-FR')}\\s*Aujourd’hui$`, 'i'));
  for (const link of await times(page).all()) {
    const date = new URL(await link.getAttribute('href'), server.base).searchParams.get('date');
    if (date === parisToday()) assert.match((await link.textContent()).trim(), /^Aujourd’hui, \d\d:\d\d$/);
  }
  await context.close();
});

test('without JavaScript the home page reads and leads to the booking', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  await page.getByRole('heading', { level: 1, name: 'Chez Margot' }).waitFor();
  // The free times need the browser's question: a link to all of them
  // stands in their place.
  const all = page.locator('.next-free').getByRole('link', { name: 'Voir tous les horaires libres' });
  assert.equal(await all.getAttribute('href'), '/book');
  assert.equal(await page.locator('.next-free-list a').count(), 0);
  assert.equal(await page.locator('.hours-row[aria-current]').count(), 0);
  assert.ok((await page.locator('section.menu-preview li.menu-item').count()) >= 1);
  await page.locator('main').getByRole('link', { name: 'Réserver une table' }).first().click();
  await page.waitForURL(/\/book$/);
  await context.close();
});
