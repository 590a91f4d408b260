// Screenshots of the demo pages for a person to look at: desktop and a 375 px phone, English
// and Spanish. `npx tsx scripts/screenshots.ts [--as email] [page.html …]` writes PNGs to
// .tmp/screens/; with `--as`, each browser first signs in as that demo client (office PIN).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startDev } from '../server/dev.js';
// @ts-expect-error: a plain .mjs helper shared with the test-runner config
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';

const args = process.argv.slice(2);
const asIndex = args.indexOf('--as');
const signInAs = asIndex >= 0 ? args.splice(asIndex, 2)[1] : undefined;
const pages = args.length ? args : ['index.html', 'portal.html', 'console.html'];
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
        if (signInAs) await signIn(page, signInAs);
        await page.goto(`${dev.demoUrl}/${path}`);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
        const who = signInAs ? `-${signInAs.split('@')[0]}` : '';
        const file = join(out, `${path.replace('.html', '')}${who}-${label}-${lang}.png`);
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

/** Signs in on the demo's portal page with a PIN the office issues (the console's admin route). */
async function signIn(page: Page, email: string) {
  const response = await fetch(`${dev.endpointUrl}/admin/pins`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${dev.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  const { pin } = (await response.json()) as { pin: string };
  await page.goto(`${dev.demoUrl}/portal.html`);
  const signin = page.locator('portal-signin');
  await signin.locator('[part~="existing-client-button"]').click();
  await signin.locator('[part~="pin-button"]').click();
  await signin.locator('input[name="email"]').fill(email);
  await signin.locator('input[name="pin"]').fill(pin);
  await signin.locator('[part~="submit-button"]').click();
  await signin.locator('[part~="sign-out-button"]').waitFor();
}
