import { expect } from '@open-wc/testing';
import { PortalClient } from '../../src/core/api/client.js';
import type { PortalRequest } from '../../src/core/api/transport.js';
import { SessionStore, memoryStorage } from '../../src/testing.js';
import { FakeTransport } from '../support/fake-transport.js';
import { FakeUploader } from '../support/fake-uploader.js';

/** A transport that answers every request with `{}` (or nothing for DELETE) and records it. */
class Recorder extends FakeTransport {
  override send<T>(request: PortalRequest): Promise<T> {
    this.requests.push(request);
    return Promise.resolve((request.method === 'DELETE' ? undefined : {}) as T);
  }
}

/** What a request looks like without its undefined fields. */
const shape = (request: PortalRequest | undefined) => JSON.parse(JSON.stringify({ ...request, signal: undefined })) as Partial<PortalRequest>;

describe('PortalClient (the protocol’s verbs)', () => {
  let api: Recorder;
  let session: SessionStore;
  let client: PortalClient;
  const signal = new AbortController().signal;

  beforeEach(() => {
    api = new Recorder();
    session = new SessionStore(memoryStorage());
    client = new PortalClient(api, session);
  });

  it('sends each read to its path, with the caller’s signal', async () => {
    const reads: Array<[() => Promise<unknown>, string]> = [
      [() => client.getInfo({ signal }), '/info'],
      [() => client.getSession({ signal }), '/auth/session'],
      [() => client.listProfiles({ signal }), '/me/profiles'],
      [() => client.listAppointments(11, { signal }), '/profiles/11/appointments'],
      [() => client.getBookingOptions(11, { signal }), '/profiles/11/services'],
      [() => client.listFiles(11, { signal }), '/profiles/11/files'],
      [() => client.findUnfinishedUploads(11, 'a b', { signal }), '/profiles/11/uploads?fingerprint=a%20b'],
      [() => client.getPacket(11, 'es', { signal }), '/profiles/11/documents/packet?language=es'],
      [() => client.getDocument(11, 4, 'en', { signal }), '/profiles/11/documents/4?language=en'],
      [() => client.getEsignConsent(11, 'en', { signal }), '/profiles/11/esign-consent?language=en'],
      [() => client.listSignedDocuments(11, { signal }), '/profiles/11/signatures'],
      [() => client.getSignedCopy(11, 9, { signal }), '/profiles/11/signatures/9'],
      [() => client.getForm(11, 'contact', { signal }), '/profiles/11/forms/contact'],
      [() => client.getPaymentCard(11, { signal }), '/profiles/11/payment-card'],
    ];
    for (const [call, path] of reads) {
      await call();
      expect(api.lastRequest).to.include({ method: 'GET', path, signal });
    }
  });

  it('fetches files and signed PDFs as blobs', async () => {
    await client.downloadFile(11, 3);
    expect(shape(api.lastRequest)).to.deep.equal({ method: 'GET', path: '/profiles/11/files/3', responseType: 'blob' });
    await client.downloadSignedPdf(11, 9);
    expect(shape(api.lastRequest)).to.deep.equal({ method: 'GET', path: '/profiles/11/signatures/9/pdf', responseType: 'blob' });
  });

  it('puts only the query’s set values in the open-times URL', async () => {
    await client.listOpenSlots(11, { service: 2, clinician: undefined, from: '2026-03-01', to: '2026-03-31', timeZone: 'America/Chicago' });
    expect(api.lastRequest!.path).to.equal('/profiles/11/slots?service=2&from=2026-03-01&to=2026-03-31&timeZone=America%2FChicago');
  });

  it('sends each change with its body, and requests with their idempotency key', async () => {
    const changes: Array<[() => Promise<unknown>, Partial<PortalRequest>]> = [
      [() => client.requestSignInLink({ email: 'a@example.com', returnTo: 'https://x/', language: 'en' }), { method: 'POST', path: '/auth/link', body: { email: 'a@example.com', returnTo: 'https://x/', language: 'en' } }],
      [() => client.previewSignInLink('tok'), { method: 'POST', path: '/auth/link/preview', body: { token: 'tok' } }],
      [() => client.selectProfile(12), { method: 'PUT', path: '/me/profiles/selected', body: { profileId: 12 } }],
      [() => client.requestAppointment(11, { start: 's', serviceId: 2 }, { idempotencyKey: 'k1' }), { method: 'POST', path: '/profiles/11/appointments', body: { start: 's', serviceId: 2 }, idempotencyKey: 'k1' }],
      [() => client.cancelAppointment(11, 5), { method: 'POST', path: '/profiles/11/appointments/5/cancel' }],
      [() => client.rescheduleAppointment(11, 5, { start: 's' }, { idempotencyKey: 'k2' }), { method: 'POST', path: '/profiles/11/appointments/5/reschedule', body: { start: 's' }, idempotencyKey: 'k2' }],
      [() => client.acceptEsignConsent(11, { textVersion: 1, accept: true, language: 'en' }), { method: 'POST', path: '/profiles/11/esign-consent', body: { textVersion: 1, accept: true, language: 'en' } }],
      [() => client.submitForm(11, 'contact', { answers: { city: 'x' } }), { method: 'POST', path: '/profiles/11/forms/contact/submission', body: { answers: { city: 'x' } } }],
      [() => client.saveFormDraft(11, 'contact', { answers: {} }), { method: 'PUT', path: '/profiles/11/forms/contact/draft', body: { answers: {} } }],
      [() => client.saveFormDraft(11, 'contact', { answers: {} }, { keepalive: true }), { method: 'PUT', path: '/profiles/11/forms/contact/draft', body: { answers: {} }, keepalive: true }],
    ];
    for (const [call, expected] of changes) {
      await call();
      expect(shape(api.lastRequest)).to.deep.equal(expected);
    }
  });

  it('a sign-in starts the shared session with the new token and answers the session info', async () => {
    api.send = <T>(request: PortalRequest) => {
      api.requests.push(request);
      return Promise.resolve({ token: `tok-${api.requests.length}`, session: { maskedEmail: 'j•••@example.com' } } as T);
    };
    const reasons: string[] = [];
    session.addEventListener('change', (event) => reasons.push((event as Event & { reason: string }).reason));
    expect(await client.signInWithPin({ email: 'j@example.com', pin: '123456' })).to.deep.equal({ maskedEmail: 'j•••@example.com' });
    expect(session.token).to.equal('tok-1');
    await client.signInWithEmailCode({ email: 'j@example.com', code: '654321' });
    await client.redeemSignInLink('link');
    expect(api.requests.map((r) => [r.method, r.path])).to.deep.equal([
      ['POST', '/auth/pin'],
      ['POST', '/auth/email-code'],
      ['POST', '/auth/link/redeem'],
    ]);
    expect(api.lastRequest!.body).to.deep.equal({ token: 'link' });
    expect(session.token).to.equal('tok-3');
    expect(reasons).to.deep.equal(['signed-in', 'signed-in', 'signed-in']);
  });

  it('sign-out ends the session on the server, and on this page even when the server fails', async () => {
    await client.signOut();
    expect(api.requests, 'nobody signed in: nothing to tell the server').to.have.length(0);
    session.set({ token: 't' });
    await client.signOut();
    expect(shape(api.lastRequest)).to.deep.equal({ method: 'DELETE', path: '/auth/session' });
    expect(session.signedIn).to.equal(false);
    session.set({ token: 't' });
    api.send = () => Promise.reject(new Error('offline'));
    const failure = await client.signOut().catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(Error);
    expect(session.signedIn).to.equal(false);
  });

  it('uploads go through the uploader to the profile’s uploads, and find unfinished ones of the same file', async () => {
    expect(() => client.uploadFile(11, new File(['x'], 'a.pdf'), () => {})).to.throw('No uploader');
    const uploader = new FakeUploader();
    const withUploads = new PortalClient(api, session, uploader);
    withUploads.uploadFile(11, new File(['x'], 'a.pdf'), () => {});
    const [upload] = uploader.uploads;
    expect(upload.path).to.equal('/profiles/11/uploads');
    expect(upload.resume!.profileId).to.equal(11);
    api.send = <T>(request: PortalRequest) => {
      api.requests.push(request);
      return Promise.resolve({ uploads: [{ id: 'u1' }] } as T);
    };
    expect(await upload.resume!.find('f'.repeat(64))).to.deep.equal([{ id: 'u1' }]);
    expect(api.lastRequest!.path).to.equal(`/profiles/11/uploads?fingerprint=${'f'.repeat(64)}`);
  });
});
