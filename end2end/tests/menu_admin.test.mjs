// The menu screen in a real browser: an admin adds a category and a dish
// in it (a price with three decimals first: named, nothing made), opens
// the dish, adds a photo through the file picker (sent by the script, with
// its progress) and sees it served in WebP, is refused a text file named
// .jpg in words, drops two photos at once (sent one after the other),
// removes one, marks the dish sold out, is refused removing a category
// that has dishes, removes the dish (a confirmation first) and the
// category. Staff only read the menu and mark a dish sold out. Before
// hydration a photo goes through the plain form. axe-core, and screenshots
// at 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { startStaffServer, signIn } from '../lib/staff.mjs';
import { waitForMail } from '../lib/booking.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';
import { png } from '../lib/png.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.menu@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const category = (page, name) =>
  page.locator('section.menu-category', { has: page.locator('h2', { hasText: name }) });

/** Picks `files` through the file picker of the upload box. */
async function pick(page, files) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.locator('#photo-file').click(),
  ]);
  assert.ok(chooser.isMultiple(), 'once hydrated, several photos can be picked at once');
  await chooser.setFiles(files);
}

async function noOverflow(page, width) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the menu screen overflows by ${overflow}px at ${width}px`);
}

test('an admin keeps the menu: a category, a dish, its photos, sold out', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  await page.locator('.admin-nav').getByRole('link', { name: 'Carte' }).click();
  await page.waitForURL(/\/admin\/menu$/);
  await page.getByRole('heading', { level: 1, name: 'La carte' }).waitFor();
  // The demo menu, in order, each dish with its price and allergens.
  const starters = category(page, 'Entrées');
  await starters.waitFor();
  const soup = starters.locator('li.menu-dish', { hasText: 'Velouté de potimarron' });
  assert.match(await soup.innerText(), /9,00\u00a0€[\s\S]*Fruits à coque/);
  assert.equal(await page.getByRole('button', { name: 'Monter Entrées' }).count(), 0);
  await page.getByRole('button', { name: 'Descendre Entrées' }).waitFor();

  // A category.
  await page.fill('#category-new-name-fr', 'Fromages');
  await page.fill('#category-new-name-en', 'Cheeses');
  await page.getByRole('button', { name: 'Ajouter la catégorie' }).click();
  await page.locator('.status-region').getByText('La catégorie est enregistrée.').waitFor();
  const cheeses = category(page, 'Fromages');
  await cheeses.waitFor();
  assert.match(await cheeses.innerText(), /Aucun plat dans cette catégorie/);

  // A dish with a price of three decimals: named, inline and in the
  // summary (which takes the focus); nothing made, nothing typed lost.
  await page.selectOption('#dish-category', { label: 'Fromages' });
  await page.fill('#dish-name-fr', 'Plateau de fromages');
  await page.fill('#dish-name-en', 'Cheese board');
  await page.fill('#dish-description-fr', 'Comté 24 mois, brie de Meaux, noix');
  await page.fill('#dish-price', '12,345');
  assert.equal(await page.getAttribute('#dish-price', 'inputmode'), 'decimal');
  await page.getByRole('group', { name: 'Allergènes' }).getByRole('checkbox', { name: 'Lait' }).check();
  await page.getByRole('group', { name: 'Allergènes' }).getByRole('checkbox', { name: 'Fruits à coque' }).check();
  await page.getByRole('group', { name: 'Régimes alimentaires' }).getByRole('checkbox', { name: 'Végétarien' }).check();
  await page.getByRole('button', { name: 'Ajouter le plat' }).click();
  const summary = page.locator('#dish-errors');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Prix \(€\)/);
  await page.waitForFunction(() => document.activeElement?.id === 'dish-errors');
  assert.match(await page.locator('#dish-price-error').innerText(), /deux décimales au plus/);
  assert.equal(await page.getAttribute('#dish-price', 'aria-invalid'), 'true');
  assert.match(await page.getAttribute('#dish-price', 'aria-describedby'), /dish-price-error/);
  assert.equal(await page.inputValue('#dish-name-fr'), 'Plateau de fromages');
  assert.ok(await page.isChecked('#dish-allergens-nuts'));
  assert.equal(await cheeses.locator('li.menu-dish').count(), 0);
  await assertAccessible(page, 'admin menu, dish form with errors');

  // Put right: the dish stands in its category with its tags in words.
  await page.fill('#dish-price', '12,50');
  await page.getByRole('button', { name: 'Ajouter le plat' }).click();
  await page.waitForURL(/done=item/);
  const board = cheeses.locator('li.menu-dish', { hasText: 'Plateau de fromages' });
  await board.waitFor();
  assert.match(await board.innerText(), /12,50\u00a0€[\s\S]*Lait[\s\S]*Fruits à coque[\s\S]*Végétarien/);

  // Its form, prefilled.
  await board.getByRole('link', { name: 'Modifier – Plateau de fromages' }).click();
  await page.waitForURL(/edit=\d+/);
  await page.getByRole('heading', { name: 'Modifier Plateau de fromages' }).waitFor();
  assert.equal(await page.inputValue('#dish-price'), '12.50');
  assert.ok(await page.isChecked('#dish-allergens-milk'));
  assert.ok(!(await page.isChecked('#dish-allergens-eggs')));
  // (Where the focus lands when the form opens from a link: not checked yet.)

  // A photo through the file picker: sent by the script, shown at once.
  const photos = page.locator('section#photos');
  await photos.getByRole('heading', { name: 'Photos : Plateau de fromages' }).waitFor();
  await pick(page, { name: 'plateau.png', mimeType: 'image/png', buffer: png(900, 600) });
  const thumb = photos.locator('li.menu-photo img');
  await thumb.waitFor();
  assert.match(await thumb.getAttribute('src'), /-400\.jpg$/);
  assert.equal(await thumb.getAttribute('width'), '400');
  assert.equal(await thumb.getAttribute('height'), '267');
  const webp = await photos.locator('li.menu-photo source[type="image/webp"]').getAttribute('srcset');
  assert.match(webp, /-400\.webp$/);
  await photos.locator('.menu-upload-said').getByText('Photo ajoutée.').waitFor();
  assert.equal(await photos.locator('.menu-upload[data-upload="added"]').count(), 1);
  const served = await page.request.get(`${server.base}${webp}`);
  assert.equal(served.status(), 200);
  assert.equal(served.headers()['content-type'], 'image/webp');
  await board.locator('.menu-thumbs img').waitFor();

  // A text file named .jpg: refused in words, nothing stored.
  await pick(page, { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('Pas une photo.\n') });
  const refused = photos.locator('.menu-upload[data-upload="refused"]');
  await refused.waitFor();
  assert.match(await refused.innerText(), /notes\.jpg[\s\S]*Uniquement des photos JPEG, PNG ou WebP/);
  assert.match(await photos.locator('.menu-upload-said').innerText(), /notes\.jpg : Uniquement des photos JPEG, PNG ou WebP/);
  assert.equal(await photos.locator('li.menu-photo').count(), 1);

  // Two photos dropped onto the box at once: sent one after the other,
  // each said in turn.
  await page.evaluate(() => {
    window.__said = [];
    const region = document.querySelector('#photos .menu-upload-said');
    new MutationObserver(() => window.__said.push(region.textContent)).observe(region, {
      childList: true, characterData: true, subtree: true,
    });
  });
  await page.evaluate(async (files) => {
    const dt = new DataTransfer();
    for (const [name, base64] of files) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], name, { type: 'image/png' }));
    }
    const zone = document.getElementById('photo-upload');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, [['large.png', png(640, 480).toString('base64')], ['tall.png', png(480, 640).toString('base64')]]);
  await photos.locator('li.menu-photo').nth(2).waitFor();
  await page.waitForFunction(() => document.querySelectorAll('#photos .menu-upload[data-upload="added"]').length === 2);
  const said = await page.evaluate(() => window.__said);
  assert.ok(said.includes('Envoi 1 sur 2…') && said.includes('Envoi 2 sur 2…'), said.join(' | '));
  assert.equal(await photos.locator('.menu-upload-said').innerText(), 'Photo ajoutée.');
  await assertAccessible(page, 'admin menu, a dish being edited with its photos');
  for (const width of [360, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await noOverflow(page, width);
    if (width !== 360) await screenshot(page, `staff-menu-edit-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // A photo removed: back to the dish's photos, the focus on their heading.
  await photos.getByRole('button', { name: 'Supprimer la photo 3' }).click();
  await page.locator('.status-region').getByText('La photo est supprimée.').waitFor();
  await page.waitForURL(/edit=\d+&done=photo_removed/);
  await page.waitForFunction(() => document.querySelectorAll('#photos li.menu-photo').length === 2);
  await page.waitForFunction(() => document.activeElement?.id === 'photos-title');

  // Sold out today: said on the dish.
  await board.getByRole('button', { name: 'Épuisé aujourd’hui – Plateau de fromages' }).click();
  await board.locator('.menu-tag-sold-out', { hasText: 'Épuisé aujourd’hui' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent?.includes('De retour à la carte'));
  const menuNow = await (await page.request.get(`${server.base}/api/admin/menu/categories`)).json();
  const listed = menuNow.flatMap((c) => c.items).find((i) => i.name.fr === 'Plateau de fromages');
  assert.equal(listed.available, false);
  await assertAccessible(page, 'admin menu, a dish sold out');
  await screenshot(page, 'staff-menu-1280');
  await page.setViewportSize({ width: 768, height: 900 });
  await screenshot(page, 'staff-menu-768');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The category moves up (above the desserts), its focus kept.
  const order = async () => page.locator('section.menu-category h2').allInnerTexts();
  const before = await order();
  await page.getByRole('button', { name: 'Monter Fromages' }).click();
  await page.waitForFunction(
    (b) => {
      const now = [...document.querySelectorAll('section.menu-category h2')].map((h) => h.textContent);
      return now.indexOf('Fromages') === b.indexOf('Fromages') - 1;
    },
    before,
  );
  // (Where the focus lands after a move: not checked yet.)
  assert.notDeepEqual(await order(), before);

  // A category with a dish stays, said in words.
  await cheeses.getByRole('button', { name: 'Supprimer la catégorie – Fromages' }).click();
  await cheeses.getByText(/déplacez ou supprimez d’abord ses plats/).waitFor();

  // The dish goes after a confirmation, then the category.
  await board.getByRole('link', { name: 'Supprimer – Plateau de fromages' }).click();
  await page.waitForURL(/remove=\d+/);
  await page.getByRole('heading', { name: 'Supprimer Plateau de fromages ?' }).waitFor();
  await page.getByRole('button', { name: 'Supprimer le plat' }).click();
  await page.waitForURL(/done=item_removed/);
  await board.waitFor({ state: 'detached' });
  await cheeses.getByRole('button', { name: 'Supprimer la catégorie – Fromages' }).click();
  await page.locator('.status-region').getByText('La catégorie est supprimée.').waitFor();
  await cheeses.waitFor({ state: 'detached' });

  assert.deepEqual(errors, []);
  await context.close();
});

test('staff read the menu and mark a dish sold out, nothing more', async () => {
  // The admin invites a staff member, who sets a password.
  const admin = await browser.newContext({ locale: 'fr-FR' });
  const adminPage = await admin.newPage();
  await signIn(adminPage, server);
  await adminPage.goto(`${server.base}/admin/team`);
  await waitForHydration(adminPage);
  await adminPage.fill('#email', 'lea.salle@example.com');
  await adminPage.fill('#name', 'Léa');
  await adminPage.selectOption('#role', 'staff');
  await adminPage.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await adminPage.waitForURL(/done=invited/);
  await admin.close();
  const mail = await waitForMail(server.mailDir, '/account/invite/');
  const link = mail.match(/https?:\/\/[^\s"<>]+\/account\/invite\/[A-Za-z0-9_-]+/)[0];

  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 768, height: 1000 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(link);
  await waitForHydration(page);
  await page.fill('#password', 'service du midi 2026');
  await page.getByRole('button', { name: 'Activer mon compte' }).click();
  await page.waitForURL(/\/account\?done=welcome/);

  await page.goto(`${server.base}/admin/menu`);
  await waitForHydration(page);
  await page.getByText('Seuls les administrateurs modifient la carte.', { exact: false }).waitFor();
  for (const name of ['Ajouter la catégorie', 'Ajouter le plat', /^Monter/, /^Supprimer/]) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, `staff see no ${name} button`);
  }
  assert.equal(await page.getByRole('link', { name: /^Modifier/ }).count(), 0);
  const soup = category(page, 'Entrées').locator('li.menu-dish', { hasText: 'Velouté de potimarron' });
  await soup.getByRole('button', { name: 'Épuisé aujourd’hui – Velouté de potimarron' }).click();
  await soup.locator('.menu-tag-sold-out').waitFor();
  await soup.getByRole('button', { name: 'De retour à la carte – Velouté de potimarron' }).click();
  await soup.locator('.menu-tag-sold-out').waitFor({ state: 'detached' });
  await assertAccessible(page, 'admin menu, read by staff');
  await screenshot(page, 'staff-menu-read-only-768');
  assert.deepEqual(errors, []);
  await context.close();
});

test('before hydration a photo goes through the plain form (no JavaScript)', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server);
  const menu = await (await page.request.get(`${server.base}/api/admin/menu/categories`)).json();
  const dish = menu[0].items[0];
  await page.goto(`${server.base}/admin/menu?edit=${dish.id}#photos`);
  const photos = page.locator('section#photos');
  await page.setInputFiles('#photo-file', { name: 'plat.png', mimeType: 'image/png', buffer: png(500, 500) });
  await page.getByRole('button', { name: 'Ajouter la photo' }).click();
  await page.waitForURL(/photo=added/);
  assert.match(await photos.locator('[role="status"].alert').innerText(), /Photo ajoutée/);
  assert.equal(await photos.locator('li.menu-photo img').count(), dish.photos.length + 1);
  // A file that is no photo comes back refused, in words.
  await page.setInputFiles('#photo-file', { name: 'menu.webp', mimeType: 'image/webp', buffer: Buffer.from('RIFF....WEBPnot really') });
  await page.getByRole('button', { name: 'Ajouter la photo' }).click();
  await page.waitForURL(/photo_error=/);
  assert.match(await photos.locator('[role="alert"]').innerText(), /Uniquement des photos JPEG, PNG ou WebP|ne peut pas être lu/);
  await context.close();
});
