// R64 / F16: every widget works on a page served with a strict Content-Security-Policy (no
// inline script or style, Trusted Types required: demo/strict.html, server/demo-site.ts
// strictDemoCsp), and nothing is refused; a script injected into the page is refused.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { startHarness, admin, type Harness } from './harness.js';
import { samplePdf, samplePng } from '../server/files-samples.js';
import { STRICT_DEMO_PAGE, strictDemoCsp } from '../../server/demo-site.js';

let h: Harness;

before(async () => {
  h = await startHarness();
});

afterEach(async () => {
  await h.endTest();
});

after(async () => {
  await h?.close();
});

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
}

/** A page that records every CSP violation (Playwright's init script is not subject to the page's CSP). */
async function strictPage(): Promise<Page> {
  const page = await h.newPage();
  await page.context().addInitScript(() => {
    localStorage.setItem('lakeside-demo-language', 'en');
    const seen: Violation[] = [];
    (window as unknown as { cspViolations: Violation[] }).cspViolations = seen;
    document.addEventListener(
      'securitypolicyviolation',
      (e) => seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
      true,
    );
  });
  page.on('filechooser', () => undefined);
  return page;
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);

async function signInWithPin(page: Page, email: string) {
  const { pin } = (await (await admin(h, '/pins', { email })).json()) as { pin: string };
  const signin = page.locator('portal-signin');
  await signin.locator('[part~="existing-client-button"]').click();
  await signin.locator('[part~="pin-button"]').click();
  await signin.locator('input[name="email"]').fill(email);
  await signin.locator('input[name="pin"]').fill(pin);
  await signin.locator('[part~="submit-button"]').click();
  await signin.locator('[part~="sign-out-button"]').waitFor();
}

test('under a strict CSP with Trusted Types every widget works and no violation is reported (R64)', async () => {
  const page = await strictPage();
  const response = await page.goto(`${h.demoUrl}/${STRICT_DEMO_PAGE}`);
  assert.equal(response?.headers()['content-security-policy'], strictDemoCsp(h.endpointOrigin));

  await signInWithPin(page, 'jordan@example.com');

  // The picker: act for Maya.
  const picker = page.locator('profile-picker');
  await picker.locator('[role="radio"]').filter({ hasText: 'Maya Lee' }).click();
  await picker.locator('[part~="current"]').getByText('Maya Lee').waitFor();

  // The booking list (Maya has seeded appointments) and its date grid.
  const booking = page.locator('booking-request');
  await booking.locator('[part~="appointment"]').first().waitFor();

  // The signer: the welcome (clinician HTML through DOMPurify), then the first documents.
  const signer = page.locator('document-signer');
  const heading = (text: string) => signer.locator('[part~="heading"]').filter({ hasText: text }).first().waitFor();
  await heading('Welcome');
  await signer.locator('[part~="welcome-text"]').first().waitFor();
  await signer.locator('[part~="start-button"]').first().click();
  await heading('Consent to sign electronically');
  await signer.locator('#f-agreed').check();
  await signer.locator('[part~="continue-button"]').first().click();
  await heading('Informed consent for therapy');

  // The uploader: a resumable upload (the lazily loaded tus client), the list, and opening files.
  const uploader = page.locator('file-uploader');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), uploader.locator('[part~="choose-button"]').click()]);
  await chooser.setFiles([
    { name: 'drawing.png', buffer: samplePng(), mimeType: 'image/png' },
    { name: 'letter.pdf', buffer: samplePdf(), mimeType: 'application/pdf' },
  ]);
  const row = (name: string) => uploader.locator('[part~="file-row"]').filter({ hasText: name });
  for (const name of ['drawing.png', 'letter.pdf']) await row(name).getByText('Uploaded. Your clinician can see it.').waitFor({ timeout: 15_000 });
  const viewer = uploader.locator('[part~="viewer"]');
  await uploader.locator('[part~="file-list"] [part~="file"]').filter({ hasText: 'drawing.png' }).locator('[part~="open-button"]').click();
  await viewer.locator('img[alt="drawing.png"]').waitFor();
  await uploader.locator('[part~="file-list"] [part~="file"]').filter({ hasText: 'letter.pdf' }).locator('[part~="open-button"]').click();
  await viewer.locator('iframe[title="letter.pdf"]').waitFor();
  const pdfViewer = () => page.frames().some((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/'));
  while (!pdfViewer()) await page.waitForEvent('framenavigated', { timeout: 10_000 });

  await h.settled(page);
  assert.deepEqual(await violations(page), []);
  // Trusted Types are enforced on this page: a string HTML sink is refused, and reported.
  const refused = await page.evaluate(() => {
    try {
      document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
      return false;
    } catch {
      return true;
    }
  });
  assert.equal(refused, true);
  assert.deepEqual((await violations(page)).map((v) => v.directive), ['require-trusted-types-for']);
});

test('a script injected into the host page, from another origin or inline, is refused and reported (F16)', async () => {
  const page = await strictPage();
  const evil = `${h.endpointOrigin}/evil.js`;
  await page.route(`${h.demoUrl}/${STRICT_DEMO_PAGE}`, async (route) => {
    const original = await route.fetch();
    const body = (await original.text()).replace(
      '</head>',
      `<script src="${evil}"></script><script>window.injected = true;</script></head>`,
    );
    await route.fulfill({ response: original, body });
  });
  const response = await page.goto(`${h.demoUrl}/${STRICT_DEMO_PAGE}`);
  assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);
  // The widgets still work.
  await page.locator('portal-signin [part~="existing-client-button"]').waitFor();
  const found = await violations(page);
  assert.deepEqual(
    found.map((v) => [v.directive, v.blocked]).sort(),
    [
      ['script-src-elem', evil],
      ['script-src-elem', 'inline'],
    ],
  );
  assert.equal(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected), undefined);
});

test('the built bundle holds no eval, new Function or string timer (R64)', async () => {
  const dist = new URL('../../dist/', import.meta.url);
  const chunks = (await readdir(dist)).filter((name) => /^portal-widgets.*\.js$/.test(name));
  assert.ok(chunks.includes('portal-widgets.js'), 'run npm run build:bundle first');
  for (const name of chunks) {
    const source = await readFile(new URL(name, dist), 'utf8');
    assert.doesNotMatch(source, /\beval\s*\(|new\s+Function\s*\(|set(?:Timeout|Interval)\s*\(\s*['"`]/, name);
  }
});
