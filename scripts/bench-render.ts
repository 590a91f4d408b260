// Render benchmark (issue 15, measurement only). `npm run build:bundle && npm run bench:render`.
// Serves dist/ and two generated pages from 127.0.0.1, drives headless Chromium at 4× CPU
// throttling and prints, per element: R1 time from module-script start to first paint
// (updateComplete + two animation frames) against the same shadow markup and CSS as static
// declarative-shadow-DOM HTML; the long tasks during that load; and R2, 100 <profile-picker>
// against 100 hand-written shadow roots with the same markup and stylesheet. No endpoint runs:
// each element's `endpoint` points at this server, which answers 404, so the state painted
// first is the signed-out / not-yet-loaded one; the output names it.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error: a plain .mjs helper shared with the test-runner config
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';

const DIST = 'dist';
const BUNDLE = join(DIST, 'portal-widgets.js');
const RUNS = 7;
const COUNT = 100;
const THROTTLE = 4;
const TAGS = ['portal-signin', 'profile-picker', 'booking-request', 'document-signer', 'file-uploader'];
const R1_GOAL_MS = 16.7;
const R2_GOAL = 1.5;

interface Sample {
  ms: number;
  longTasks: number;
}
interface Snapshot {
  html: string;
  css: string;
  text: string;
}

/** The page head: a start mark and a long-task counter, before anything else runs. */
const HEAD = `<!doctype html><meta charset="utf-8"><script>
window.__t0 = performance.now(); window.__long = 0;
new PerformanceObserver((l) => { window.__long += l.getEntries().length; })
  .observe({ type: 'longtask', buffered: true });
window.__frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
</script>`;

/** The element page: loads the bundle, mounts `?tag=` with an endpoint that is not there. */
const ELEMENT_PAGE = `${HEAD}<body><script type="module">
const tag = new URLSearchParams(location.search).get('tag');
await import('/portal-widgets.js');
const el = document.createElement(tag);
el.setAttribute('endpoint', location.origin + '/no-endpoint');
document.body.append(el);
await el.updateComplete;
await window.__frames();
window.__done = { ms: performance.now() - window.__t0, longTasks: window.__long };
</script></body>`;

/** The static page: the body is filled in per element with declarative shadow DOM. */
const staticPage = (body: string): string => `${HEAD}<body>${body}<script type="module">
await window.__frames();
window.__done = { ms: performance.now() - window.__t0, longTasks: window.__long };
</script></body>`;

let staticBody = '';

function startServer(): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (type: string, body: string | Buffer) => res.writeHead(200, { 'Content-Type': type }).end(body);
    const file = join(DIST, path.replace(/^\/+/, ''));
    if (path === '/element.html') send('text/html', ELEMENT_PAGE);
    else if (path === '/static.html') send('text/html', staticPage(staticBody));
    else if (/^\/[\w.-]+\.js$/.test(path) && existsSync(file)) send('text/javascript', readFileSync(file));
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function throttledPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return page;
}

/** One load in a fresh context: returns the in-page measurement. */
async function measure(browser: Browser, url: string): Promise<Sample> {
  const page = await throttledPage(browser);
  try {
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __done?: unknown }).__done);
    return await page.evaluate(() => (window as unknown as { __done: Sample }).__done);
  } finally {
    await page.context().close();
  }
}

/** The element's first-paint shadow markup and CSS, to write the static equivalent. */
async function snapshot(browser: Browser, base: string, tag: string): Promise<Snapshot> {
  const page = await throttledPage(browser);
  try {
    await page.goto(`${base}/element.html?tag=${tag}`);
    await page.waitForFunction(() => (window as unknown as { __done?: unknown }).__done);
    return await page.evaluate((t) => {
      const root = document.querySelector(t)?.shadowRoot;
      const css = [...(root?.adoptedStyleSheets ?? [])]
        .flatMap((s) => [...s.cssRules].map((r) => r.cssText))
        .join('\n');
      const text = (root?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 48);
      return { html: root?.innerHTML ?? '', css, text };
    }, tag);
  } finally {
    await page.context().close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Median of RUNS fresh loads after one discarded warm-up load; `spread` is max − min. */
async function medianOf(browser: Browser, url: string): Promise<Sample & { spread: number }> {
  await measure(browser, url);
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(await measure(browser, url));
  const ms = samples.map((s) => s.ms);
  return { ms: median(ms), longTasks: median(samples.map((s) => s.longTasks)), spread: Math.max(...ms) - Math.min(...ms) };
}

async function r1Row(browser: Browser, base: string, tag: string): Promise<string[]> {
  const shot = await snapshot(browser, base, tag);
  staticBody = `<div><template shadowrootmode="open"><style>${shot.css}</style>${shot.html}</template></div>`;
  const el = await medianOf(browser, `${base}/element.html?tag=${tag}`);
  const plain = await medianOf(browser, `${base}/static.html`);
  const diff = el.ms - plain.ms;
  return [
    tag,
    `${el.ms.toFixed(1)} ±${(el.spread / 2).toFixed(0)}`,
    `${plain.ms.toFixed(1)} ±${(plain.spread / 2).toFixed(0)}`,
    `${diff >= 0 ? '+' : ''}${diff.toFixed(1)}`,
    (el.ms / plain.ms).toFixed(2) + '×',
    diff <= R1_GOAL_MS ? 'met' : 'not met',
    String(el.longTasks),
    `"${shot.text}"`,
  ];
}

/** R2 in one page: 100 elements vs 100 hand-written shadow roots with the same markup and sheet. */
async function r2Once(browser: Browser, base: string): Promise<{ lit: number; dom: number }> {
  const page = await throttledPage(browser);
  try {
    await page.goto(`${base}/element.html?tag=profile-picker`);
    await page.waitForFunction(() => (window as unknown as { __done?: unknown }).__done);
    return await page.evaluate(async (count) => {
      const frames = (window as unknown as { __frames: () => Promise<void> }).__frames;
      const sample = document.querySelector('profile-picker')!.shadowRoot!;
      const html = sample.innerHTML;
      const sheets = [...sample.adoptedStyleSheets];
      type Lit = HTMLElement & { updateComplete: Promise<unknown> };
      const t0 = performance.now();
      const els: Lit[] = [];
      for (let i = 0; i < count; i++) {
        const el = document.createElement('profile-picker') as Lit;
        el.setAttribute('endpoint', location.origin + '/no-endpoint');
        els.push(el);
      }
      document.body.append(...els);
      await Promise.all(els.map((e) => e.updateComplete));
      await frames();
      const lit = performance.now() - t0;
      const t1 = performance.now();
      for (let i = 0; i < count; i++) {
        const host = document.createElement('div');
        const root = host.attachShadow({ mode: 'open' });
        root.adoptedStyleSheets = sheets;
        root.innerHTML = html;
        document.body.append(host);
      }
      await frames();
      return { lit, dom: performance.now() - t1 };
    }, COUNT);
  } finally {
    await page.context().close();
  }
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
}

async function main(): Promise<void> {
  if (!existsSync(BUNDLE)) {
    console.error(`bench:render: ${BUNDLE} is missing. Run \`npm run build:bundle\` first; this script builds nothing.`);
    process.exit(1);
  }
  const server = await startServer();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: (findChrome as () => string)(), args: CHROME_ARGS as string[] });
  try {
    console.log(`R1: script start → first paint (updateComplete + 2 rAF), median of ${RUNS}, CPU ${THROTTLE}× throttled`);
    console.log('    no endpoint runs (endpoint answers 404): state measured is the first paint shown below');
    console.log('    ±: half the max−min range of the runs; long tasks: median count on the widget page\n');
    const rows = [['element', 'widget ms', 'static ms', 'diff ms', 'ratio', `goal ≤ +${R1_GOAL_MS}`, 'long tasks', 'first paint shows']];
    for (const tag of TAGS) rows.push(await r1Row(browser, base, tag));
    printTable(rows);
    const r2: { lit: number; dom: number }[] = [];
    for (let i = 0; i < RUNS; i++) r2.push(await r2Once(browser, base));
    const lit = median(r2.map((r) => r.lit));
    const dom = median(r2.map((r) => r.dom));
    console.log(`\nR2: mount ${COUNT} <profile-picker> vs ${COUNT} hand-written shadow roots (same markup + sheet), median of ${RUNS}`);
    console.log(`    widgets ${lit.toFixed(1)} ms, hand-written ${dom.toFixed(1)} ms, ratio ${(lit / dom).toFixed(2)}× (goal ≤ ${R2_GOAL}×: ${lit / dom <= R2_GOAL ? 'met' : 'not met'})`);
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
