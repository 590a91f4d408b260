import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/file-uploader/file-uploader.define.js';
import type { FileUploader } from '../../src/elements/file-uploader/file-uploader.js';
import { configurePortal, connect, resetPortal } from '../../src/core/config.js';
import { setPortalLocale } from '../../src/core/i18n/localization.js';
import { FakeTransport } from '../support/fake-transport.js';
import { FakeUploader } from '../support/fake-uploader.js';
import { ENDPOINT } from '../support/data.js';
import { household } from '../support/profile-data.js';
import { noFiles } from '../support/file-data.js';

const root = (el: Element) => el.shadowRoot!;
const live = (el: Element) => root(el).querySelector('.visually-hidden[role="status"]')!.textContent.trim();

function choose(el: FileUploader, files: File[]) {
  const input = root(el).querySelector<HTMLInputElement>('input[type="file"]')!;
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(f);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
  return el.updateComplete;
}

describe('<file-uploader> continuing an upload a reload cut off', () => {
  let uploader: FakeUploader;

  beforeEach(async () => {
    await setPortalLocale('en');
    sessionStorage.clear();
    resetPortal();
    uploader = new FakeUploader();
    const api = new FakeTransport().reply('GET /me/profiles', household(11)).reply('GET /profiles/11/files', noFiles);
    configurePortal({ transport: () => api, uploader: () => uploader });
    connect(ENDPOINT).session.set({ token: 't' });
  });

  after(() => setPortalLocale('en'));

  it('the upload is created with a way to find the earlier one, and says calmly that it continues, from its offset', async () => {
    const el = await fixture<FileUploader>(html`<file-uploader endpoint=${ENDPOINT}></file-uploader>`);
    await waitUntil(() => root(el).textContent.includes('No files shared yet'), 'files load');
    await choose(el, [new File([new Uint8Array(1000)], 'session.mp3')]);
    const upload = uploader.uploads[0];
    expect(upload.resume?.profileId).to.equal(11);
    upload.resumeFrom(60);
    await el.updateComplete;
    expect(live(el)).to.equal('Continuing your earlier upload of session.mp3');
    expect(root(el).querySelector('progress')!.value).to.equal(60);
    upload.progress(70);
    await el.updateComplete;
    expect(live(el), 'no 25 % or 50 % announcement for bytes sent before the reload').to.equal('Continuing your earlier upload of session.mp3');
    await expect(el).to.be.accessible();
  });

  it('in Spanish', async () => {
    await setPortalLocale('es');
    const el = await fixture<FileUploader>(html`<file-uploader endpoint=${ENDPOINT}></file-uploader>`);
    await waitUntil(() => root(el).querySelector('input[type="file"]'), 'files load');
    await choose(el, [new File([new Uint8Array(1000)], 'sesión.mp3')]);
    uploader.uploads[0].resumeFrom(30);
    await el.updateComplete;
    expect(live(el)).to.equal('Continuando la carga anterior de sesión.mp3');
  });
});
