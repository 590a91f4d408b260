// Screenshots of the demo pages for a person to look at: desktop and a 375 px phone, English
// and Spanish. `npx tsx scripts/screenshots.ts [page.html …]` writes PNGs to .tmp/screens/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startDev } from '../server/dev.js';
// @ts-expect-error: a plain .mjs helper shared with the test-runner config
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';

const pages = process.argv.slice(2).length ? process.argv.slice(2) : ['index.html', 'portal.html', 'console.html'];
const out = '.tmp/screens';
await mkdir(out, { recursive: true });
const dataDir = await mkdtemp(join(tmpdir(), 'portal-shots-'));
const dev = await startDev({ port: 0, endpointPort: 0, dataDir, quiet: true });
const browser = await chromium.launch({ executablePath: (findChrome as () => string)(), args: CHROME_ARGS as string[] });
try {
  for (const path of pages) {
    for (const [width, label] of [
      [1100, 'desktop'],
      [375, 'phone'],
    ] as const) {
      for (const lang of ['en', 'es']) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        await context.addInitScript((l) => localStorage.setItem('lakeside-demo-language', l), lang);
        const page = await context.newPage();
        await page.goto(`${dev.demoUrl}/${path}`);
        await page.waitForTimeout(400);
        const file = join(out, `${path.replace('.html', '')}-${label}-${lang}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await dev.close();
  await rm(dataDir, { recursive: true, force: true });
}
