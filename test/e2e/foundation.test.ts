import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, axeViolations, type Harness } from './harness.js';

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

test('the demo site and the endpoint are two origins', () => {
  assert.notEqual(new URL(h.demoUrl).origin, h.endpointOrigin);
  assert.ok(h.endpointUrl.startsWith(`${h.endpointOrigin}/p/lakeside`));
});

test('the endpoint answers /healthz, /openapi.json and /dev/outbox.json', async () => {
  const health = await fetch(`${h.endpointOrigin}/healthz`);
  assert.equal(health.status, 200);
  assert.equal(((await health.json()) as { status: string }).status, 'ok');
  const openapi = (await (await fetch(`${h.endpointOrigin}/openapi.json`)).json()) as { openapi: string; paths: object };
  assert.match(openapi.openapi, /^3\.1/);
  assert.ok('/p/{practice}/info' in openapi.paths);
  const outbox = await fetch(`${h.endpointOrigin}/dev/outbox.json`);
  assert.equal(outbox.status, 200);
  assert.ok(Array.isArray(await outbox.json()));
});

test('CORS: the demo origin gets exactly itself back; other origins get nothing', async () => {
  const demoOrigin = new URL(h.demoUrl).origin;
  const allowed = await fetch(`${h.endpointUrl}/info`, { headers: { Origin: demoOrigin } });
  assert.equal(allowed.headers.get('access-control-allow-origin'), demoOrigin);
  assert.match(allowed.headers.get('vary') ?? '', /origin/i);
  for (const origin of ['https://evil.example', 'null', demoOrigin.replace('http:', 'https:')]) {
    const refused = await fetch(`${h.endpointUrl}/info`, { headers: { Origin: origin } });
    assert.equal(refused.headers.get('access-control-allow-origin'), null, origin);
  }
});

test("the demo header shows the practice's name and phone through the public PortalClient, across origins", async () => {
  const page = await h.newPage();
  const crossOrigin: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(h.endpointOrigin)) crossOrigin.push(response.headers()['access-control-allow-origin'] ?? '');
  });
  await page.goto(`${h.demoUrl}/index.html`);
  const phone = page.locator('[data-practice-phone]');
  await phone.waitFor({ state: 'visible' });
  assert.equal(await phone.textContent(), '(555) 555-0142');
  assert.equal(await phone.getAttribute('href'), 'tel:+15555550142');
  assert.deepEqual(crossOrigin, [new URL(h.demoUrl).origin]);
  assert.deepEqual(await axeViolations(page), []);
  await page.context().close();
});

test('the language switch turns the site and <html lang> to Spanish, keyboard only', async () => {
  const page = await h.newPage();
  await page.goto(`${h.demoUrl}/portal.html`);
  await page.locator('[data-set-lang="es"]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  await page.getByRole('heading', { level: 1, name: 'Portal de clientes' }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  await page.context().close();
});

test('every demo page loads the one widget bundle without errors, and passes axe on a phone', async () => {
  for (const path of ['index.html', 'portal.html', 'appointments.html', 'documents.html', 'files.html']) {
    const page = await h.newPage({ width: 375 });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const response = await page.goto(`${h.demoUrl}/${path}`);
    assert.equal(response?.status(), 200, path);
    await page.locator('[data-practice-phone]').waitFor({ state: 'visible' });
    assert.deepEqual(errors, [], path);
    assert.deepEqual(await axeViolations(page), [], path);
    const html = await page.content();
    assert.ok(!html.includes('__PORTAL_ENDPOINT__'), `${path} has its endpoint filled in`);
    await page.context().close();
  }
});
