// Starts the built TechPlus server on a free port against a fresh SQLite
// database, and launches Debian's Chromium through playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '..', '..');
export const screenshotDir = join(repoRoot, 'end2end', 'screenshots');

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

function serverBinary() {
  if (process.env.TECHPLUS_SERVER_BIN) return process.env.TECHPLUS_SERVER_BIN;
  const targetDir = process.env.CARGO_TARGET_DIR || join(repoRoot, 'target');
  return join(targetDir, 'debug', 'server');
}

/**
 * Starts the server; resolves once /health answers. `setup` lists commands
 * of the server binary to run first, against the same database, each as
 * `{ args: [...], input: 'stdin text' }` (for example
 * `server admin create ...` with the password on stdin). `port`: listen
 * there (the origin of an earlier server) instead of a free port.
 */
export async function startServer(extraEnv = {}, { setup = [], port: askedPort } = {}) {
  const bin = serverBinary();
  if (!existsSync(bin)) throw new Error(`server binary not found at ${bin}: run cargo leptos build first`);
  const siteRoot = join(repoRoot, 'target', 'site');
  if (!existsSync(join(siteRoot, 'pkg'))) throw new Error(`${siteRoot}/pkg is missing: run cargo leptos build first`);
  const dir = mkdtempSync(join(tmpdir(), 'techplus-e2e-'));
  // Without SMTP the mail worker writes each e-mail as an .eml file here.
  const mailDir = join(dir, 'mail');
  // A given port: a second server at the same origin (a new version).
  const port = askedPort ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite://${join(dir, 'e2e.db')}`,
    LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
    LEPTOS_SITE_ROOT: siteRoot,
    RUST_LOG: process.env.RUST_LOG || 'warn',
    SMTP_URL: '',
    MAIL_DIR: mailDir,
    PUBLIC_URL: base,
    // The tests book far more often than one diner would.
    RATE_LIMIT_API: 'off',
    RATE_LIMIT_BOOKING: 'off',
    RATE_LIMIT_LOOKUP: 'off',
    RATE_LIMIT_BOOKING_GUEST: 'off',
    ...extraEnv,
  };
  for (const { args, input = '' } of setup) {
    const run = spawnSync(bin, args, { cwd: repoRoot, env, input, encoding: 'utf8' });
    if (run.status !== 0) {
      throw new Error(`setup \`server ${args.join(' ')}\` failed (${run.status}): ${run.stderr}`);
    }
  }
  const child = spawn(bin, [], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`server exited with code ${exited}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error('server did not become healthy in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    port,
    mailDir,
    /** Freezes the server (its connections stay open, silent) and thaws it. */
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
    async stop() {
      if (exited === null) {
        const done = new Promise((r) => child.on('exit', r));
        child.kill('SIGTERM');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Waits until the WASM client has hydrated the page. */
export async function waitForHydration(page) {
  await page.waitForSelector('body[data-hydrated="true"]', { timeout: 30_000 });
}

export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
