// What a page reports as broken while a test drives it: uncaught errors and
// console errors. Chromium logs "Failed to load resource: the server
// responded with a status of 4xx" for every refused request; the only ones
// a test expects are refusals from the server (the JSON API and the server
// functions, all under /api/), which the tests check on the page instead.
// A 4xx for anything else (a stylesheet, a script, the WASM, an image, a
// page) is an error, and so is any 5xx.

const REFUSED = /^Failed to load resource: the server responded with a status of 4\d\d\b/;

/** Whether a console message of type `error` is an expected API refusal. */
export function isExpectedRefusal(text, url) {
  if (!REFUSED.test(text) || !url) return false;
  try {
    return new URL(url).pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

/**
 * Collects the page's errors into the returned array (check it is empty at
 * the end of the test): uncaught exceptions, and console errors except
 * expected API refusals. A test that opens a page it expects to be refused
 * (a 403 or 404 page) says so first: `errors.expectRefusal('/admin/staff')`;
 * the test still checks that status itself.
 */
export function watchErrors(page) {
  const errors = [];
  const expectedPages = new Set();
  Object.defineProperty(errors, 'expectRefusal', {
    value: (path) => expectedPages.add(path),
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const url = m.location()?.url ?? '';
    if (isExpectedRefusal(m.text(), url)) return;
    if (REFUSED.test(m.text()) && url && expectedPages.has(new URL(url).pathname)) return;
    errors.push(url ? `${m.text()} (${url})` : m.text());
  });
  return errors;
}
