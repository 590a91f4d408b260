// Starts the real demo site and reference endpoint (two origins, a fresh SQLite database in
// a temp folder) and a headless Chromium, for end-to-end tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDev } from '../../server/dev.js';
// @ts-expect-error: a plain .mjs helper shared with the test-runner config
import { findChrome, CHROME_ARGS } from '../../scripts/find-chrome.mjs';

export interface Harness {
  demoUrl: string;
  endpointUrl: string;
  endpointOrigin: string;
  adminToken: string;
  browser: Browser;
  newPage(options?: { locale?: string; width?: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portal-e2e-'));
  const dev = await startDev({ port: 0, endpointPort: 0, dataDir, quiet: true });
  const browser = await chromium.launch({
    executablePath: (findChrome as () => string)(),
    headless: true,
    args: CHROME_ARGS as string[],
  });
  return {
    demoUrl: dev.demoUrl,
    endpointUrl: dev.endpointUrl,
    endpointOrigin: dev.endpointOrigin,
    adminToken: dev.adminToken,
    browser,
    async newPage({ locale = 'en-US', width = 1024 } = {}) {
      const context = await browser.newContext({ locale, viewport: { width, height: 800 }, timezoneId: 'America/Chicago' });
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      return page;
    },
    async close() {
      await browser.close();
      await dev.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const require = createRequire(import.meta.url);

/** Runs axe-core (WCAG 2.2 A/AA rules) in the page, through open shadow roots. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}
