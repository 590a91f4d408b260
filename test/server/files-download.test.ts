// The list and downloads: only through the authorized handler (R41, R50), with safe headers
// and a Content-Disposition that round-trips any name without header splitting (R51), each
// read audited (R36).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditSince, auditTip, signedIn } from './auth-helpers.js';
import { profileIdOf, sha256, uploadFile } from './files-helpers.js';
import { sampleCsv, samplePdf } from './files-samples.js';
import { createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

/** The name a Content-Disposition header gives, the way RFC 6266 says to read it: filename* wins. */
function dispositionName(header: string): { ascii: string; utf8: string } {
  const ascii = /filename="((?:[^"\\]|\\.)*)"/.exec(header);
  const extended = /filename\*=UTF-8''([A-Za-z0-9!#$&+.^_`|~%-]+)$/.exec(header);
  assert.ok(ascii && extended, header);
  return { ascii: ascii[1], utf8: decodeURIComponent(extended[1]) };
}

describe('file list and downloads', () => {
  let t: TestApp;
  let alex: string;
  let alexProfile: number;
  let mayaProfile: number;
  let jordan: string;
  before(async () => {
    t = await createTestApp();
    alex = await signedIn(t, 'alex@example.com');
    jordan = await signedIn(t, 'jordan@example.com');
    alexProfile = profileIdOf(t.db, 'Alex Morgan');
    mayaProfile = profileIdOf(t.db, 'Maya Lee');
  });
  after(() => t.close());

  const download = (token: string, profileId: number, fileId: number | string) =>
    t.app.inject({ url: `/p/lakeside/profiles/${profileId}/files/${fileId}`, headers: { origin: LAKESIDE_ORIGIN, authorization: `Bearer ${token}` } });
  const list = (token: string, profileId: number) =>
    t.app.inject({ url: `/p/lakeside/profiles/${profileId}/files`, headers: { origin: LAKESIDE_ORIGIN, authorization: `Bearer ${token}` } });

  const names = [
    'Tom\'s "notes"; final (v2).pdf',
    'informe médico 2025 – ñ.pdf',
    '日本語の診断書.pdf',
    'percent %22 & 100% done.pdf',
    `${'long name '.repeat(40)}.pdf`,
  ];
  for (const name of names) {
    test(`Content-Disposition round-trips ${JSON.stringify(name.slice(0, 30))}: ASCII fallback, exact UTF-8 filename*`, async () => {
      const bytes = samplePdf(name.slice(0, 20));
      const { last } = await uploadFile(t, alex, alexProfile, name, bytes);
      assert.equal(last.statusCode, 200, last.body);
      const { file } = last.json();
      const res = await download(alex, alexProfile, file.id);
      assert.equal(res.statusCode, 200);
      assert.equal(res.rawPayload.length, bytes.length);
      assert.equal(sha256(res.rawPayload), file.sha256);
      const header = String(res.headers['content-disposition']);
      assert.match(header, /^attachment; filename="/);
      assert.doesNotMatch(header, /[\r\n]/);
      const parsed = dispositionName(header);
      assert.equal(parsed.utf8, file.name, 'filename* is the stored name');
      assert.match(parsed.ascii, /^[\x20-\x7e]+$/);
      assert.doesNotMatch(parsed.ascii, /["\\%]/);
      assert.ok(Buffer.byteLength(file.name) <= 255, 'names are capped at 255 bytes');
      if (name.length < 200) assert.equal(file.name, name.normalize('NFC'));
      else assert.ok(file.name.endsWith('.pdf'), 'shortened before the extension');
    });
  }

  test('download headers: the detected type, attachment, nosniff, CSP sandbox, no-store, CORP; one audit event', async () => {
    const { last } = await uploadFile(t, alex, alexProfile, 'log.csv', sampleCsv());
    const { file } = last.json();
    const tip = auditTip(t.db);
    const res = await download(alex, alexProfile, file.id);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /^sandbox\b/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin');
    assert.equal(res.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
    assert.equal(res.headers['content-length'], String(sampleCsv().length));
    assert.deepEqual(res.rawPayload, sampleCsv(), 'a CSV comes back byte-identical (R54b)');
    assert.deepEqual(
      auditSince(t.db, tip).map((e) => [e.action, e.resource_type, e.resource_id, e.outcome]),
      [['sensitive_read', 'file', String(file.id), 'success']],
    );
  });

  test('the list: newest first, with the policy; audited; another profile’s list is its own', async () => {
    const tip = auditTip(t.db);
    const res = await list(alex, alexProfile);
    assert.equal(res.statusCode, 200);
    const { files, policy } = res.json();
    assert.ok(files.length >= names.length + 1);
    assert.deepEqual(
      files.map((f: { id: number }) => f.id),
      [...files.map((f: { id: number }) => f.id)].sort((a, b) => b - a),
    );
    assert.deepEqual(
      policy.types.map((p: { type: string; extensions: string[] }) => [p.type, p.extensions]),
      [
        ['pdf', ['pdf']],
        ['jpg', ['jpg', 'jpeg']],
        ['png', ['png']],
        ['mp3', ['mp3']],
        ['m4a', ['m4a']],
        ['csv', ['csv']],
      ],
    );
    assert.equal(policy.usedBytes, files.reduce((sum: number, f: { sizeBytes: number }) => sum + f.sizeBytes, 0));
    assert.equal(policy.fileCount, files.length);
    assert.deepEqual(auditSince(t.db, tip).map((e) => [e.action, e.resource_type]), [['sensitive_read', 'file_list']]);
    assert.deepEqual((await list(jordan, mayaProfile)).json().files, []);
  });

  test('another profile’s file id is 404, as is an unknown id; a profile one may not act for is 404', async () => {
    const { last } = await uploadFile(t, jordan, mayaProfile, 'maya.pdf', samplePdf());
    const { file } = last.json();
    assert.equal((await download(jordan, mayaProfile, file.id)).statusCode, 200);
    assert.equal((await download(alex, alexProfile, file.id)).statusCode, 404, 'alex’s own profile, maya’s file id');
    assert.equal((await download(alex, mayaProfile, file.id)).statusCode, 404, 'alex may not act for maya');
    assert.equal((await download(jordan, mayaProfile, 999999)).statusCode, 404);
    assert.equal((await list(alex, mayaProfile)).statusCode, 404);
  });

  test('the storage folder is not reachable over HTTP (R50)', async () => {
    for (const url of ['/files/store', '/.data/files/store', '/p/lakeside/files', `/p/lakeside/profiles/${alexProfile}/files/store`]) {
      const res = await t.app.inject({ url, headers: { authorization: `Bearer ${alex}` } });
      assert.ok([400, 404].includes(res.statusCode), `${url}: ${res.statusCode}`);
      assert.ok(res.json().error.code, url);
    }
  });
});
