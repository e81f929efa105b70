// The fake Stripe (fakes/stripe: Stripe's wire format, a hosted checkout
// page, signed webhooks) as a process beside the server, and a server
// pointed at it exactly as it would be at Stripe.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { repoRoot } from './harness.mjs';
import { startStaffServer } from './staff.mjs';

export const WEBHOOK_SECRET = 'whsec_e2e_techplus';

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** The fake's binary (built by `cargo test`; built here if missing). */
function fakeBinary() {
  if (process.env.FAKE_STRIPE_BIN) return process.env.FAKE_STRIPE_BIN;
  const targetDir = process.env.CARGO_TARGET_DIR || join(repoRoot, 'target');
  const bin = join(targetDir, 'debug', 'fake-stripe');
  if (!existsSync(bin)) {
    const built = spawnSync('cargo', ['build', '-p', 'fake-stripe'], { cwd: repoRoot, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('cannot build the fake Stripe');
  }
  return bin;
}

/** Starts the fake Stripe; resolves once it listens. */
export async function startFakeStripe() {
  const port = await freePort();
  const child = spawn(fakeBinary(), ['--listen', `127.0.0.1:${port}`, '--webhook-secret', WEBHOOK_SECRET], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the fake Stripe did not start in 10 s')), 10_000);
    child.stdout.on('data', (chunk) => {
      if (String(chunk).includes('listening on')) {
        clearTimeout(timer);
        ok();
      }
    });
    child.on('exit', (code) => fail(new Error(`the fake Stripe exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const get = async (path) => (await fetch(`${base}${path}`)).json();
  return {
    base,
    async setWebhook(url) {
      const res = await fetch(`${base}/_fake/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ url }),
      });
      if (!res.ok) throw new Error(`setting the webhook failed: ${res.status}`);
    },
    refunds: () => get('/_fake/refunds'),
    paymentIntents: () => get('/_fake/payment_intents'),
    events: () => get('/_fake/events'),
    async stop() {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.on('exit', r));
        child.kill('SIGTERM');
        await done;
      }
    },
  };
}

/**
 * A staff server (admin `email`) with payments on, pointed at a fresh fake
 * Stripe, which sends its webhooks to the server. Holds are looked for
 * every second.
 */
export async function startPaidServer(email, env = {}) {
  const stripe = await startFakeStripe();
  const server = await startStaffServer(email, {
    STRIPE_SECRET_KEY: 'sk_test_e2e',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: stripe.base,
    HOLD_SWEEP_SECONDS: '1',
    ...env,
  });
  await stripe.setWebhook(`${server.base}/webhooks/stripe`);
  const stop = server.stop.bind(server);
  server.stripe = stripe;
  server.stop = async () => {
    await stop();
    await stripe.stop();
  };
  return server;
}
