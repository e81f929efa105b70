// Draws the app's PNG icons (server/assets/icons/, served from the binary
// by `server::pwa`) from the SVG ones with Debian's Chromium: `node scripts/icons.mjs`. The PNGs are committed; run
// this again only when an SVG changes.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pub = join(root, 'public');
const icons_dir = join(root, 'server', 'assets');
const icons = [
  ['favicon.svg', 'icons/icon-192.png', 192],
  ['favicon.svg', 'icons/icon-512.png', 512],
  ['../server/assets/icons/icon-maskable.svg', 'icons/icon-maskable-512.png', 512],
  ['../server/assets/icons/icon-maskable.svg', 'icons/apple-touch-icon.png', 180],
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
for (const [from, to, size] of icons) {
  const svg = readFileSync(join(pub, from), 'utf8');
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">` +
      `<img style="display:block;width:${size}px;height:${size}px" ` +
      `src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body></html>`,
  );
  await page.screenshot({ path: join(icons_dir, to), omitBackground: true });
  console.log(`${to}: ${size}×${size}`);
}
await browser.close();
