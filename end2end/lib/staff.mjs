// Helpers for the staff end-to-end tests: a server with an admin account,
// bookings made through the JSON API, and signing in through the form.
import assert from 'node:assert/strict';
import { startServer } from './harness.mjs';
import { apiBook } from './booking.mjs';

export const ADMIN = { name: 'Margot', password: 'une cuisine de saison' };

/** A server (with `env`) whose admin is `email`, with `ADMIN`'s name and password. */
export async function startStaffServer(email, env = {}) {
  const server = await startServer(
    { RATE_LIMIT_LOGIN: '1000/15m', ...env },
    {
      setup: [{
        args: ['admin', 'create', '--email', email, '--name', ADMIN.name],
        input: `${ADMIN.password}\n`,
      }],
    },
  );
  server.adminEmail = email;
  return server;
}

/** Books for `name` (an e-mail made from it) and returns the reference. */
export async function book(server, date, time, name, extra = {}) {
  const email = `${name.toLowerCase().replace(/[^a-z]/g, '')}@example.com`;
  const { status, body } = await apiBook(server.base, {
    date, time, party_size: 2, name, email, phone: '+33 6 12 34 56 78', locale: 'fr', ...extra,
  });
  assert.equal(status, 201, JSON.stringify(body));
  return body.reference;
}

/** Signs in as the server's admin through the form (French), landing on Today. */
export async function signIn(page, server) {
  await page.goto(`${server.base}/login`);
  await page.fill('#email', server.adminEmail);
  await page.fill('#password', ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(/\/admin$/);
}
