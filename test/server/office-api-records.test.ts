// The office API's view of what a client sent (issue 13): files (downloads with the client
// route's headers, unreleased files refused), forms with their answers, signatures with their
// evidence and PDFs, and the card on file. Another clinician's client is 404 on every route.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CardOnFile, OfficeFileList, OfficeFormAnswers, OfficeFormList, OfficeSignatureList } from '../../src/contract/index.js';
import { saveCard } from '../../server/repos/payment-cards.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { lakeside, type Client } from './booking-helpers.js';
import { acceptEsign, as, CONTACT_ANSWERS as CONTACT, documentIds, documentsApp, errorOf, maria, packet, signShown } from './documents-helpers.js';
import { profileIdOf, sha256, uploadFile } from './files-helpers.js';
import { samplePdf } from './files-samples.js';
import type { TestApp } from './helpers.js';
import { asStaff, auditAfter, auditSeq, staffToken } from './office-helpers.js';

/** The headers a download is judged by (R51); CORS and request ids differ between the two routes by design. */
const DOWNLOAD_HEADERS = ['content-type', 'content-length', 'content-disposition', 'content-security-policy', 'x-content-type-options', 'cache-control', 'cross-origin-resource-policy'];
const downloadHeaders = (res: { headers: Record<string, unknown> }) => Object.fromEntries(DOWNLOAD_HEADERS.map((name) => [name, res.headers[name]]));

describe('office API: what a client sent', () => {
  let t: TestApp;
  let client: Client;
  let mariaId: number;
  let sam: string;
  let office: string;
  let fileId: number;
  let signatureId: number;
  const pdf = samplePdf();

  before(async () => {
    t = await documentsApp();
    const L = lakeside(t);
    sam = staffToken(t, 'clinician', L.sam);
    office = staffToken(t, 'office');
    client = maria(t);
    mariaId = profileIdOf(t.db, 'María García');

    const upload = await uploadFile(t, client.token, mariaId, 'carta médica.pdf', pdf);
    assert.equal(upload.last.statusCode, 200, upload.last.body);
    fileId = upload.last.json<{ file: { id: number } }>().file.id;

    await acceptEsign(t, client);
    const [first] = documentIds(await packet(t, client));
    signatureId = (await signShown(t, client, first)).id;

    assert.equal((await as(t, client, 'POST', '/forms/contact/submission', { answers: CONTACT })).statusCode, 200);
    assert.equal((await as(t, client, 'PUT', '/forms/demographics/draft', { answers: {} })).statusCode, 200);
    const practice = findPracticeBySlug(t.db, 'lakeside')!;
    saveCard(t.db, t.clock, { practiceId: practice.id, profileId: mariaId, accountId: client.accountId, token: 'tok_office0test0000', brand: 'visa', last4: '4242', expMonth: 4, expYear: 2031 });
  });
  after(() => t.close());

  test('files: the list with scan status and uploader; the download has the client route’s headers', async () => {
    const list = (await asStaff(t, 'GET', `/clients/${mariaId}/files`, { token: office })).json<OfficeFileList>();
    assert.equal(list.files.length, 1);
    const [file] = list.files;
    assert.deepEqual([file.id, file.name, file.type, file.sha256, file.uploadedBy], [fileId, 'carta médica.pdf', 'pdf', sha256(pdf), client.accountId]);
    assert.ok(['clean', 'unscanned'].includes(file.status), file.status);

    const seq = auditSeq(t);
    const officeCopy = await asStaff(t, 'GET', `/clients/${mariaId}/files/${fileId}/content`, { token: office });
    assert.equal(officeCopy.statusCode, 200);
    assert.deepEqual(officeCopy.rawPayload, pdf);
    const clientCopy = await as(t, client, 'GET', `/files/${fileId}`);
    assert.equal(clientCopy.statusCode, 200);
    assert.deepEqual(downloadHeaders(officeCopy), downloadHeaders(clientCopy));
    assert.match(String(officeCopy.headers['content-disposition']), /^attachment; filename="carta m_dica.pdf"; filename\*=UTF-8''carta%20m%C3%A9dica.pdf$/);

    const [read] = auditAfter(t, seq);
    assert.deepEqual([read.action, read.outcome, read.resourceType, read.resourceId, read.profileId], ['sensitive_read', 'success', 'file', String(fileId), mariaId]);
    assert.ok(read.staffId !== null);
  });

  test('files: a file the scanner has not cleared is refused to the office too (409, audited)', async () => {
    t.db.prepare("UPDATE file_scans SET status = 'pending_scan' WHERE file_id = ?").run(fileId);
    try {
      const seq = auditSeq(t);
      const res = await asStaff(t, 'GET', `/clients/${mariaId}/files/${fileId}/content`);
      assert.equal(res.statusCode, 409);
      assert.equal(auditAfter(t, seq)[0].outcome, 'failure');
      t.db.prepare("UPDATE file_scans SET status = 'infected' WHERE file_id = ?").run(fileId);
      assert.equal((await asStaff(t, 'GET', `/clients/${mariaId}/files/${fileId}/content`)).statusCode, 409);
    } finally {
      t.db.prepare("UPDATE file_scans SET status = 'clean' WHERE file_id = ?").run(fileId);
    }
    assert.equal((await asStaff(t, 'GET', `/clients/${mariaId}/files/999999/content`)).statusCode, 404);
  });

  test('forms: where each form of the packet stands, and the submitted answers with their fields', async () => {
    const { forms } = (await asStaff(t, 'GET', `/clients/${mariaId}/forms`)).json<OfficeFormList>();
    assert.deepEqual(
      forms.map((f) => [f.documentId, f.status, f.submittedAt !== null, f.updatedAt !== null]),
      [
        ['contact', 'submitted', true, true],
        ['demographics', 'draft', false, true],
        ['insurance', 'not_started', false, false],
      ],
    );
    const seq = auditSeq(t);
    const answers = (await asStaff(t, 'GET', `/clients/${mariaId}/forms/contact`)).json<OfficeFormAnswers>();
    assert.equal(answers.answers.city, 'Springfield');
    assert.equal(answers.formVersion, 1);
    assert.equal(answers.submittedBy, client.accountId);
    assert.ok(answers.definition.fields.some((f) => f.id === 'city' && f.labelId === 'contact.city'));
    const trail = JSON.stringify(auditAfter(t, seq));
    assert.ok(!trail.includes('Springfield'), 'no answer in the trail');

    assert.equal((await asStaff(t, 'GET', `/clients/${mariaId}/forms/insurance`)).statusCode, 404);
    const bad = await asStaff(t, 'GET', `/clients/${mariaId}/forms/history`);
    assert.equal(bad.statusCode, 400);
    assert.equal(errorOf(bad).code, 'validation');
  });

  test('signed documents: each signature with its evidence, and the PDF with the client route’s headers', async () => {
    const { signatures } = (await asStaff(t, 'GET', `/clients/${mariaId}/documents`)).json<OfficeSignatureList>();
    assert.equal(signatures.length, 1);
    const [signature] = signatures;
    assert.equal(signature.id, signatureId);
    assert.equal(signature.signerAccountId, client.accountId);
    assert.equal(signature.signerName, 'María García');
    assert.match(signature.textSha256, /^[0-9a-f]{64}$/);
    assert.ok(signature.ip && signature.userAgent);

    const officePdf = await asStaff(t, 'GET', `/clients/${mariaId}/documents/${signatureId}/pdf`);
    assert.equal(officePdf.statusCode, 200);
    assert.equal(officePdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const clientPdf = await as(t, client, 'GET', `/signatures/${signatureId}/pdf`);
    const sameButLength = (res: typeof officePdf) => ({ ...downloadHeaders(res), 'content-length': undefined });
    assert.deepEqual(sameButLength(officePdf), sameButLength(clientPdf));
    assert.equal((await asStaff(t, 'GET', `/clients/${mariaId}/documents/999999/pdf`)).statusCode, 404);
  });

  test('card on file: brand, last four and expiry only; 404 when there is none', async () => {
    const res = await asStaff(t, 'GET', `/clients/${mariaId}/card`);
    assert.deepEqual(res.json<CardOnFile>(), { brand: 'visa', last4: '4242', expMonth: 4, expYear: 2031 });
    assert.ok(!res.body.includes('tok_'));
    assert.equal((await asStaff(t, 'GET', `/clients/${profileIdOf(t.db, 'Alex Morgan')}/card`)).statusCode, 404);
  });

  test('another clinician’s client: every route is 404 and audited authz_fail', async () => {
    const paths = [
      `/clients/${mariaId}/files`,
      `/clients/${mariaId}/files/${fileId}/content`,
      `/clients/${mariaId}/forms`,
      `/clients/${mariaId}/forms/contact`,
      `/clients/${mariaId}/documents`,
      `/clients/${mariaId}/documents/${signatureId}/pdf`,
      `/clients/${mariaId}/card`,
    ];
    for (const path of paths) {
      const seq = auditSeq(t);
      const res = await asStaff(t, 'GET', path, { token: sam });
      assert.equal(res.statusCode, 404, path);
      assert.deepEqual(auditAfter(t, seq).map((e) => e.action), ['authz_fail'], path);
    }
  });
});
