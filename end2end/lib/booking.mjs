// Helpers for the booking and manage end-to-end tests: dates at the demo
// restaurant (Europe/Paris), driving the wizard, the JSON API and the
// e-mails the mail worker writes.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Today at the restaurant, `YYYY-MM-DD`. */
export function parisToday() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

export function addDays(iso, days) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso) {
  return new Date(`${iso}T12:00:00Z`).getUTCDay();
}

// Demo exceptions: closed 24–26 December, special hours on the 31st.
const SPECIAL = ['12-24', '12-25', '12-26', '12-31'];

/**
 * The `n`-th (0-based) ordinary Tuesday–Friday at least `minDays` ahead:
 * the demo restaurant serves lunch and dinner then.
 */
export function serviceDay(n = 0, minDays = 3) {
  let iso = addDays(parisToday(), minDays);
  for (let found = -1; ; iso = addDays(iso, 1)) {
    const wd = weekday(iso);
    if (wd >= 2 && wd <= 5 && !SPECIAL.includes(iso.slice(5))) {
      found += 1;
      if (found === n) return iso;
    }
  }
}

/** The next Monday (closed) at least `minDays` ahead. */
export function nextMonday(minDays = 1) {
  let iso = addDays(parisToday(), minDays);
  while (weekday(iso) !== 1) iso = addDays(iso, 1);
  return iso;
}

export const TEXT = {
  fr: {
    showAvailability: 'Voir les disponibilités',
    nextMonth: 'Mois suivant',
    continue: 'Continuer',
    confirm: 'Confirmer la réservation',
  },
  en: {
    showAvailability: 'Show availability',
    nextMonth: 'Next month',
    continue: 'Continue',
    confirm: 'Confirm booking',
  },
};

/** Step 1: party size, the day in the calendar (moving months), a time. */
export async function chooseSlot(page, base, { party, date, time, lang = 'fr', shoot }) {
  const t = TEXT[lang];
  await page.goto(`${base}/book`);
  // A click while the client is still hydrating can be lost: wait for it.
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
  await page.selectOption('#party', String(party));
  await page.getByRole('button', { name: t.showAvailability }).click();
  await page.waitForURL((url) => url.searchParams.get('party') === String(party));
  const day = page.locator(`a.day[href*="date=${date}"]`);
  for (let i = 0; i < 3 && (await day.count()) === 0; i++) {
    const month = await page.locator('#calendar-heading').innerText();
    await page.getByRole('link', { name: t.nextMonth }).click();
    await page.waitForFunction(
      (before) => document.querySelector('#calendar-heading')?.textContent !== before,
      month,
    );
  }
  await day.click();
  await page.waitForURL((url) => url.searchParams.get('date') === date);
  const slot = page.locator(`a.slot[href*="time=${time}"]`);
  await slot.waitFor();
  if (shoot) await shoot('1-choose');
  await slot.click();
  await page.waitForURL(/\/book\/details\?/);
  await page.locator('#name').waitFor();
}

/** Step 2: fills the form and continues to step 3. */
export async function fillDetails(page, guest, { lang = 'fr', shoot } = {}) {
  await page.fill('#name', guest.name);
  await page.fill('#email', guest.email);
  await page.fill('#phone', guest.phone);
  await page.fill('#notes', guest.notes ?? '');
  await page.check('#consent');
  if (shoot) await shoot('2-details');
  await page.getByRole('button', { name: TEXT[lang].continue }).click();
  await page.waitForURL(/\/book\/review\?/);
  await page.getByRole('button', { name: TEXT[lang].confirm }).waitFor();
}

/** Step 3: confirms; resolves on the confirmation page with its details. */
export async function confirm(page, { lang = 'fr' } = {}) {
  await page.getByRole('button', { name: TEXT[lang].confirm }).click();
  await page.waitForURL(/\/book\/confirmation\//);
  const reference = (await page.locator('.reference').innerText()).trim();
  const manageHref = await page.locator('a[href^="/manage/"]').first().getAttribute('href');
  return { reference, manageHref };
}

/** The whole wizard; returns `{ reference, manageHref }`. */
export async function bookThroughWizard(page, base, { party, date, time, guest, lang = 'fr' }) {
  await chooseSlot(page, base, { party, date, time, lang });
  await fillDetails(page, guest, { lang });
  return confirm(page, { lang });
}

/** Books through the JSON API; resolves to the response status and body. */
export async function apiBook(base, body) {
  const res = await fetch(`${base}/api/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  let json = null;
  try { json = await res.json(); } catch { /* no body */ }
  return { status: res.status, body: json };
}

/** Undoes quoted-printable soft line breaks and escapes. */
export function decodeQuotedPrintable(text) {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** The text of an e-mail with its quoted-printable and base64 parts decoded. */
export function mailText(raw) {
  const parts = [decodeQuotedPrintable(raw)];
  const lines = raw.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!/^content-transfer-encoding:\s*base64/i.test(lines[i])) continue;
    // The part's headers end at the first blank line; its body at the boundary.
    let j = i + 1;
    while (j < lines.length && lines[j].trim() !== '') j++;
    const body = [];
    for (j += 1; j < lines.length && !lines[j].startsWith('--') && lines[j].trim() !== ''; j++) body.push(lines[j].trim());
    parts.push(Buffer.from(body.join(''), 'base64').toString('utf8'));
  }
  return parts.join('\n');
}

/**
 * Waits (up to `timeoutMs`) for an .eml file in `dir` that contains
 * `needle`; resolves to its decoded text.
 */
export async function waitForMail(dir, needle, timeoutMs = 15_000) {
  return waitForMailTo(dir, '', needle, timeoutMs);
}

/** Like `waitForMail`, for an e-mail whose `To:` header names `to`. */
export async function waitForMailTo(dir, to, needle, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  const addressed = (text) => !to || text.split(/\r?\n/).some((l) => /^to:/i.test(l) && l.includes(to));
  for (;;) {
    if (existsSync(dir)) {
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
        const text = mailText(readFileSync(join(dir, name), 'utf8'));
        if (text.includes(needle) && addressed(text)) return text;
      }
    }
    if (Date.now() > deadline) throw new Error(`no e-mail containing ${needle} in ${dir} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
