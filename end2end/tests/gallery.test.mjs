// The restaurant's photos in a real browser: an admin adds one on the
// settings screen with what it shows (a file that is not a photo first:
// refused in words, nothing added), diners see it on the home page with
// that text, the admin describes a second one, moves it first and removes
// the other. axe-core, and screenshots at 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
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

const gallery = (page) => page.locator('section#gallery');

async function upload(page, file, altFr = '', altEn = '') {
  await page.setInputFiles('#gallery-photo', file);
  await page.fill('#gallery-new-alt-fr', altFr);
  await page.fill('#gallery-new-alt-en', altEn);
  await page.getByRole('button', { name: 'Ajouter la photo' }).click();
  await page.waitForURL(/gallery(_error)?=/);
}

test('an admin keeps the photos of the restaurant, diners see them', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await page.goto(`${server.base}/admin/settings`);
  await waitForHydration(page);
  await gallery(page).getByRole('heading', { name: 'Photos du restaurant' }).waitFor();
  await gallery(page).getByText('Aucune photo pour l’instant.').waitFor();

  // Not a photo: said in words, nothing added.
  await upload(page, { name: 'carte.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7 pas une photo') });
  await gallery(page).getByText('Uniquement des photos JPEG, PNG ou WebP.').waitFor();
  assert.equal(await gallery(page).locator('li.gallery-admin-item').count(), 0);

  // A photo with what it shows.
  await upload(page, { name: 'salle.png', mimeType: 'image/png', buffer: png(1200, 800) },
    'La salle un soir d’été', 'The room on a summer night');
  await gallery(page).getByText('La photo est ajoutée.').waitFor();
  const items = gallery(page).locator('li.gallery-admin-item');
  assert.equal(await items.count(), 1);
  assert.equal(await items.first().locator('input[name="alt_fr"]').inputValue(), 'La salle un soir d’été');

  // Diners see it on the home page, described.
  const diner = await browser.newPage({ locale: 'fr-FR' });
  await diner.goto(`${server.base}/`);
  const shown = diner.locator('section.gallery img');
  await shown.first().waitFor();
  assert.equal(await shown.first().getAttribute('alt'), 'La salle un soir d’été');
  assert.match(await shown.first().getAttribute('srcset'), /-400\.jpg 400w/);
  await assertAccessible(diner, 'home with its gallery');
  await diner.close();

  // A second photo, described afterwards, then moved first.
  await upload(page, { name: 'terrasse.png', mimeType: 'image/png', buffer: png(900, 600) });
  await items.nth(1).waitFor();
  await waitForHydration(page);
  await items.nth(1).locator('input[name="alt_fr"]').fill('La terrasse');
  await items.nth(1).getByRole('button', { name: 'Enregistrer la description – photo 2' }).click();
  await page.locator('.status-region').getByText('La description est enregistrée.').waitFor();
  await items.nth(1).getByRole('button', { name: 'Plus tôt – photo 2' }).click();
  await page.waitForFunction(() =>
    document.querySelector('section#gallery li.gallery-admin-item input[name="alt_fr"]')?.value === 'La terrasse');
  await assertAccessible(page, 'admin settings, gallery');
  for (const width of [768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await gallery(page).scrollIntoViewIfNeeded();
    await screenshot(page, `staff-gallery-${width}`);
  }

  // The room's photo removed: the terrace stays.
  await items.nth(1).getByRole('button', { name: 'Supprimer – photo 2' }).click();
  await page.locator('.status-region').getByText('La photo est supprimée.').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('section#gallery li.gallery-admin-item').length === 1);
  assert.equal(await items.first().locator('input[name="alt_fr"]').inputValue(), 'La terrasse');
  assert.deepEqual(errors(), []);
  await context.close();
});
