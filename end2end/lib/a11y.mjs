// Accessibility: axe-core (from npm) run inside the page, WCAG 2.0–2.2 A
// and AA rules. Evaluated through the DevTools protocol, so the page's
// strict Content-Security-Policy stays as it is.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let source;

/** Fails with the list of violations (rule, impact, the nodes' selectors). */
export async function assertAccessible(page, what) {
  source ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  // A staff screen that reads its data again (a live update) has its
  // <title> empty for a moment while leptos_meta re-registers it: check
  // the settled page (a title that never comes still fails below).
  await page.waitForFunction(() => document.title.trim() !== '', null, { timeout: 2_000 }).catch(() => {});
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.evaluate(source);
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    }),
  );
  const violations = result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')),
  }));
  assert.deepEqual(violations, [], `${what}: axe-core violations`);
}
