import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/file-uploader/file-uploader.define.js';
import type { FileUploader } from '../../src/elements/file-uploader/file-uploader.js';
import { configurePortal, connect, resetPortal } from '../../src/core/config.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';
import { FakeTransport } from '../support/fake-transport.js';
import { FakeUploader } from '../support/fake-uploader.js';
import { ENDPOINT } from '../support/data.js';
import { household } from '../support/profile-data.js';
import { intakePdf, pendingScan, refusedScan, withFiles } from '../support/file-data.js';

// R52: a file that waits for the malware scan is listed as "Checking…" and cannot be opened or
// downloaded; one the scanner refused says so calmly; released files keep Open and Download.
const FILES = 'GET /profiles/11/files';
const root = (el: Element) => el.shadowRoot!;
const fileRow = (el: Element, id: number) => root(el).querySelector<HTMLElement>(`[part~="file"][data-file="${id}"]`)!;

describe('<file-uploader> and the malware scan', () => {
  let api: FakeTransport;

  async function loaded(): Promise<FileUploader> {
    const el = await fixture<FileUploader>(html`<file-uploader endpoint=${ENDPOINT}></file-uploader>`);
    await waitUntil(() => root(el).querySelector('[part~="file-list"]'), 'files load');
    await el.updateComplete;
    return el;
  }

  beforeEach(async () => {
    await setPortalLocale('en');
    sessionStorage.clear();
    resetPortal();
    api = new FakeTransport().reply('GET /me/profiles', household(11)).reply(FILES, withFiles([pendingScan, refusedScan, intakePdf]));
    configurePortal({ transport: () => api, uploader: () => new FakeUploader() });
    connect(ENDPOINT).session.set({ token: 't' });
  });

  after(() => setPortalLocale('en'));

  it('pending_scan shows Checking… without Open or Download; infected a calm refusal; clean files keep both; passes axe', async () => {
    const el = await loaded();
    const pending = fileRow(el, pendingScan.id);
    expect(pending.querySelector('[part~="file-status"]')!.textContent.trim()).to.equal('Checking…');
    expect(pending.querySelector('button'), 'nothing to open while checking').to.equal(null);
    const refused = fileRow(el, refusedScan.id);
    expect(refused.querySelector('[part~="file-status"]')!.textContent).to.contain('Not accepted: our safety check flagged this file');
    expect(refused.querySelector('button'), 'a refused file is never offered').to.equal(null);
    expect(refused.textContent).not.to.match(/virus|malware|infected|eicar/i);
    const clean = fileRow(el, intakePdf.id);
    expect([...clean.querySelectorAll('button')].map((b) => b.textContent.trim())).to.deep.equal(['Open', 'Download']);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish: Comprobando…', async () => {
    await setPortalLocale('es');
    const el = await loaded();
    expect(fileRow(el, pendingScan.id).querySelector('[part~="file-status"]')!.textContent.trim()).to.equal('Comprobando…');
    expect(fileRow(el, refusedScan.id).textContent).to.contain('No aceptado');
    await expect(el).to.be.accessible();
  });
});
