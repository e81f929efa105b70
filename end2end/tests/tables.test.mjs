// The room set up in a real browser: an admin finds the areas with their
// plans and tables, adds an area and a table in it (a form with mistakes
// first: each named, nothing made), changes the table, is refused removing
// an area that has tables, removes the table and the area; before
// hydration too. axe-core, and screenshots at 390, 768 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForHydration, screenshot } from '../lib/harness.mjs';
import { startStaffServer, signIn, book } from '../lib/staff.mjs';
import { watchErrors } from '../lib/console.mjs';
import { assertAccessible } from '../lib/a11y.mjs';

let server;
let browser;

before(async () => {
  server = await startStaffServer('chef.tables@example.com');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const area = (page, name) => page.locator('section.area-card', { has: page.locator('h2', { hasText: name }) });

test('an admin sets the room up: areas, tables on their plans', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await waitForHydration(page);
  await page.locator('.admin-nav').getByRole('link', { name: 'Tables' }).click();
  await page.waitForURL(/\/admin\/tables$/);
  await page.getByRole('heading', { level: 1, name: 'Tables et plan de salle' }).waitFor();
  // The demo room: each area with its plan and its tables.
  const salle = area(page, 'salle');
  await salle.waitFor();
  assert.equal(await salle.getByRole('group', { name: 'Plan de salle : salle' }).count(), 1);
  assert.match(await salle.locator('tr[data-table="T1"]').innerText(), /1–2/);
  await assertAccessible(page, 'admin tables');
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the tables screen overflows by ${overflow}px at ${width}px`);
    await screenshot(page, `staff-tables-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // A new area.
  await page.fill('#area-name-new', 'Mezzanine');
  await page.getByRole('button', { name: 'Ajouter l’espace' }).click();
  await page.locator('.status-region').getByText('L’espace est enregistré.').waitFor();
  const mezzanine = area(page, 'Mezzanine');
  await mezzanine.waitFor();

  // A table with mistakes: each named, nothing made.
  await page.selectOption('#table-area', { label: 'Mezzanine' });
  await page.fill('#table-name', 'T1');
  await page.fill('#table-min', '4');
  await page.fill('#table-max', '2');
  await page.getByRole('button', { name: 'Enregistrer la table' }).click();
  const summary = page.locator('#table-errors');
  await summary.waitFor();
  assert.match(await summary.innerText(), /Convives au maximum/);
  assert.match(await page.locator('#table-form').innerText(), /ne peut pas être inférieur au minimum/);
  assert.equal(await mezzanine.locator('tbody tr').count(), 0);
  await assertAccessible(page, 'admin tables, table form with errors');

  // Put right: the table stands in the new area, on its plan.
  await page.fill('#table-min', '2');
  await page.fill('#table-max', '4');
  await page.fill('#table-x', '3');
  await page.selectOption('#table-shape', 'round');
  await page.getByRole('button', { name: 'Enregistrer la table' }).click();
  // The name is taken: T1 is the salle's.
  await page.locator('#table-form').getByText(/déjà utilisé/).first().waitFor();
  assert.equal(await mezzanine.locator('tbody tr').count(), 0);
  await page.fill('#table-name', 'M1');
  await page.getByRole('button', { name: 'Enregistrer la table' }).click();
  await mezzanine.locator('tr[data-table="M1"]').waitFor();
  assert.match(await mezzanine.locator('tr[data-table="M1"]').innerText(), /2–4[\s\S]*Ronde/);
  assert.equal(await mezzanine.locator('svg text', { hasText: 'M1' }).count(), 1);

  // Changed: more guests.
  await mezzanine.getByRole('link', { name: 'Modifier M1' }).click();
  await page.waitForURL(/edit=\d+/);
  await page.getByRole('heading', { name: 'Modifier M1' }).waitFor();
  await page.fill('#table-max', '6');
  await page.getByRole('button', { name: 'Enregistrer la table' }).click();
  await page.waitForURL(/done=table/);
  await mezzanine.locator('tr[data-table="M1"]', { hasText: '2–6' }).waitFor();

  // An area with a table stays; its table goes, then the area.
  assert.equal(await mezzanine.getByRole('button', { name: /^Supprimer l’espace/ }).count(), 0);
  assert.match(await mezzanine.innerText(), /déplacez ou supprimez d’abord ses tables/);
  await mezzanine.getByRole('button', { name: 'Supprimer M1' }).click();
  await page.locator('.status-region').getByText('La table est supprimée.').waitFor();
  await mezzanine.getByRole('button', { name: 'Supprimer l’espace Mezzanine' }).click();
  await page.locator('.status-region').getByText('L’espace est supprimé.').waitFor();
  await mezzanine.waitFor({ state: 'detached' });

  assert.deepEqual(errors, []);
  await context.close();
});

test('an area is added before hydration (no JavaScript)', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, server);
  await page.goto(`${server.base}/admin/tables`);
  await page.fill('#area-name-new', 'Cave');
  await page.getByRole('button', { name: 'Ajouter l’espace' }).click();
  await page.waitForURL(/\/admin\/tables\?done=area$/);
  await area(page, 'Cave').waitFor();
  assert.match(await page.locator('.status-region').innerText(), /L’espace est enregistré/);
  await context.close();
});

test('staff block a table for an evening, then unblock it', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 768, height: 1000 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await page.goto(`${server.base}/admin/tables`);
  await waitForHydration(page);
  const card = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Tables bloquées' }) });
  await card.getByText('Aucune table n’est bloquée').waitFor();
  // A Thursday at least a week ahead (the demo serves dinner then), so
  // the evening is never past and on the timeline's hours.
  const ahead = new Date(Date.now() + 7 * 86400e3);
  ahead.setUTCDate(ahead.getUTCDate() + ((4 - ahead.getUTCDay() + 7) % 7));
  const day = ahead.toISOString().slice(0, 10);

  // Mistakes first: the end before the start. Named; what was typed stays.
  await card.getByRole('checkbox', { name: 'T1', exact: true }).check();
  await page.fill('#block-start', `${day}T19:00`);
  await page.fill('#block-end', `${day}T18:00`);
  await page.fill('#block-reason', 'Privatisation');
  await card.getByRole('button', { name: 'Bloquer', exact: true }).click();
  const summary = page.locator('#block-errors');
  await summary.waitFor();
  assert.match(await summary.innerText(), /La fin doit venir après le début/);
  assert.equal(await page.inputValue('#block-reason'), 'Privatisation');
  assert.equal(await page.getAttribute('#block-end', 'aria-invalid'), 'true');
  await assertAccessible(page, 'admin tables, block form with errors');

  // Put right: the block is listed with its table and reason.
  await page.fill('#block-end', `${day}T23:30`);
  await card.getByRole('button', { name: 'Bloquer', exact: true }).click();
  const row = card.locator('tr[data-block]', { hasText: 'Privatisation' });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(`${day}, 19:00–23:30[\\s\\S]*T1`));
  // The form is empty again for the next block.
  assert.equal(await page.inputValue('#block-reason'), '');
  await page.locator('.status-region').getByText('Les tables sont bloquées.').waitFor();
  await assertAccessible(page, 'admin tables, a block listed');
  await screenshot(page, 'staff-blocks-768');
  // The API says the same.
  const listed = await page.evaluate(async (d) => {
    const r = await fetch(`/api/admin/blocks?from=${d}&to=${d}`);
    return r.json();
  }, day);
  assert.equal(listed.length, 1);
  assert.equal(listed[0].reason, 'Privatisation');

  // The timeline shows the span hatched on T1's row.
  await page.goto(`${server.base}/admin/timeline?date=${day}`);
  const t1 = page.locator('.timeline-row', { has: page.locator('.timeline-label strong', { hasText: /^T1$/ }) });
  const held = t1.locator('.timeline-held');
  await held.waitFor();
  assert.match(await held.innerText(), /Privatisation · 19:00–23:30/);
  await assertAccessible(page, 'timeline with a blocked table');
  await held.scrollIntoViewIfNeeded();
  await screenshot(page, 'staff-timeline-blocked-768');
  // And the day's Today page lists it.
  await page.goto(`${server.base}/admin?date=${day}`);
  const blocked = page.locator('section.blocked-card');
  await blocked.getByRole('heading', { name: 'Tables bloquées' }).waitFor();
  assert.match(await blocked.innerText(), /T1 · 19:00–23:30 · Privatisation/);
  await assertAccessible(page, 'today with a blocked table');
  await screenshot(page, 'staff-today-blocked-768');
  await page.goto(`${server.base}/admin/tables`);
  await waitForHydration(page);

  // Unblocked: gone from the list.
  await row.getByRole('button', { name: 'Débloquer Privatisation' }).click();
  await row.waitFor({ state: 'detached' });
  await page.locator('.status-region').getByText(/Le blocage est levé/).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an admin places a table on the plan: a mouse drag, then the arrow keys', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  await page.goto(`${server.base}/admin/tables`);
  await waitForHydration(page);
  const where = async (name) => page.evaluate(async (n) => {
    const tables = await (await fetch('/api/admin/tables')).json();
    const t = tables.find((t) => t.name === n);
    return [t.x, t.y];
  }, name);
  const [x0, y0] = await where('T2');
  const t2 = page.locator('g[data-plan-table="T2"]');
  assert.equal(await t2.getAttribute('aria-label'), `T2 : colonne ${x0}, rangée ${y0}`);
  await assertAccessible(page, 'admin tables, plan editor');

  // A real mouse drag, three cells right and two down (pixels per cell as drawn).
  const cell = await page.evaluate(() => {
    const svg = document.querySelector('g[data-plan-table="T2"]').ownerSVGElement;
    return svg.clientWidth / (svg.viewBox.baseVal.width / 24);
  });
  const box = await t2.boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 3 * cell, cy + 2 * cell, { steps: 10 });
  await page.mouse.up();
  await page.getByText(`T2 déplacée en colonne ${x0 + 3}, rangée ${y0 + 2}.`).waitFor({ state: 'attached' });
  await waitUntil(async () => String(await where('T2')) === String([x0 + 3, y0 + 2]), 'the drag is saved');

  // The arrow keys: one cell left, each saved.
  await t2.focus();
  await page.keyboard.press('ArrowLeft');
  await waitUntil(async () => String(await where('T2')) === String([x0 + 2, y0 + 2]), 'the arrow key is saved');
  assert.equal(await t2.getAttribute('aria-label'), `T2 : colonne ${x0 + 2}, rangée ${y0 + 2}`);
  await screenshot(page, 'staff-plan-editor-1280');

  // After a reload the table stands where it was put.
  await page.reload();
  await waitForHydration(page);
  assert.equal(await page.locator('g[data-plan-table="T2"]').getAttribute('aria-label'), `T2 : colonne ${x0 + 2}, rangée ${y0 + 2}`);

  // Put on another table of its area, it is outlined and named in a warning.
  const warning = page.locator('.plan-overlaps li', { hasText: 'T1 et T2 se chevauchent' });
  assert.equal(await warning.count(), 0);
  const [x1, y1] = await where('T1');
  const moved = page.locator('g[data-plan-table="T2"]');
  await moved.focus();
  // One cell at a time, each move saved before the next.
  let [x, y] = [x0 + 2, y0 + 2];
  while (x !== x1 || y !== y1) {
    const key = x !== x1 ? (x > x1 ? 'ArrowLeft' : 'ArrowRight') : (y > y1 ? 'ArrowUp' : 'ArrowDown');
    if (x !== x1) x += x > x1 ? -1 : 1; else y += y > y1 ? -1 : 1;
    await page.keyboard.press(key);
    const want = String([x, y]);
    await waitUntil(async () => String(await where('T2')) === want, `T2 saved at ${want}`);
  }
  await warning.waitFor();
  for (const name of ['T1', 'T2']) {
    assert.equal(await page.locator(`g.plan-overlap[data-plan-table="${name}"]`).count(), 1, name);
  }
  await assertAccessible(page, 'admin tables, overlapping tables');
  await screenshot(page, 'staff-plan-overlap-1280');
  assert.deepEqual(errors, []);
  await context.close();
});

async function waitUntil(check, what, ms = 5000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out: ${what}`);
}

test('a table in use shows its bookings and moves them to the proposed tables', async () => {
  // A Thursday two weeks ahead, away from the demo's end-of-year closures.
  const ahead = new Date(Date.now() + 14 * 86400e3);
  ahead.setUTCDate(ahead.getUTCDate() + ((4 - ahead.getUTCDay() + 7) % 7));
  let day = ahead.toISOString().slice(0, 10);
  if (day.slice(5) >= '12-24' && day.slice(5) <= '12-31') {
    ahead.setUTCDate(ahead.getUTCDate() + 14);
    day = ahead.toISOString().slice(0, 10);
  }
  const ref = await book(server, day, '20:00', 'Grace Hopper');
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server);
  const sheet = async () => {
    const res = await page.request.get(`${server.base}/api/admin/day?date=${day}`);
    assert.equal(res.status(), 200);
    return (await res.json()).reservations.find((r) => r.reference === ref);
  };
  const before = await sheet();
  const [tableId] = before.table_ids;
  await page.goto(`${server.base}/admin/tables?edit=${tableId}`);
  await waitForHydration(page);
  const card = page.locator('section#table-bookings');
  const row = card.locator(`tr[data-booking="${ref}"]`);
  await row.waitFor();
  assert.match(await row.innerText(), /20:00[\s\S]*→ /);
  const proposed = (await row.locator('td').last().innerText()).replace('→', '').trim();
  assert.notEqual(proposed, before.table_names.join(' + '));
  await assertAccessible(page, 'admin tables, a table in use');
  await screenshot(page, 'staff-table-in-use-1280');

  await card.getByRole('button', { name: /^Déplacer/ }).click();
  await page.locator('.status-region').getByText(/Les réservations sont déplacées/).waitFor();
  await row.waitFor({ state: 'detached' });
  const after = await sheet();
  assert.equal(after.table_names.join(' + '), proposed);
  assert.deepEqual(errors, []);
  await context.close();
});
