// The public menu's filters in a real browser: a GET form whose fields are
// the query string, so it works without JavaScript and a link can be
// shared; once hydrated the same filter runs in the page (no reload) and a
// check box or the category applies at once. Expectations come from the
// demo menu (backend/src/seed.rs):
//   Velouté de potimarron   nuts, milk              vegetarian, gluten_free
//   Œuf parfait             eggs, milk              vegetarian, gluten_free
//   Tartare de truite       fish                    gluten_free, dairy_free
//   Joue de bœuf braisée    celery, sulphites       gluten_free, dairy_free
//   Dos de cabillaud        fish, milk              gluten_free
//   Risotto d'épeautre      gluten, milk            vegetarian
//   Tarte Tatin             gluten, eggs, milk      vegetarian
//   Mousse au chocolat      eggs, milk, soybeans    vegetarian, gluten_free
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';

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

async function newPage(options = {}) {
  const context = await browser.newContext({ locale: 'fr-FR', ...options });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

/** The names of the dishes shown, in order. */
async function dishes(page) {
  return page.locator('main .menu-item-name').allInnerTexts();
}

function count(page) {
  return page.locator('main .menu-count');
}

test('without JavaScript the form filters through the query string', async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false });
  await page.goto(server.base + '/menu');
  assert.equal((await dishes(page)).length, 8);
  assert.equal(await count(page).innerText(), '8 plats à la carte');
  assert.equal(await count(page).getAttribute('aria-live'), 'polite');

  await page.getByRole('group', { name: 'Régime alimentaire', exact: true }).getByLabel('Sans lactose').check();
  await page.getByRole('group', { name: 'Sans', exact: true }).getByLabel('Poissons').check();
  await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
  await page.waitForURL(/\/menu\?/);
  const params = new URL(page.url()).searchParams;
  assert.deepEqual(params.getAll('diet'), ['dairy_free']);
  assert.deepEqual(params.getAll('without'), ['fish']);
  assert.deepEqual(await dishes(page), ['Joue de bœuf braisée']);
  assert.equal(await count(page).innerText(), '1 plat correspond');
  // The page comes back with the form as it was sent.
  assert.ok(await page.getByLabel('Sans lactose').isChecked());
  assert.ok(await page.getByLabel('Poissons').isChecked());
  assert.ok(!(await page.getByLabel('Végétarien').isChecked()));

  // Vegetarian without milk: none of the demo dishes.
  await page.goto(server.base + '/menu?diet=vegetarian&without=milk');
  assert.deepEqual(await dishes(page), []);
  assert.equal(await count(page).innerText(), 'Aucun plat ne correspond à ces filtres.');
  await page.locator('main .menu-empty').getByRole('link', { name: 'Effacer les filtres' }).click();
  await page.waitForURL(server.base + '/menu');
  assert.equal((await dishes(page)).length, 8);

  // The search ignores accents and case, in both languages' texts.
  await page.getByLabel('Rechercher dans la carte').fill('CREME');
  await page.getByLabel('Rechercher dans la carte').press('Enter');
  await page.waitForURL(/q=CREME/);
  assert.deepEqual(await dishes(page), ['Velouté de potimarron', 'Tarte Tatin']);
  assert.equal(await count(page).innerText(), '2 plats correspondent');
  assert.equal(await page.getByLabel('Rechercher dans la carte').inputValue(), 'CREME');
  await context.close();
});

test('once hydrated the filters apply in the page, without a reload', async () => {
  const { context, page, errors } = await newPage({ locale: 'en-GB' });
  await page.goto(server.base + '/menu');
  await waitForHydration(page);
  await page.evaluate(() => { window.__noReload = 'still here'; });

  // Diets and allergens are said in words.
  const beef = page.locator('main .menu-item').filter({ hasText: 'Braised beef cheek' });
  assert.deepEqual(await beef.locator('.menu-tag').allInnerTexts(), ['Gluten-free', 'Dairy-free']);
  assert.equal(await beef.locator('.menu-allergens').innerText(), 'Contains: Celery, Sulphites');
  assert.equal(await beef.locator('.menu-item-price').innerText(), '€24.00');

  // Search: "chocolat" finds the mousse (its French name) and only it.
  const search = page.getByLabel('Search the menu');
  await search.fill('chocolat');
  await search.press('Enter');
  await page.waitForURL(/\/menu\?.*q=chocolat/);
  await page.waitForFunction(() => document.querySelectorAll('main .menu-item').length === 1);
  assert.deepEqual(await dishes(page), ['Chocolate mousse']);
  assert.equal(await count(page).innerText(), '1 dish matches');
  assert.equal(await page.locator('main h2').allInnerTexts().then((h) => h.join('|')), 'Desserts');

  // "Clear filters" empties the form too.
  await page.getByRole('search').getByRole('link', { name: 'Clear filters' }).click();
  await page.waitForURL(server.base + '/menu');
  await page.waitForFunction(() => document.querySelectorAll('main .menu-item').length === 8);
  assert.equal(await search.inputValue(), '');

  // Category: applies as soon as it is chosen, and focus stays on it.
  const category = page.getByLabel('Category');
  await category.focus();
  await category.selectOption({ label: 'Mains' });
  await page.waitForURL(/category=\d+/);
  await page.waitForFunction(() => document.querySelectorAll('main .menu-item').length === 3);
  assert.deepEqual(await dishes(page), ['Braised beef cheek', 'Cod loin', 'Spelt risotto']);
  assert.equal(await count(page).innerText(), '3 dishes match');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'menu-category');

  // Vegetarian in the mains: the risotto.
  await page.getByRole('group', { name: 'Suitable for' }).getByLabel('Vegetarian').check();
  await page.waitForURL(/diet=vegetarian/);
  await page.waitForFunction(() => document.querySelectorAll('main .menu-item').length === 1);
  assert.deepEqual(await dishes(page), ['Spelt risotto']);

  // Without milk as well: nothing, and a way out.
  await page.getByRole('group', { name: 'Without' }).getByLabel('Milk').check();
  await page.waitForURL(/without=milk/);
  const empty = page.locator('main .menu-empty');
  await empty.waitFor();
  assert.equal(await count(page).innerText(), 'No dish matches these filters.');
  await empty.getByRole('link', { name: 'Clear filters' }).click();
  await page.waitForURL(server.base + '/menu');
  await page.waitForFunction(() => document.querySelectorAll('main .menu-item').length === 8);
  assert.ok(!(await page.getByLabel('Vegetarian').isChecked()), 'the form follows the address');
  assert.ok(!(await page.getByLabel('Milk').isChecked()));
  assert.equal(await category.inputValue(), '');

  // The back button returns to the previous filters.
  await page.goBack();
  await page.waitForURL(/without=milk/);
  await empty.waitFor();
  assert.ok(await page.getByLabel('Milk').isChecked());

  // Switching the language in place keeps the filters and translates all.
  await page.getByRole('link', { name: /FR/ }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.match(page.url(), /without=milk/);
  assert.equal(await count(page).innerText(), 'Aucun plat ne correspond à ces filtres.');
  assert.ok(await page.getByRole('group', { name: 'Sans', exact: true }).getByLabel('Lait').isChecked());

  assert.equal(await page.evaluate(() => window.__noReload), 'still here', 'no full reload');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a shared link (comma-separated values) shows the menu filtered and the form filled', async () => {
  const { context, page } = await newPage({ locale: 'en-GB', javaScriptEnabled: false });
  await page.goto(server.base + '/menu?diet=gluten_free&without=fish,milk');
  assert.deepEqual(await dishes(page), ['Braised beef cheek']);
  assert.ok(await page.getByLabel('Gluten-free').isChecked());
  assert.ok(await page.getByLabel('Fish').isChecked());
  assert.ok(await page.getByLabel('Milk').isChecked());
  await context.close();
});

for (const locale of ['fr-FR', 'en-GB']) {
  test(`the menu page has no axe-core violations (${locale})`, async () => {
    const { context, page, errors } = await newPage({ locale });
    for (const path of ['/menu', '/menu?diet=vegan', '/menu?q=chocolat']) {
      await page.goto(server.base + path);
      await waitForHydration(page);
      await assertAccessible(page, `${path} (${locale})`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

for (const width of [360, 1280]) {
  test(`the menu fits a ${width} px wide screen`, async () => {
    const { context, page } = await newPage({ viewport: { width, height: 800 } });
    for (const [path, name] of [['/menu', 'menu-public'], ['/menu?diet=dairy_free&without=fish', 'menu-public-filtered'], ['/menu?diet=vegan', 'menu-public-empty']]) {
      await page.goto(server.base + path);
      await waitForHydration(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px at ${width}px`);
      // Every check box and button is at least 24 px (WCAG 2.5.8).
      const small = await page.evaluate(() => [...document.querySelectorAll('main input, main button, main select, main .button')]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < 24 || r.height < 24)
        .map(({ el }) => el.id || el.outerHTML.slice(0, 60)));
      assert.deepEqual(small, [], `targets under 24 px at ${width}px`);
      await screenshot(page, `${name}-${width}`);
    }
    await context.close();
  });
}
