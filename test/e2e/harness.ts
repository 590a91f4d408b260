// Starts the real demo site and reference endpoint (two origins, a fresh SQLite database in
// a temp folder) and a headless Chromium, for end-to-end tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startDev } from '../../server/dev.js';
import { FakeClock } from '../../server/clock.js';
// @ts-expect-error: a plain .mjs helper shared with the test-runner config
import { findChrome, CHROME_ARGS } from '../../scripts/find-chrome.mjs';

export interface Harness {
  demoUrl: string;
  endpointUrl: string;
  endpointOrigin: string;
  adminToken: string;
  /** The server's clock: starts at the real time, moves only through `advanceClock`. */
  clock: FakeClock;
  browser: Browser;
  /** A page in a browser context of its own: no storage, cookies or cache from another test. */
  newPage(options?: { locale?: string; width?: number }): Promise<Page>;
  /**
   * Moves the server's clock, once every open page has settled: a request still on its way
   * when the clock jumps would be judged at the new time (a session it should have found
   * alive would be found expired), which is not what a client on that page could meet.
   */
  advanceClock(ms: number): Promise<void>;
  /** Waits until the page has no request to the endpoint in flight, nor starts one at once. */
  settled(page: Page): Promise<void>;
  /** Closes every context the test opened (even when it failed) and reports its page errors. */
  endTest(): Promise<void>;
  close(): Promise<void>;
}

/** Requests to the endpoint that a page has started and that have not yet ended. */
class InFlight {
  readonly #requests = new Set<unknown>();
  #idle: Array<() => void> = [];

  constructor(page: Page, origin: string) {
    page.on('request', (request) => {
      if (request.url().startsWith(origin)) this.#requests.add(request);
    });
    const end = (request: unknown) => {
      if (!this.#requests.delete(request) || this.#requests.size > 0) return;
      for (const resolve of this.#idle.splice(0)) resolve();
    };
    page.on('requestfinished', end);
    page.on('requestfailed', end);
    page.on('close', () => {
      this.#requests.clear();
      for (const resolve of this.#idle.splice(0)) resolve();
    });
  }

  idle(): Promise<void> {
    return this.#requests.size === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
  }

  get size(): number {
    return this.#requests.size;
  }
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
  const contexts = new Set<BrowserContext>();
  const inFlight = new WeakMap<Page, InFlight>();
  const pageErrors: Error[] = [];

  async function settled(page: Page): Promise<void> {
    const requests = inFlight.get(page);
    if (!requests || page.isClosed()) return;
    // A page round trip after the last answer: a request that answer starts (a widget
    // reacting to a sign-in, say) is reported before the round trip returns.
    do {
      await requests.idle();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))).catch(() => undefined);
    } while (requests.size > 0 && !page.isClosed());
  }

  return {
    demoUrl: dev.demoUrl,
    endpointUrl: dev.endpointUrl,
    endpointOrigin: dev.endpointOrigin,
    adminToken: dev.adminToken,
    clock,
    browser,
    async newPage({ locale = 'en-US', width = 1024 } = {}) {
      const context = await browser.newContext({ locale, viewport: { width, height: 800 }, timezoneId: 'America/Chicago' });
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
      context.on('page', (page) => {
        inFlight.set(page, new InFlight(page, dev.endpointOrigin));
        page.on('pageerror', (error) => pageErrors.push(error));
      });
      return context.newPage();
    },
    async advanceClock(ms) {
      for (const context of contexts) for (const page of context.pages()) await settled(page);
      clock.advance(ms);
    },
    settled,
    async endTest() {
      await Promise.all([...contexts].map((context) => context.close()));
      const errors = pageErrors.splice(0);
      if (errors.length) throw new Error(`errors in the page: ${errors.map((e) => e.message).join('; ')}`);
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

/**
 * Asks `probe` until it returns something, for up to `seconds`: for state outside the page
 * (the outbox, the office's lists) that nothing announces. Slow machines only take longer.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited ${seconds} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the outbox holds `count` emails to `to`, and returns the newest sign-in link. */
export function newestSignInLink(h: Harness, to: string, count = 1): Promise<string> {
  return eventually(`a sign-in email to ${to}`, async () => {
    const messages = await outboxFor(h, to);
    const link = messages[0]?.links.find((l) => l.includes('#ml='));
    return messages.length >= count ? link : undefined;
  });
}

export async function admin(h: Harness, path: string, body: unknown): Promise<Response> {
  return fetch(`${h.endpointUrl}/admin${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${h.adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
