import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import type { CompletedDocumentList, SignedCopy } from '../../src/contract/index.js';
import { auditSince, auditTip } from './auth-helpers.js';
import { clientSession } from './booking-helpers.js';
import {
  USER_AGENT,
  acceptEsign,
  as,
  documentIds,
  documentText,
  documentsApp,
  errorOf,
  jordanForMaya,
  maria,
  office,
  packet,
  signShown,
} from './documents-helpers.js';
import type { TestApp } from './helpers.js';

/** Every deflated stream of a PDF, inflated and joined (enough to find drawn text). */
function pageContent(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  let out = '';
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out += inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      // not a deflated stream
    }
  }
  return out;
}

describe('documents: packet, ESIGN consent and signatures (R44)', () => {
  let t: TestApp;
  before(async () => {
    t = await documentsApp();
  });
  after(() => t.close());

  test('María’s packet in Spanish: welcome, documents, forms and the card, all pending, ESIGN not yet accepted', async () => {
    const p = await packet(t, maria(t), 'es');
    assert.equal(p.language, 'es');
    assert.match(p.welcomeHtml ?? '', /Bienvenido/);
    assert.deepEqual(
      p.items.map((i) => i.kind + (i.kind === 'form' ? `:${i.formId}` : '')),
      ['document', 'document', 'form:contact', 'form:demographics', 'form:insurance', 'payment_card'],
    );
    assert.ok(p.items.every((i) => i.status === 'pending'));
    assert.equal(p.items[0].kind === 'document' && p.items[0].title, 'Consentimiento informado para la terapia');
    assert.deepEqual(p.esignConsent, { textVersion: 1, accepted: false });
    assert.equal(p.completed, false);
  });

  test('a profile without a packet: nothing to sign, no welcome', async () => {
    const p = await packet(t, clientSession(t, 'jordan@example.com'));
    assert.deepEqual(p.items, []);
    assert.equal(p.welcomeHtml, null);
    assert.equal(p.completed, false);
  });

  test('the first signature needs the ESIGN consent; then the record holds every R44 field', async () => {
    const client = maria(t);
    const [consentId] = documentIds(await packet(t, client));
    const doc = await documentText(t, client, consentId, 'es');
    assert.equal(doc.textSha256, createHash('sha256').update(doc.html, 'utf8').digest('hex'));
    const body = { documentId: consentId, version: doc.version, textSha256: doc.textSha256, fullName: 'María García', agreed: true, language: 'es' };
    const refused = await as(t, client, 'POST', '/signatures', body);
    assert.equal(refused.statusCode, 409);
    assert.equal(errorOf(refused).code, 'esign_consent_required');

    const esign = await as(t, client, 'GET', '/esign-consent?language=es');
    assert.equal(esign.statusCode, 200);
    assert.match(esign.json<{ html: string }>().html, /papel/);
    await acceptEsign(t, client, 'es');
    const seq = auditTip(t.db);
    const res = await as(t, client, 'POST', '/signatures', body);
    assert.equal(res.statusCode, 201, res.body);
    const record = res.json<Record<string, unknown>>();
    assert.deepEqual(Object.keys(record).sort(), [
      'documentId', 'esignConsentVersion', 'id', 'ip', 'language', 'profileId', 'relationship', 'signedAt', 'signerAccountId', 'signerName',
      'textSha256', 'title', 'userAgent', 'version',
    ]);
    assert.equal(record.documentId, consentId);
    assert.equal(record.version, 1);
    assert.equal(record.textSha256, doc.textSha256);
    assert.equal(record.language, 'es');
    assert.equal(record.signerAccountId, client.accountId);
    assert.equal(record.profileId, client.profileId);
    assert.equal(record.signerName, 'María García');
    assert.equal(record.relationship, null);
    assert.equal(record.ip, '203.0.113.44');
    assert.equal(record.userAgent, USER_AGENT);
    assert.match(String(record.signedAt), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const events = auditSince(t.db, seq);
    assert.ok(events.some((e) => e.action === 'sensitive_create' && e.resource_type === 'signature' && e.resource_id === String(record.id)));

    const again = await as(t, client, 'POST', '/signatures', body);
    assert.equal(errorOf(again).code, 'already_signed');
    const item = (await packet(t, client)).items[0];
    assert.equal(item.kind === 'document' && item.status, 'completed');
  });

  test('a signature row can be neither changed nor deleted', () => {
    assert.throws(() => t.db.prepare("UPDATE signatures SET signer_name = 'Someone else'").run(), /immutable/);
    assert.throws(() => t.db.prepare('DELETE FROM signatures').run(), /immutable/);
    assert.throws(() => t.db.prepare('DELETE FROM esign_consents').run(), /immutable/);
  });

  test('a hash of other text, or an older version, is refused as document_changed', async () => {
    const client = maria(t);
    const [, privacyId] = documentIds(await packet(t, client));
    const doc = await documentText(t, client, privacyId);
    const res = await as(t, client, 'POST', '/signatures', {
      documentId: privacyId, version: doc.version, textSha256: 'a'.repeat(64), fullName: 'María García', agreed: true, language: 'en',
    });
    assert.equal(res.statusCode, 409);
    assert.equal(errorOf(res).code, 'document_changed');
    const notAgreed = await as(t, client, 'POST', '/signatures', {
      documentId: privacyId, version: doc.version, textSha256: doc.textSha256, fullName: 'María García', agreed: false, language: 'en',
    });
    assert.equal(notAgreed.statusCode, 400);
  });

  test('a new version asks again: the packet item goes back to pending and the old signature stays', async () => {
    const client = maria(t);
    const [consentId] = documentIds(await packet(t, client));
    const published = await office(t, 'POST', `/document-templates/${consentId}/versions`, {
      texts: [
        { language: 'en', title: 'Informed consent for therapy', html: '<p>Version two of the consent.</p>' },
        { language: 'es', title: 'Consentimiento informado para la terapia', html: '<p>Segunda versión del consentimiento.</p>' },
      ],
    });
    assert.equal(published.statusCode, 201, published.body);
    const item = (await packet(t, client)).items[0];
    assert.ok(item.kind === 'document');
    assert.equal(item.version, 2);
    assert.equal(item.status, 'pending');
    assert.equal(item.signedVersion, 1);
    assert.equal(item.signatureId, null);
    const old = await as(t, client, 'GET', '/signatures');
    assert.equal(old.json<CompletedDocumentList>().documents.filter((d) => d.documentId === consentId).length, 1);

    const stale = await documentText(t, client, consentId, 'es');
    assert.equal(stale.version, 2);
    const signed = await signShown(t, client, consentId, { language: 'es' });
    assert.equal(signed.version, 2);
    const list = (await as(t, client, 'GET', '/signatures')).json<CompletedDocumentList>();
    assert.deepEqual(list.documents.filter((d) => d.documentId === consentId).map((d) => d.version), [2, 1]);
  });

  test('acting for a minor needs the relationship; Jordan signs for Maya as guardian', async () => {
    const jordan = jordanForMaya(t);
    const p = await packet(t, jordan);
    const [consentId] = documentIds(p);
    await acceptEsign(t, jordan);
    const doc = await documentText(t, jordan, consentId);
    const body = { documentId: consentId, version: doc.version, textSha256: doc.textSha256, fullName: 'Jordan Lee', agreed: true, language: 'en' };
    const missing = await as(t, jordan, 'POST', '/signatures', body);
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(errorOf(missing).fields, { relationship: 'required' });
    const res = await as(t, jordan, 'POST', '/signatures', { ...body, relationship: 'parent' });
    assert.equal(res.statusCode, 201, res.body);
    const record = res.json<{ relationship: string; profileId: number; signerName: string }>();
    assert.equal(record.relationship, 'parent');
    assert.equal(record.profileId, jordan.profileId);

    const self = maria(t);
    const [, privacyId] = documentIds(await packet(t, self));
    const privacy = await documentText(t, self, privacyId);
    const forSelf = await as(t, self, 'POST', '/signatures', {
      documentId: privacyId, version: privacy.version, textSha256: privacy.textSha256, fullName: 'María García', agreed: true, language: 'en', relationship: 'parent',
    });
    assert.deepEqual(errorOf(forSelf).fields, { relationship: 'invalid' });
  });

  test('the signed copy as JSON and as a PDF attachment (nosniff, no-store, %PDF)', async () => {
    const client = maria(t);
    const list = (await as(t, client, 'GET', '/signatures')).json<CompletedDocumentList>();
    const first = list.documents[0];
    const copy = await as(t, client, 'GET', `/signatures/${first.signatureId}`);
    assert.equal(copy.statusCode, 200);
    const body = copy.json<SignedCopy>();
    assert.equal(body.signature.id, first.signatureId);
    assert.equal(createHash('sha256').update(body.html, 'utf8').digest('hex'), body.signature.textSha256);

    const pdf = await as(t, client, 'GET', `/signatures/${first.signatureId}/pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.match(String(pdf.headers['content-disposition']), /^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/);
    assert.equal(pdf.headers['x-content-type-options'], 'nosniff');
    assert.equal(pdf.headers['cache-control'], 'no-store');
    assert.match(String(pdf.headers['content-security-policy']), /sandbox/);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.equal(Number(pdf.headers['content-length']), pdf.rawPayload.length);
    // pdf-lib deflates page content and writes text as hex strings: the signature block names the signer.
    const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex').toUpperCase();
    assert.ok(pageContent(pdf.rawPayload).includes(hex('Mar\u00eda Garc\u00eda')), 'the signer’s name is in the PDF');
    assert.ok(pageContent(pdf.rawPayload).includes(hex(body.signature.textSha256)), 'the text’s hash is in the PDF');
    const parsed = await PDFDocument.load(pdf.rawPayload);
    assert.ok(parsed.getPageCount() >= 1);
    assert.equal(parsed.getTitle(), body.signature.title);
    assert.equal(parsed.getCreationDate()?.toISOString().slice(0, 19), body.signature.signedAt.slice(0, 19));
  });

  test('another household’s profile, signature or PDF is a 404 (and authz_fail is audited)', async () => {
    const mine = maria(t);
    const list = (await as(t, mine, 'GET', '/signatures')).json<CompletedDocumentList>();
    const signatureId = list.documents[0].signatureId;
    const stranger = clientSession(t, 'alex@example.com');
    const seq = auditTip(t.db);
    for (const path of ['/documents/packet', '/signatures', `/signatures/${signatureId}`, `/signatures/${signatureId}/pdf`, '/forms/contact', '/payment-card']) {
      const res = await as(t, stranger, 'GET', path, undefined, mine.profileId);
      assert.equal(res.statusCode, 404, path);
      assert.equal(errorOf(res).code, 'not_found');
    }
    const sign = await as(t, stranger, 'POST', '/signatures', { documentId: 1, version: 1, textSha256: 'a'.repeat(64), fullName: 'X', agreed: true, language: 'en' }, mine.profileId);
    assert.equal(sign.statusCode, 404);
    assert.ok(auditSince(t.db, seq).every((e) => e.action === 'authz_fail'));
    // Alex's own profile cannot reach María's signature by id either.
    const own = await as(t, stranger, 'GET', `/signatures/${signatureId}`);
    assert.equal(own.statusCode, 404);
    const pdf = await as(t, stranger, 'GET', `/signatures/${signatureId}/pdf`);
    assert.equal(pdf.statusCode, 404);
  });

  test('a document not in the packet cannot be read or signed', async () => {
    const created = await office(t, 'POST', '/document-templates', {
      slug: 'telehealth-consent',
      texts: [{ language: 'en', title: 'Telehealth consent', html: '<p>Sessions by video.</p>' }],
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<{ id: number }>().id;
    const client = maria(t);
    assert.equal((await as(t, client, 'GET', `/documents/${id}`)).statusCode, 404);
  });
});
