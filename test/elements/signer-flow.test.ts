import { expect, waitUntil } from '@open-wc/testing';
import { SignerFlow } from '../../src/elements/document-signer/signer-flow.js';
import { configurePortal, connect } from '../../src/core/config.js';
import { resetPortal } from '../../src/testing.js';
import { FakeTransport } from '../support/fake-transport.js';
import { ENDPOINT } from '../support/data.js';
import { jordan, maya } from '../support/profile-data.js';
import { packet, replyWithPacketRoutes, signedList, token, validContact } from '../support/document-data.js';
import { TestHost } from '../support/test-host.js';

const P = '/profiles/11';

/** The document signer's flow, with no element: a stand-in host, the fake transport, a focus log. */
describe('SignerFlow (headless)', () => {
  let api: FakeTransport;
  let host: TestHost;
  let flow: SignerFlow;
  let focused: string[];
  let saved: Array<{ blob: Blob; title: string }>;
  const client = () => connect(ENDPOINT).client;
  const view = () => flow.snapshot.view;
  const settled = () => waitUntil(() => !flow.snapshot.loading && flow.snapshot.packet, 'the flow settles', { timeout: 3000 });

  beforeEach(() => {
    resetPortal();
    api = replyWithPacketRoutes(new FakeTransport());
    configurePortal({ transport: () => api });
    connect(ENDPOINT).session.set({ token: 't' });
    host = new TestHost();
    focused = [];
    saved = [];
    flow = new SignerFlow(host, { focus: (selector) => focused.push(selector), saveFile: (blob, title) => saved.push({ blob, title }) });
  });

  it('shows nothing and asks for nothing without a profile', async () => {
    flow.show(client(), null, 'en');
    await host.updateComplete;
    expect(flow.snapshot.packet).to.equal(undefined);
    expect(api.requests).to.have.length(0);
  });

  it('loads the packet for the profile and language, and opens on the welcome without moving focus', async () => {
    flow.show(client(), jordan, 'en');
    expect(flow.snapshot.loading, 'loading while the drafts settle and the packet loads').to.equal(true);
    await settled();
    expect(view()).to.equal('welcome');
    expect(flow.snapshot.fragment!.textContent).to.contain('Lakeside Counseling');
    expect(api.requests.map((r) => r.path)).to.deep.equal([`${P}/documents/packet?language=en`]);
    expect(api.requests[0].signal, 'the load can be aborted').to.be.instanceOf(AbortSignal);
    expect(focused).to.deep.equal([]);
  });

  it('walks consent, document and form to the card, firing portal-document-signed', async () => {
    const signed = host.record('portal-document-signed');
    flow.show(client(), jordan, 'en');
    await settled();
    flow.actions.start();
    await waitUntil(() => view() === 'consent');
    expect(focused.at(-1)).to.equal('[part~="heading"]');
    flow.actions.sign();
    expect(flow.snapshot.sig.errors).to.deep.equal({ agreed: 'required' });
    expect(focused.at(-1), 'the first field with a problem').to.equal('#f-agreed');
    flow.actions.change('agreed', true);
    flow.actions.sign();
    await waitUntil(() => view() === 'document');
    flow.actions.change('agreed', true);
    flow.actions.change('fullName', ' Jordan Lee ');
    flow.actions.sign();
    await waitUntil(() => view() === 'form');
    expect(signed.map((e) => e.detail)).to.deep.equal([{ profileId: 11, documentId: 1, signatureId: 9 }]);
    expect(flow.snapshot.announcement).to.equal('Signed.');
    expect(flow.snapshot.index).to.equal(1);
    flow.actions.continueForm();
    expect(focused.at(-1)).to.equal('[part~="error-summary"]');
    for (const [id, value] of Object.entries(validContact)) flow.actions.change(id, value);
    flow.actions.continueForm();
    expect(view()).to.equal('review');
    flow.actions.submitForm();
    await waitUntil(() => view() === 'card');
    expect(api.requests.find((r) => r.path === `${P}/forms/contact/submission`)!.body).to.deep.include({ answers: validContact });
  });

  it('takes a card token from the frame and saves it, then completes the packet', async () => {
    const completed = host.record('portal-packet-completed');
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ items: [{ kind: 'payment_card', status: 'pending' }] }));
    flow.show(client(), jordan, 'en');
    await settled();
    flow.actions.start();
    await waitUntil(() => view() === 'card');
    flow.cardMessage({ type: 'portal-card-height', height: 40 });
    expect(flow.snapshot.cardHeight, 'never shorter than 120 px').to.equal(120);
    flow.cardMessage({ type: 'portal-card-error', code: 'invalid_number' });
    expect(flow.snapshot.cardErrorCode).to.equal('invalid_number');
    flow.cardMessage(token);
    expect(flow.snapshot.cardToken).to.deep.equal({ token: 'tok_abcdef123456', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 });
    expect(flow.snapshot.cardErrorCode).to.equal(undefined);
    flow.actions.saveCard();
    await waitUntil(() => view() === 'done');
    expect(completed.map((e) => e.detail)).to.deep.equal([{ profileId: 11 }]);
    expect(flow.snapshot.packet!.completed).to.equal(true);
  });

  it('a failed load is the step error, reported as portal-error, and Try again loads it again', async () => {
    const errors = host.record('portal-error');
    api.fail(`GET ${P}/documents/packet?language=en`, 'network');
    flow.show(client(), jordan, 'en');
    await waitUntil(() => flow.snapshot.stepError);
    expect(errors.map((e) => e.detail)).to.deep.equal([{ operation: 'getPacket', code: 'network' }]);
    api.reply(`GET ${P}/documents/packet?language=en`, packet());
    flow.actions.retry();
    await settled();
    expect(flow.snapshot.stepError).to.equal(undefined);
    expect(view()).to.equal('welcome');
  });

  it('a failed button request keeps its error in place and focuses it, and refuses a second one meanwhile', async () => {
    const errors = host.record('portal-error');
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ esignConsent: { textVersion: 1, accepted: true } }));
    api.fail(`POST ${P}/signatures`, 'server').hold(`POST ${P}/signatures`);
    flow.show(client(), jordan, 'en');
    await settled();
    flow.actions.start();
    await waitUntil(() => view() === 'document');
    flow.actions.change('agreed', true);
    flow.actions.change('fullName', 'Jordan Lee');
    flow.actions.sign();
    await waitUntil(() => flow.snapshot.busy);
    flow.actions.sign();
    api.release(`POST ${P}/signatures`);
    await waitUntil(() => !flow.snapshot.busy);
    expect(api.requests.filter((r) => r.path === `${P}/signatures`), 'one request').to.have.length(1);
    expect(flow.snapshot.error?.code).to.equal('server');
    expect(errors.map((e) => e.detail)).to.deep.equal([{ operation: 'signDocument', code: 'server' }]);
    expect(focused.at(-1)).to.equal('[part~="error"]');
  });

  it('another profile aborts what was loading and forgets everything of the last one', async () => {
    api.hold(`GET ${P}/documents/packet?language=en`).reply(`GET /profiles/12/documents/packet?language=en`, packet({ profileId: 12, items: [] }));
    flow.show(client(), jordan, 'en');
    await waitUntil(() => api.requests.length === 1);
    flow.show(client(), maya, 'en');
    expect(api.requests[0].signal!.aborted, 'the first load is aborted').to.equal(true);
    await settled();
    expect(flow.snapshot.packet!.profileId).to.equal(12);
    expect(flow.snapshot.acting).to.equal(maya);
  });

  it('a language switch saves the draft first and comes back to the same step', async () => {
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ items: [{ kind: 'form', formId: 'contact', status: 'in_progress' }] }));
    api.reply(`GET ${P}/documents/packet?language=es`, packet({ language: 'es', items: [{ kind: 'form', formId: 'contact', status: 'in_progress' }] }));
    flow.show(client(), jordan, 'en');
    await waitUntil(() => view() === 'form');
    flow.actions.change('city', 'Springfield');
    flow.show(client(), jordan, 'es');
    await waitUntil(() => view() === 'form' && !flow.snapshot.loading);
    const order = api.requests.map((r) => `${r.method} ${r.path}`);
    expect(order.slice(-3)).to.deep.equal([`PUT ${P}/forms/contact/draft`, `GET ${P}/documents/packet?language=es`, `GET ${P}/forms/contact`]);
  });

  it('drafts wait for a pause in typing, and go at once with keepalive when asked', async () => {
    api.reply(`GET ${P}/documents/packet?language=en`, packet({ items: [{ kind: 'form', formId: 'contact', status: 'in_progress' }] }));
    flow.show(client(), jordan, 'en');
    await waitUntil(() => view() === 'form');
    flow.actions.change('city', 'Spring');
    flow.actions.change('city', 'Springfield');
    expect(api.requests.filter((r) => r.method === 'PUT')).to.have.length(0);
    await flow.saveDraftNow(true);
    const drafts = api.requests.filter((r) => r.method === 'PUT');
    expect(drafts).to.have.length(1);
    expect(drafts[0]).to.deep.include({ keepalive: true, body: { answers: { city: 'Springfield' } } });
    expect(flow.snapshot.form!.saved).to.equal('saved');
  });

  it('Documents: the list, a signed copy, and its PDF handed to the page to save', async () => {
    api.reply(`GET ${P}/signatures/9/pdf`, new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    flow.show(client(), jordan, 'en');
    await settled();
    flow.actions.showDocuments();
    await waitUntil(() => view() === 'documents');
    expect(flow.snapshot.list).to.deep.equal(signedList);
    flow.actions.openCopy(9);
    await waitUntil(() => view() === 'copy');
    flow.actions.download(9, 'Informed consent');
    await waitUntil(() => saved.length === 1);
    expect(saved[0].title).to.equal('Informed consent');
    expect(flow.snapshot.announcement).to.equal('Download started.');
    flow.actions.back();
    await waitUntil(() => view() === 'documents');
  });
});
