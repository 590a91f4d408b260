// Starts the real demo site and reference endpoint (two origins, a fresh SQLite database in
// a temp folder) and a headless Chromium, for end-to-end tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startDev } from '../../server/dev.js';
import { FakeClock } from '../../server/clock.js';
// @ts-expect-error: a plain .mjs helper shared with the test-runner config
import { findChrome, CHROME_ARGS } from '../../scripts/find-chrome.mjs';

export interface Harness {
  demoUrl: string;
  endpointUrl: string;
  endpointOrigin: string;
  adminToken: string;
  /** The server's clock: starts at the real time, moves only when a test advances it. */
  clock: FakeClock;
  browser: Browser;
  newPage(options?: { locale?: string; width?: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portal-e2e-'));
  const clock = new FakeClock(Date.now());
  const dev = await startDev({ port: 0, endpointPort: 0, dataDir, quiet: true, clock });
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
    clock,
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

export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  links: string[];
  language: string;
}

/** The newest emails to `to`, newest first, from the development outbox. */
export async function outboxFor(h: Harness, to: string): Promise<OutboxMessage[]> {
  const response = await fetch(`${h.endpointOrigin}/dev/outbox.json?to=${encodeURIComponent(to)}`);
  return ((await response.json()) as OutboxMessage[]).filter((m) => m.to.includes(to));
}

/** Waits until the outbox holds `count` emails to `to`, and returns the newest sign-in link. */
export async function newestSignInLink(h: Harness, to: string, count = 1): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const messages = await outboxFor(h, to);
    const link = messages[0]?.links.find((l) => l.includes('#ml='));
    if (messages.length >= count && link) return link;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no sign-in email to ${to}`);
}

export async function admin(h: Harness, path: string, body: unknown): Promise<Response> {
  return fetch(`${h.endpointUrl}/admin${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${h.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
