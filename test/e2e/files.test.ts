// <file-uploader> on the demo's Files page against the real reference endpoint: resumable tus
// uploads (the lazily loaded client), progress, Cancel, Retry after a dropped connection, the
// endpoint's verdicts, and opening files, in English and Spanish, from the keyboard only.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, axeViolations, admin, type Harness } from './harness.js';
import { sampleCsv, sampleMp3, samplePdf, samplePng } from '../server/files-samples.js';

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

const uploader = (page: Page) => page.locator('file-uploader');
const rowOf = (page: Page, name: string) => uploader(page).locator('[part~="file-row"]').filter({ hasText: name });

/** Signs in through the API (the sign-in widget has its own tests) and opens the Files page. */
async function filesPage(email: string, options: { locale?: string; width?: number; lang?: 'en' | 'es' } = {}): Promise<Page> {
  const { pin } = (await (await admin(h, '/pins', { email })).json()) as { pin: string };
  const response = await fetch(`${h.endpointUrl}/auth/pin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: new URL(h.demoUrl).origin },
    body: JSON.stringify({ email, pin }),
  });
  const { token } = (await response.json()) as { token: string };
  const page = await h.newPage(options);
  await page.context().addInitScript(
    ([key, value, lang]) => {
      sessionStorage.setItem(key, value);
      localStorage.setItem('lakeside-demo-language', lang);
    },
    [`portal-session:${h.endpointUrl}`, token, options.lang ?? 'en'],
  );
  // Playwright turns on file-dialog interception when a listener is first added, without waiting
  // for it: a listener from the start means no dialog can slip past a later waitForEvent.
  page.on('filechooser', () => undefined);
  await page.goto(`${h.demoUrl}/files.html`);
  await uploader(page).locator('[part~="choose-button"]').waitFor();
  return page;
}

/** What has focus, through shadow roots: its part, its text and the row it is in. */
function focusInfo(page: Page) {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const row = active?.closest('[data-id], [data-file]');
    return { part: active?.getAttribute('part') ?? '', text: active?.textContent?.trim() ?? '', row: row?.querySelector('.name')?.textContent ?? '' };
  });
}

/** Presses Tab until `wanted` has focus (keyboard only, as a client would). */
async function tabTo(page: Page, wanted: (f: Awaited<ReturnType<typeof focusInfo>>) => boolean): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (wanted(await focusInfo(page))) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`focus never reached the wanted control (last: ${JSON.stringify(await focusInfo(page))})`);
}

/** Chooses files through the real file dialog, opened with Enter on "Choose files". */
async function chooseWithKeyboard(page: Page, files: Array<{ name: string; buffer: Buffer; mimeType: string }>) {
  await tabTo(page, (f) => f.part === 'choose-button');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  await chooser.setFiles(files);
}

/** R71: nothing of an upload in browser storage; only the session token (and the demo's language). */
async function assertNothingStored(page: Page) {
  const stored = await page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }));
  assert.deepEqual(stored.local, ['lakeside-demo-language']);
  assert.deepEqual(
    stored.session.map((k) => k.split(':')[0]),
    ['portal-session'],
  );
}

test('three files with progress, one cancelled, one retried after a dropped connection, then viewed, from the keyboard', async () => {
  const page = await filesPage('alex@example.com');
  const context = page.context();
  const rules = await uploader(page).locator('[part~="rules"]').textContent();
  assert.match(rules ?? '', /^You can share PDF up to 25 MB, JPG and PNG up to 15 MB, MP3 and M4A up to 500 MB, and CSV up to 5 MB\.$/);
  assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('portal-widgets-tus'))), false, 'the tus client waits for an upload');
  assert.deepEqual(await axeViolations(page), []);

  // The recording goes slowly enough to be seen and cancelled.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 48 * 1024 });
  const recording = sampleMp3(1200); // about 500 kB
  await chooseWithKeyboard(page, [
    { name: 'intake notes.pdf', buffer: samplePdf(), mimeType: 'application/pdf' },
    { name: 'mood log.csv', buffer: sampleCsv(), mimeType: 'text/csv' },
    { name: 'session recording.mp3', buffer: recording, mimeType: 'audio/mpeg' },
  ]);
  await rowOf(page, 'session recording.mp3').locator('[part~="progress"]').waitFor();
  await rowOf(page, 'intake notes.pdf').getByText('Uploaded. Your clinician can see it.').waitFor({ timeout: 15_000 });
  await rowOf(page, 'mood log.csv').getByText('Uploaded. Your clinician can see it.').waitFor({ timeout: 15_000 });
  // Progress: the bar and the percentage move, and the live region says it at 25 % steps.
  await page.waitForFunction(() => {
    const el = document.querySelector('file-uploader')!.shadowRoot!;
    const bar = [...el.querySelectorAll<HTMLProgressElement>('progress')].at(-1);
    return bar && bar.value >= 25 && el.querySelector('[role="status"].visually-hidden')!.textContent.includes('25% uploaded');
  });
  assert.match((await rowOf(page, 'session recording.mp3').textContent()) ?? '', /Uploading: \d+%/);
  assert.deepEqual(await axeViolations(page), []);

  // Cancel the recording.
  await tabTo(page, (f) => f.text === 'Cancel' && f.row === 'session recording.mp3');
  await page.keyboard.press('Enter');
  await rowOf(page, 'session recording.mp3').getByText('Upload cancelled.').waitFor();
  assert.deepEqual(await focusInfo(page), { part: 'row-button', text: 'Retry', row: 'session recording.mp3' });

  // Retry while the connection is down: it fails, calmly, and offers Retry again.
  await cdp.send('Network.emulateNetworkConditions', { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.keyboard.press('Enter');
  await rowOf(page, 'session recording.mp3').getByText("Not uploaded: We couldn't reach the practice's portal.", { exact: false }).waitFor();
  assert.equal((await focusInfo(page)).text, 'Retry', 'focus stays on the row');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.keyboard.press('Enter');
  await rowOf(page, 'session recording.mp3').getByText('Uploaded. Your clinician can see it.').waitFor({ timeout: 15_000 });

  // The three files are listed, newest first, and open with the session.
  const list = uploader(page).locator('[part~="file"]');
  await page.waitForFunction(() => document.querySelector('file-uploader')!.shadowRoot!.querySelectorAll('[part~="file"]').length === 3);
  assert.deepEqual(
    (await list.locator('.name').allTextContents()).sort(),
    ['intake notes.pdf', 'mood log.csv', 'session recording.mp3'],
  );
  assert.match((await list.filter({ hasText: 'session recording.mp3' }).locator('.meta').textContent()) ?? '', /^MP3 · \d+ kB · /);
  await tabTo(page, (f) => f.part === 'open-button' && f.row === 'mood log.csv');
  await page.keyboard.press('Enter');
  const viewer = uploader(page).locator('[part~="viewer"]');
  await viewer.locator('table').waitFor();
  assert.equal((await focusInfo(page)).text, 'mood log.csv');
  assert.deepEqual(await viewer.locator('td').allTextContents(), ['2025-01-06', '3', 'dormí mal', '2025-01-07', '4', '=1+1']);
  assert.match((await viewer.locator('[part~="warning"]').textContent()) ?? '', /not formulas/);
  assert.deepEqual(await axeViolations(page), []);
  await tabTo(page, (f) => f.part === 'open-button' && f.row === 'intake notes.pdf');
  await page.keyboard.press('Enter');
  await viewer.locator('iframe[title="intake notes.pdf"]').waitFor();
  // Chromium's PDF viewer really draws it (a sandboxed frame would get an error page instead).
  const pdfViewer = () => page.frames().some((f) => f.url().startsWith('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/'));
  while (!pdfViewer()) await page.waitForEvent('framenavigated', { timeout: 10_000 });
  await tabTo(page, (f) => f.part === 'close-button');
  await page.keyboard.press('Enter');
  assert.equal(await viewer.count(), 0);
  assert.deepEqual(await focusInfo(page), { part: 'open-button', text: 'Open', row: 'intake notes.pdf' });
  await assertNothingStored(page);
  await context.close();
});

test('en español, en un teléfono: refusals before upload, the endpoint’s verdict, an image uploaded and shown', async () => {
  const page = await filesPage('maria@example.com', { locale: 'es-MX', width: 375, lang: 'es' });
  await uploader(page).getByText('Puede compartir PDF hasta 25 MB', { exact: false }).waitFor();
  await chooseWithKeyboard(page, [
    { name: 'foto.png', buffer: samplePng(), mimeType: 'image/png' },
    { name: 'programa.exe', buffer: Buffer.from('MZ'), mimeType: 'application/octet-stream' },
    { name: 'vacío.csv', buffer: Buffer.alloc(0), mimeType: 'text/csv' },
    { name: 'disfrazado.pdf', buffer: samplePng(), mimeType: 'application/pdf' },
  ]);
  await rowOf(page, 'programa.exe').getByText('No se cargó: Solo se pueden compartir los tipos de archivo indicados arriba.').waitFor();
  await rowOf(page, 'vacío.csv').getByText('No se cargó: El archivo está vacío.').waitFor();
  await rowOf(page, 'disfrazado.pdf')
    .getByText('No se cargó: El contenido del archivo no corresponde a su tipo, o este tipo de archivo no se acepta.')
    .waitFor({ timeout: 15_000 });
  assert.equal(await rowOf(page, 'disfrazado.pdf').getByText('Reintentar').count(), 0, 'a verdict is not retried');
  await rowOf(page, 'foto.png').getByText('Cargado. Su terapeuta puede verlo.').waitFor({ timeout: 15_000 });
  assert.deepEqual(await axeViolations(page), []);
  await tabTo(page, (f) => f.part === 'open-button' && f.row === 'foto.png');
  await page.keyboard.press('Enter');
  const image = uploader(page).locator('[part~="viewer"] img[alt="foto.png"]');
  await image.waitFor();
  assert.ok(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1), 'the image decodes');
  assert.deepEqual(await axeViolations(page), []);
  await assertNothingStored(page);
  await page.context().close();
});

test('a large upload cut off by a page reload continues from where it stopped when the same file is chosen again, with nothing in browser storage', async () => {
  const page = await filesPage('alex@example.com');
  const context = page.context();
  // A real file on disk, so choosing it again gives the same name, size, date and type.
  const dir = await mkdtemp(join(tmpdir(), 'portal-e2e-resume-'));
  const path = join(dir, 'long session.mp3');
  const original = sampleMp3(7000); // about 3 MB
  await writeFile(path, original);
  const tusRequests: Array<{ method: string; offset: string | undefined }> = [];
  const endpoint = new URL(h.endpointUrl).origin;
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 192 * 1024 });
    const [first] = await Promise.all([page.waitForEvent('filechooser'), uploader(page).locator('[part~="choose-button"]').click()]);
    await first.setFiles(path);
    await page.waitForFunction(() => {
      const bar = document.querySelector('file-uploader')!.shadowRoot!.querySelector<HTMLProgressElement>('progress');
      return bar !== null && bar.value >= 15;
    }, undefined, { timeout: 20_000 });

    // The page goes away mid-upload; the next one knows nothing of it but the session token.
    await page.reload();
    await uploader(page).locator('[part~="choose-button"]').waitFor();
    await assertNothingStored(page);
    page.on('request', (request) => {
      if (!request.url().startsWith(endpoint) || !request.url().includes('/uploads')) return;
      tusRequests.push({ method: request.method(), offset: request.headers()['upload-offset'] });
    });
    const [again] = await Promise.all([page.waitForEvent('filechooser'), uploader(page).locator('[part~="choose-button"]').click()]);
    await again.setFiles(path);
    await page.waitForFunction(
      () => document.querySelector('file-uploader')!.shadowRoot!.querySelector('[role="status"].visually-hidden')!.textContent.includes(
        'Continuing your earlier upload of long session.mp3',
      ),
      undefined,
      { timeout: 15_000 },
    );
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await rowOf(page, 'long session.mp3').getByText('Uploaded. Your clinician can see it.').waitFor({ timeout: 30_000 });

    const patches = tusRequests.filter((r) => r.method === 'PATCH');
    assert.deepEqual(tusRequests.filter((r) => r.method === 'POST'), [], 'no new upload was created');
    assert.ok(tusRequests.some((r) => r.method === 'GET'), 'the endpoint was asked for the unfinished upload');
    assert.ok(patches.length > 0, 'the rest was sent');
    const resumedAt = Number(patches[0].offset);
    assert.ok(resumedAt > 0 && resumedAt < original.length, `the first PATCH after the reload starts at ${resumedAt}, not 0`);

    // The stored file is the original, byte for byte.
    const token = await page.evaluate((key) => sessionStorage.getItem(key), `portal-session:${h.endpointUrl}`);
    const headers = { Authorization: `Bearer ${token}`, Origin: new URL(h.demoUrl).origin };
    const profiles = (await (await fetch(`${h.endpointUrl}/me/profiles`, { headers })).json()) as { profiles: Array<{ id: number }> };
    const profileId = profiles.profiles[0].id;
    const list = (await (await fetch(`${h.endpointUrl}/profiles/${profileId}/files`, { headers })).json()) as {
      files: Array<{ id: number; name: string; sha256: string }>;
    };
    const stored = list.files.find((f) => f.name === 'long session.mp3');
    assert.ok(stored);
    assert.equal(list.files.filter((f) => f.name === 'long session.mp3').length, 1, 'one file, not two');
    const digest = createHash('sha256').update(original).digest('hex');
    assert.equal(stored.sha256, digest);
    const bytes = Buffer.from(await (await fetch(`${h.endpointUrl}/profiles/${profileId}/files/${stored.id}`, { headers })).arrayBuffer());
    assert.equal(createHash('sha256').update(bytes).digest('hex'), digest);
    await assertNothingStored(page);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});
