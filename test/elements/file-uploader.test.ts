import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/file-uploader/file-uploader.define.js';
import type { FileUploader } from '../../src/elements/file-uploader/file-uploader.js';
import { PortalApiError } from '../../src/core/api/errors.js';
import { configurePortal, connect, resetPortal } from '../../src/core/config.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';
import { FakeTransport } from '../support/fake-transport.js';
import { FakeUploader } from '../support/fake-uploader.js';
import { ENDPOINT } from '../support/data.js';
import { household, maya } from '../support/profile-data.js';
import { drawing, intakePdf, moodCsvText, noFiles, pngBytes, policy, stored, withFiles } from '../support/file-data.js';

const FILES = 'GET /profiles/11/files';
const root = (el: Element) => el.shadowRoot!;
const text = (el: Element) => root(el).textContent.replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...root(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const focused = (el: Element) => root(el).activeElement as HTMLElement | null;
const live = (el: Element) => root(el).querySelector('.visually-hidden[role="status"]')!.textContent.trim();
const row = (el: Element, index: number) => parts(el, 'file-row')[index];
const file = (name: string, size = 1000, type = '') => new File([new Uint8Array(size)], name, { type });

/** What the input's change gives after a pick (the native dialog cannot be driven from here). */
function choose(el: FileUploader, files: File[]) {
  const input = root(el).querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(f);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  return el.updateComplete;
}

describe('<file-uploader>', () => {
  let api: FakeTransport;
  let uploader: FakeUploader;

  async function uploaderEl(attributes = ''): Promise<FileUploader> {
    const el = await fixture<FileUploader>(html`<file-uploader endpoint=${ENDPOINT}></file-uploader>`);
    for (const [name, value] of attributes ? attributes.split(' ').map((a) => a.split('=')) : []) el.setAttribute(name, value ?? '');
    return el;
  }

  async function ready(el: FileUploader) {
    await waitUntil(() => part(el, 'file-list') ?? root(el).textContent.includes('No files shared yet'), 'files load');
    await el.updateComplete;
  }

  beforeEach(async () => {
    await setPortalLocale('en');
    sessionStorage.clear();
    resetPortal();
    uploader = new FakeUploader();
    api = new FakeTransport().reply('GET /me/profiles', household(11)).reply(FILES, noFiles);
    configurePortal({ transport: () => api, uploader: () => uploader });
    connect(ENDPOINT).session.set({ token: 't' });
  });

  after(() => setPortalLocale('en'));

  it('signed out: points to sign-in, asks nothing of the endpoint, and passes axe', async () => {
    connect(ENDPOINT).session.clear();
    const el = await uploaderEl();
    expect(text(el)).to.equal('Sign in to share files with your clinician.');
    expect(api.requests).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('no profile chosen yet: says to choose one, and passes axe', async () => {
    api.reply('GET /me/profiles', household());
    const el = await uploaderEl();
    await waitUntil(() => text(el).includes('Choose whose portal'));
    expect(api.requests.some((r) => r.path.includes('/files'))).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('loading, then empty: the rules are stated before choosing, and both pass axe', async () => {
    api.hold(FILES);
    const el = await uploaderEl();
    await waitUntil(() => text(el).includes('Loading files…'));
    expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
    await expect(el).to.be.accessible();
    api.release(FILES);
    await ready(el);
    expect(part(el, 'rules')!.textContent).to.equal(
      'You can share PDF up to 25 MB, JPG and PNG up to 15 MB, MP3 and M4A up to 500 MB, and CSV up to 5 MB.',
    );
    expect(part(el, 'choose-button')!.getAttribute('aria-describedby')).to.equal('rules');
    expect(root(el).querySelector('input[type="file"]')!.getAttribute('accept')).to.equal('.pdf,.jpg,.jpeg,.png,.mp3,.m4a,.csv');
    expect(text(el)).to.contain('No files shared yet.');
    await expect(el).to.be.accessible();
  });

  it('accept and max-size narrow the rules and never widen them', async () => {
    const el = await uploaderEl('accept=.pdf,image/*,.exe max-size=10485760');
    await ready(el);
    expect(part(el, 'rules')!.textContent).to.equal('You can share PDF, JPG, and PNG up to 10 MB.');
    expect(root(el).querySelector('input[type="file"]')!.getAttribute('accept')).to.equal('.pdf,.jpg,.jpeg,.png');
    el.maxSize = 100 * 1024 * 1024;
    await el.updateComplete;
    expect(part(el, 'rules')!.textContent, 'the server’s 15 MB stays').to.contain('JPG and PNG up to 15 MB');
  });

  it('load error: a calm alert and Try again, and portal-error with the operation and code', async () => {
    api.fail(FILES, 'server', { status: 500 });
    const failed = new Promise<CustomEvent>((resolve) => document.addEventListener('portal-error', (e) => resolve(e as CustomEvent), { once: true }));
    const el = await uploaderEl();
    expect((await failed).detail).to.deep.equal({ operation: 'listFiles', code: 'server' });
    await waitUntil(() => part(el, 'error'));
    expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
    await expect(el).to.be.accessible();
    api.reply(FILES, noFiles);
    part(el, 'retry-button')!.click();
    await ready(el);
  });

  it('refuses before upload with the reason: type, size, empty and quota; nothing is sent', async () => {
    api.reply(FILES, { files: [], policy: { ...policy, usedBytes: policy.quotaBytes - 5000 } });
    const el = await uploaderEl();
    await ready(el);
    expect(text(el), 'little space left is stated').to.contain('Space left: 4.9 kB');
    const big = file('scan.pdf', 25 * 1024 * 1024 + 1);
    await choose(el, [file('setup.exe'), file('report.pdf.exe'), big, file('empty.csv', 0), file('notes.pdf', 2000), file('b.png', 2000), file('c.png', 2000)]);
    const statuses = parts(el, 'row-status').map((s) => s.textContent.trim());
    expect(statuses.slice(0, 4)).to.deep.equal([
      'Not uploaded: Only the kinds of file listed above can be shared.',
      'Not uploaded: Only the kinds of file listed above can be shared.',
      'Not uploaded: It is larger than 25 MB, the limit for PDF files.',
      'Not uploaded: The file is empty.',
    ]);
    expect(statuses.slice(4)).to.deep.equal([
      'Uploading: 0%',
      'Uploading: 0%',
      "Not uploaded: There isn't enough space left for this file. Please call the office.",
    ]);
    expect(uploader.uploads.map((u) => u.file.name)).to.deep.equal(['notes.pdf', 'b.png']);
    expect(uploader.uploads[0].path).to.equal('/profiles/11/uploads');
    await expect(el).to.be.accessible();
  });

  it('portal-file-accept can veto a file; its detail names no file', async () => {
    const el = await uploaderEl();
    await ready(el);
    const details: unknown[] = [];
    el.addEventListener('portal-file-accept', (event) => {
      details.push(event.detail);
      if (event.detail.type === 'csv') event.preventDefault();
    });
    await choose(el, [file('notes.pdf', 10), file('mood.csv', 20)]);
    expect(details).to.deep.equal([
      { profileId: 11, type: 'pdf', sizeBytes: 10 },
      { profileId: 11, type: 'csv', sizeBytes: 20 },
    ]);
    expect(row(el, 1).textContent).to.contain("This file isn't accepted here.");
    expect(uploader.uploads).to.have.length(1);
  });

  it('progress: bar and percentage, announced at 25/50/75 only; done fires portal-file-uploaded and lists the file', async () => {
    const el = await uploaderEl();
    await ready(el);
    await choose(el, [file('notes.pdf', 1000)]);
    const [upload] = uploader.uploads;
    expect(upload.starts).to.equal(1);
    upload.progress(10);
    await el.updateComplete;
    expect(live(el)).to.equal('');
    upload.progress(30);
    await el.updateComplete;
    expect(part(el, 'progress')!.getAttribute('aria-valuetext')).to.equal('30%');
    expect((part(el, 'progress') as HTMLProgressElement).value).to.equal(30);
    expect(part(el, 'row-status')!.textContent).to.equal('Uploading: 30%');
    expect(live(el)).to.equal('notes.pdf: 25% uploaded');
    upload.progress(40);
    await el.updateComplete;
    expect(live(el), 'no new step').to.equal('notes.pdf: 25% uploaded');
    upload.progress(76);
    await el.updateComplete;
    expect(live(el)).to.equal('notes.pdf: 75% uploaded');
    await expect(el).to.be.accessible();
    const done = stored(50, 'notes.pdf', 'pdf', 1000);
    api.reply(FILES, withFiles([done]));
    const uploaded = oneEvent(el, 'portal-file-uploaded');
    upload.succeed(done);
    expect((await uploaded).detail).to.deep.equal({ profileId: 11, fileId: 50, type: 'pdf' });
    await waitUntil(() => part(el, 'file-list'));
    expect(live(el)).to.equal('notes.pdf: Uploaded. Your clinician can see it.');
    expect(part(el, 'file')!.textContent).to.contain('notes.pdf').and.contain('PDF · 1,000 bytes');
  });

  it('keyboard: Choose files opens the picker; Cancel, Retry and Dismiss work from the keyboard and keep focus', async () => {
    const el = await uploaderEl();
    await ready(el);
    const input = root(el).querySelector<HTMLInputElement>('input[type="file"]')!;
    let opened = 0;
    input.addEventListener('click', (event) => {
      opened++;
      event.preventDefault(); // the native dialog cannot be answered here
    });
    part(el, 'choose-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(opened).to.equal(2);
    await choose(el, [file('session.mp3', 5000)]);
    const [upload] = uploader.uploads;
    upload.progress(40);
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.textContent!.trim()).to.equal('Cancel');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(upload.cancels).to.equal(1);
    expect(row(el, 0).textContent).to.contain('Upload cancelled.');
    expect(focused(el)?.textContent!.trim(), 'focus moves to Retry').to.equal('Retry');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(upload.starts, 'Retry starts again (tus resumes or re-creates)').to.equal(2);
    expect(focused(el)?.textContent!.trim()).to.equal('Cancel');
    upload.succeed(stored(51, 'session.mp3', 'mp3', 5000));
    await waitUntil(() => row(el, 0).dataset.status === 'done');
    await el.updateComplete;
    (parts(el, 'row-button')[0]).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(parts(el, 'file-row')).to.have.length(0);
    expect(focused(el)?.getAttribute('part')).to.equal('choose-button');
  });

  it('server verdicts are localized from codes; a failed connection offers Retry, a verdict does not', async () => {
    const el = await uploaderEl();
    await ready(el);
    await choose(el, [file('a.pdf'), file('b.png'), file('c.m4a'), file('d.csv')]);
    const errors: unknown[] = [];
    el.addEventListener('portal-error', (event) => errors.push(event.detail));
    const [a, b, c, d] = uploader.uploads;
    a.fail(new PortalApiError('unsupported_type', { status: 415, reason: 'unsupported_type' }));
    b.fail(new PortalApiError('payload_too_large', { status: 413, reason: 'quota_exceeded' }));
    c.fail(new PortalApiError('network'));
    d.fail(new PortalApiError('validation', { status: 400, reason: 'invalid_name' }));
    await waitUntil(() => parts(el, 'file-row').every((r) => r.dataset.status === 'failed'));
    await el.updateComplete;
    const statuses = parts(el, 'row-status').map((s) => s.textContent.trim());
    expect(statuses).to.deep.equal([
      "Not uploaded: The file's content doesn't match its type, or this kind of file isn't accepted.",
      "Not uploaded: There isn't enough space left for this file. Please call the office.",
      "Not uploaded: We couldn't reach the practice's portal. Check your connection and try again.",
      "Not uploaded: The file's name can't be used. Rename it and try again.",
    ]);
    const labels = (index: number) => [...row(el, index).querySelectorAll('button')].map((button) => button.textContent.trim());
    expect(labels(0)).to.deep.equal(['Dismiss']);
    expect(labels(1)).to.deep.equal(['Dismiss']);
    expect(labels(2)).to.deep.equal(['Retry', 'Dismiss']);
    expect(errors).to.deep.include({ operation: 'uploadFile', code: 'network' });
    expect(errors.every((e) => Object.keys(e as object).sort().join() === 'code,operation')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('the files list: name, type, size and date; a CSV opens as a text table with the formula warning', async () => {
    api.reply(FILES, withFiles()).reply('GET /profiles/11/files/41', new Blob([moodCsvText], { type: 'text/csv' }));
    const el = await uploaderEl();
    await ready(el);
    const rows = parts(el, 'file').map((r) => r.querySelector('.meta')!.textContent.trim());
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(intakePdf.uploadedAt));
    expect(rows[1]).to.equal(`PDF · 1.5 MB · ${when}`);
    expect(rows[2]).to.match(/^MP3 · 130 MB · /);
    await expect(el).to.be.accessible();
    const open = parts(el, 'open-button')[0];
    open.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(el, 'viewer'));
    await el.updateComplete;
    expect(api.lastRequest).to.deep.include({ method: 'GET', path: '/profiles/11/files/41', responseType: 'blob' });
    expect(focused(el)?.id, 'the viewer’s heading takes focus').to.equal('viewer-title');
    expect(part(el, 'warning')!.textContent).to.contain('=, +, - or @');
    const cells = [...root(el).querySelectorAll('td')].map((td) => td.textContent);
    expect(cells).to.deep.equal(['2026-11-19', '3', 'slept badly, "again"', '2026-11-20', '4', '=HYPERLINK("http://x","y")']);
    expect(root(el).querySelector('table a'), 'no markup from cells').to.equal(null);
    await expect(el).to.be.accessible();
    part(el, 'close-button')!.click();
    await el.updateComplete;
    expect(part(el, 'viewer')).to.equal(null);
    expect(focused(el)).to.equal(open);
  });

  it('an image opens as an image, and Download saves it with its name', async () => {
    api.reply(FILES, withFiles([drawing])).reply('GET /profiles/11/files/44', new Blob([pngBytes], { type: 'image/png' }));
    const el = await uploaderEl();
    await ready(el);
    part(el, 'open-button')!.click();
    await waitUntil(() => part(el, 'viewer'));
    await el.updateComplete;
    expect(root(el).querySelector('img')!.getAttribute('alt')).to.equal('drawing.png');
    expect(root(el).querySelector('img')!.src).to.match(/^blob:/);
    await expect(el).to.be.accessible();
    const saved = new Promise<HTMLAnchorElement>((resolve) =>
      root(el).addEventListener('click', (event) => {
        const target = event.target as HTMLElement;
        if (target instanceof HTMLAnchorElement) {
          event.preventDefault();
          resolve(target);
        }
      }),
    );
    part(el, 'download-button')!.click();
    const link = await saved;
    expect(link.download).to.equal('drawing.png');
    expect(link.href).to.match(/^blob:/);
  });

  it('a PDF opens in a frame whose blob is always application/pdf, whatever type the answer claims', async () => {
    api.reply(FILES, withFiles([intakePdf])).reply('GET /profiles/11/files/42', new Blob(['<script>parent.pwned = 1</script>'], { type: 'text/html' }));
    const el = await uploaderEl();
    await ready(el);
    part(el, 'open-button')!.click();
    await waitUntil(() => root(el).querySelector('iframe'));
    const frame = root(el).querySelector('iframe')!;
    expect(frame.getAttribute('title')).to.equal('insurance letter.pdf');
    expect(frame.src).to.match(/^blob:/);
    expect((await (await fetch(frame.src)).blob()).type).to.equal('application/pdf');
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('a failed download says so and fires portal-error', async () => {
    api.reply(FILES, withFiles([drawing])).fail('GET /profiles/11/files/44', 'not_found', { status: 404 });
    const el = await uploaderEl();
    await ready(el);
    const failed = oneEvent(el, 'portal-error');
    part(el, 'open-button')!.click();
    expect((await failed).detail).to.deep.equal({ operation: 'downloadFile', code: 'not_found' });
    await el.updateComplete;
    expect(part(el, 'error')!.textContent).to.contain("We couldn't find what you were looking for.");
  });

  it('a profile that may view but not upload: the list without the drop zone', async () => {
    api.reply('GET /me/profiles', household(maya.id)).reply('GET /profiles/12/files', withFiles([drawing]));
    const el = await uploaderEl();
    await waitUntil(() => part(el, 'file-list'));
    expect(part(el, 'drop-zone')).to.equal(null);
    expect(text(el)).to.contain("Files can't be uploaded for this profile with your sign-in.");
    await expect(el).to.be.accessible();
  });

  it('signing out cancels uploads and drops every name from the screen', async () => {
    api.reply(FILES, withFiles([drawing]));
    const el = await uploaderEl();
    await ready(el);
    await choose(el, [file('private.pdf')]);
    connect(ENDPOINT).session.clear();
    await el.updateComplete;
    expect(uploader.uploads[0].cancels).to.equal(1);
    expect(text(el)).to.equal('Sign in to share files with your clinician.');
  });

  it('speaks Spanish', async () => {
    await setPortalLocale('es');
    api.reply(FILES, withFiles([intakePdf]));
    const el = await uploaderEl();
    await ready(el);
    expect(part(el, 'rules')!.textContent).to.equal(
      'Puede compartir PDF hasta 25 MB, JPG y PNG hasta 15 MB, MP3 y M4A hasta 500 MB y CSV hasta 5 MB.',
    );
    expect(part(el, 'choose-button')!.textContent.trim()).to.equal('Elegir archivos');
    expect(part(el, 'file')!.querySelector('.meta')!.textContent).to.match(/^PDF · 1,5 MB · 18 nov 2026/);
    await choose(el, [file('nota.pdf', 100)]);
    uploader.uploads[0].progress(50);
    await el.updateComplete;
    expect(part(el, 'row-status')!.textContent).to.equal('Cargando: 50\u00a0%');
    expect(live(el)).to.equal('nota.pdf: 50\u00a0% cargado');
    await expect(el).to.be.accessible();
  });
});
