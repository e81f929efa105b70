import { chromium } from 'playwright-core';
const [,, src, out, x, y, w, h] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
await page.goto('file://' + src);
await page.evaluate(([x, y]) => { document.body.style.margin = 0; const img = document.images[0]; img.style.position = 'absolute'; img.style.maxWidth = 'none'; img.style.maxHeight = 'none'; img.style.width = img.naturalWidth + 'px'; img.style.height = img.naturalHeight + 'px'; img.style.margin = 0; img.style.left = -x + 'px'; img.style.top = -y + 'px'; }, [Number(x), Number(y)]);
await page.screenshot({ path: out });
await browser.close();
