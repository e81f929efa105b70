// The restaurant's gallery in a real browser: an admin opens the settings
// from the menu, sends a file that is no photo (refused in words, nothing
// stored), adds two photos (one described in both languages), reads them
// on the home page (each with its words, or a fallback naming the
// restaurant; the first one the page's photo, with no layout shift),
// describes the second, moves it first and removes the
// other. axe-core, and the
// section at 390 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchBrowser, waitForHydration, screenshot, screenshotDir } from '../lib/harness.mjs';
import { startStaffServer, signIn } from '../lib/staff.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { png } from '../lib/png.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.gallery@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const section = (page) => page.locator('section#gallery');
const items = (page) => section(page).locator('li.gallery-admin-item');

/** The home page's gallery: each photo's alternative text, in order. */
async function homeAlts(locale = 'fr-FR') {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  // The grid's photos (the lightbox holds one more, the one it shows).
  const alts = await page.locator('section.gallery .gallery-grid img').evaluateAll((imgs) => imgs.map((i) => i.alt));
  await context.close();
  return alts;
}

/**
 * The home page's first photo at 390 px: drawn at once, announced in the
 * head, with its words; the layout does not move while the page loads
 * (cumulative layout shift, as the browser measures it).
 */
async function homeHero() {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  await waitForHydration(page);
  // The free times arrive after the page: they must not move it.
  await page.locator('.next-free-list a').first().waitFor();
  const img = page.locator('.hero-photo img');
  const hero = {
    alt: await img.getAttribute('alt'),
    priority: await img.getAttribute('fetchpriority'),
    lazy: await img.getAttribute('loading'),
    preload: await page.locator('head link[rel="preload"][as="image"]').getAttribute('imagesrcset'),
    shift: await page.evaluate(() => new Promise((done) => {
      let total = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => done(total), 500);
    })),
  };
  await context.close();
  return hero;
}

/** The home page's gallery at `width` px: no sideways scrolling, a screenshot. */
async function homeAt(width) {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  await page.locator('section.gallery').scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the home page's gallery scrolls sideways at ${width} px (${overflow} px)`);
  await screenshot(page, `home-gallery-${width}`);
  await context.close();
}

async function upload(page, file, { fr = '', en = '' } = {}) {
  await section(page).locator('#gallery-photo').setInputFiles(file);
  if (fr) await page.fill('#gallery-new-alt-fr', fr);
  if (en) await page.fill('#gallery-new-alt-en', en);
  await section(page).getByRole('button', { name: 'Ajouter la photo' }).click();
  await page.waitForURL(/\/admin\/settings\?gallery/);
  await waitForHydration(page);
}

test('an admin adds, describes, orders and removes the restaurant photos', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  await page.locator('.admin-nav').getByRole('link', { name: 'Réglages' }).click();
  await page.waitForURL(/\/admin\/settings$/);
  await section(page).getByText('Aucune photo pour l’instant.').waitFor();

  // A text file named like a photo: refused in words, nothing stored.
  await upload(page, { name: 'menu.png', mimeType: 'image/png', buffer: Buffer.from('pas une photo') });
  assert.match(await section(page).locator('#gallery-upload-error').innerText(), /JPEG, PNG ou WebP|ne peut pas être lu/);
  assert.equal(await items(page).count(), 0);

  // Two photos, the first described in both languages.
  await upload(page, { name: 'salle.png', mimeType: 'image/png', buffer: png(900, 600) }, {
    fr: 'La salle et ses tables en chêne', en: 'The dining room and its oak tables',
  });
  await section(page).getByText('La photo est ajoutée.').waitFor();
  await upload(page, { name: 'terrasse.png', mimeType: 'image/png', buffer: png(800, 800) });
  assert.equal(await items(page).count(), 2);
  assert.deepEqual(await homeAlts(), ['La salle et ses tables en chêne', 'Photo 2 de Chez Margot']);
  assert.equal((await homeAlts('en-US'))[0], 'The dining room and its oak tables');

  // The second one described, then moved first.
  const second = items(page).nth(1);
  await second.getByLabel('Ce qu’elle montre, en français').fill('La terrasse au soleil');
  await second.getByRole('button', { name: 'Enregistrer la description – photo 2' }).click();
  await page.locator('.status-region').getByText('La description est enregistrée.').waitFor();
  await items(page).nth(1).getByRole('button', { name: 'Plus tôt – photo 2' }).click();
  await page.waitForFunction(() =>
    document.querySelector('li.gallery-admin-item input[name="alt_fr"]')?.value === 'La terrasse au soleil');
  assert.deepEqual(await homeAlts(), ['La terrasse au soleil', 'La salle et ses tables en chêne']);
  // Each form shows its own photo's words after the move (the field typed
  // in before is not left with them).
  assert.deepEqual(
    await items(page).locator('input[name="alt_fr"]').evaluateAll((inputs) => inputs.map((i) => i.value)),
    ['La terrasse au soleil', 'La salle et ses tables en chêne'],
  );
  for (const width of [390, 1280]) await homeAt(width);
  const hero = await homeHero();
  assert.equal(hero.alt, 'La terrasse au soleil');
  assert.equal(hero.priority, 'high');
  assert.equal(hero.lazy, null);
  assert.match(hero.preload ?? '', /\.webp \d+w/);
  assert.ok(hero.shift < 0.02, `layout shift ${hero.shift}`);

  await assertAccessible(page, 'settings, gallery');
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${width} px (${overflow} px)`);
    await section(page).screenshot({ path: join(screenshotDir, `settings-gallery-${width}.png`) });
  }

  // The salle photo (now second) removed.
  await items(page).nth(1).getByRole('button', { name: 'Supprimer – photo 2' }).click();
  await page.locator('.status-region').getByText('La photo est supprimée.').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('li.gallery-admin-item').length === 1);
  assert.deepEqual(await homeAlts(), ['La terrasse au soleil']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a description too long is refused in words before hydration too', async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await signIn(page, server);
  const jsOff = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false, storageState: await context.storageState() });
  const plain = await jsOff.newPage();
  await plain.goto(`${server.base}/admin/settings#gallery`);
  const first = items(plain).first();
  const input = first.getByLabel('Ce qu’elle montre, en anglais');
  const before = await input.inputValue();
  // Past the field's maxlength, as a script-free client could send it.
  await input.evaluate((el) => { el.removeAttribute('maxlength'); el.value = 'x'.repeat(201); });
  await first.getByRole('button', { name: /Enregistrer la description/ }).click();
  await plain.waitForLoadState();
  assert.match(await section(plain).locator('#gallery-errors').innerText(), /200 caractères au plus/);
  await plain.goto(`${server.base}/admin/settings#gallery`);
  assert.equal(await items(plain).first().getByLabel('Ce qu’elle montre, en anglais').inputValue(), before);
  await jsOff.close();
  await context.close();
});


test('the about page tells the story, and its photos open in a lightbox used with the keyboard', async () => {
  // A second photo, so that there is a next one.
  const admin = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const adminPage = await admin.newPage();
  await signIn(adminPage, server);
  await adminPage.goto(`${server.base}/admin/settings`);
  await waitForHydration(adminPage);
  await upload(adminPage, { name: 'cuisine.png', mimeType: 'image/png', buffer: png(1200, 800) }, {
    fr: 'La cuisine ouverte', en: 'The open kitchen',
  });
  await admin.close();

  for (const [width, height] of [[360, 740], [1280, 900]]) {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width, height } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${server.base}/about`);
    await page.getByRole('heading', { level: 1, name: 'About us' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'The team' }).waitFor();
    await waitForHydration(page);
    const photos = page.locator('section.gallery a.gallery-open');
    assert.equal(await photos.count(), 2);
    // Keyboard only: Tab to the first photo, Enter opens it.
    await photos.first().focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    assert.match(await dialog.locator('figcaption').innerText(), /photo 1 of 2/);
    assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus moves into the lightbox');
    await assertAccessible(page, `about page, lightbox open, ${width} px`);
    await screenshot(page, `about-lightbox-${width}`);
    await page.keyboard.press('ArrowRight');
    await dialog.locator('figcaption').getByText('The open kitchen').waitFor();
    assert.match(await dialog.locator('figcaption').innerText(), /photo 2 of 2/);
    // Tab stays inside the lightbox (the page behind is inert).
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      const inside = await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body);
      assert.ok(inside, 'focus stays in the lightbox');
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.activeElement?.id === 'gallery-open-0');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await assertAccessible(page, `about page, ${width} px`);
    await screenshot(page, `about-${width}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
