// Finding an unfinished upload again by the widget's fingerprint (resume after a page reload
// with nothing in browser storage, R71): only this profile's and account's, never a completed,
// cancelled or stale one, and the fingerprint is checked.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditSince, auditTip, signedIn } from './auth-helpers.js';
import { cancelUpload, createUpload, headUpload, patchUpload, profileIdOf, sha256, uploadMetadata } from './files-helpers.js';
import { sampleMp3, samplePdf } from './files-samples.js';
import { createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

const HOUR = 60 * 60 * 1000;
const FP = 'a'.repeat(64);
const OTHER_FP = '0123456789abcdef'.repeat(4);

describe('unfinished uploads by fingerprint', () => {
  let t: TestApp;
  let jordan: string;
  let casey: string;
  let alex: string;
  let couple: number;
  let jordanOwn: number;
  let alexProfile: number;
  before(async () => {
    t = await createTestApp({ config: { uploads: { orphanGraceMs: HOUR, staleAfterMs: 24 * HOUR } } });
    jordan = await signedIn(t, 'jordan@example.com');
    casey = await signedIn(t, 'casey@example.com');
    alex = await signedIn(t, 'alex@example.com');
    couple = profileIdOf(t.db, 'Jordan Lee & Casey Lee');
    jordanOwn = profileIdOf(t.db, 'Jordan Lee');
    alexProfile = profileIdOf(t.db, 'Alex Morgan');
  });
  after(() => t.close());

  const create = (token: string, profileId: number, name: string, length: number, fingerprint?: string) =>
    createUpload(t, token, profileId, {
      name,
      length,
      metadata: uploadMetadata({ filename: name, filetype: 'application/octet-stream', ...(fingerprint ? { fingerprint } : {}) }),
    });
  const find = (token: string, profileId: number, fingerprint: string) =>
    t.app.inject({
      url: `/p/lakeside/profiles/${profileId}/uploads?fingerprint=${encodeURIComponent(fingerprint)}`,
      headers: { origin: LAKESIDE_ORIGIN, authorization: `Bearer ${token}` },
    });
  const fingerprintOf = (id: string) => t.db.prepare('SELECT fingerprint FROM file_uploads WHERE id = ?').pluck().get(id);

  test('the fingerprint is stored with the upload; the lookup gives its URL and offset, and it completes from there', async () => {
    const original = sampleMp3(300);
    const created = await create(jordan, couple, 'session.mp3', original.length, FP);
    assert.equal(created.statusCode, 201, created.body);
    const location = String(created.headers.location);
    const id = location.split('/').pop()!;
    assert.equal(fingerprintOf(id), FP);
    const half = 50_000;
    assert.equal((await patchUpload(t, jordan, location, 0, original.subarray(0, half))).statusCode, 204);

    const tip = auditTip(t.db);
    const found = await find(jordan, couple, FP);
    assert.equal(found.statusCode, 200, found.body);
    assert.deepEqual(
      found.json().uploads.map((u: { url: string; offset: number; sizeBytes: number }) => [u.url, u.offset, u.sizeBytes]),
      [[location, half, original.length]],
    );
    assert.deepEqual(auditSince(t.db, tip).map((e) => [e.action, e.resource_type, e.resource_id]), [['sensitive_read', 'upload', id]]);
    assert.deepEqual((await find(jordan, couple, OTHER_FP)).json(), { uploads: [] }, 'another fingerprint finds nothing');

    const head = await headUpload(t, jordan, found.json().uploads[0].url);
    assert.equal(head.headers['upload-offset'], String(half));
    const done = await patchUpload(t, jordan, location, half, original.subarray(half));
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().file.sha256, sha256(original));
    assert.deepEqual((await find(jordan, couple, FP)).json(), { uploads: [] }, 'a completed upload is not found');
  });

  test('another profile, another account on the same profile, or another practice find nothing', async () => {
    const bytes = samplePdf();
    const created = await create(jordan, couple, 'plan.pdf', bytes.length, FP);
    const location = String(created.headers.location);
    await patchUpload(t, jordan, location, 0, bytes.subarray(0, 100));
    assert.equal((await find(jordan, couple, FP)).json().uploads.length, 1);

    assert.deepEqual((await find(jordan, jordanOwn, FP)).json(), { uploads: [] }, 'jordan, own profile');
    assert.deepEqual((await find(casey, couple, FP)).json(), { uploads: [] }, 'casey, the shared couple profile');
    assert.deepEqual((await find(alex, alexProfile, FP)).json(), { uploads: [] }, 'alex, own profile');
    assert.equal((await find(alex, couple, FP)).statusCode, 404, 'alex may not act for the couple at all');
    const harbor = await t.app.inject({
      url: `/p/harbor/profiles/${couple}/uploads?fingerprint=${FP}`,
      headers: { authorization: `Bearer ${jordan}` },
    });
    assert.notEqual(harbor.statusCode, 200, 'a session of one practice finds nothing at another');

    assert.equal((await cancelUpload(t, jordan, location)).statusCode, 204);
    assert.deepEqual((await find(jordan, couple, FP)).json(), { uploads: [] }, 'a cancelled upload is not found');
  });

  test('an invalid fingerprint is a validation error, in the lookup and at creation', async () => {
    for (const bad of ['', 'A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), `${'a'.repeat(63)}g`, '../etc']) {
      const res = await find(jordan, couple, bad);
      assert.equal(res.statusCode, 400, `lookup ${JSON.stringify(bad)}`);
      assert.equal(res.json().error.code, 'validation');
    }
    const missing = await t.app.inject({ url: `/p/lakeside/profiles/${couple}/uploads`, headers: { authorization: `Bearer ${jordan}` } });
    assert.equal(missing.statusCode, 400);
    const created = await create(jordan, couple, 'bad.pdf', 1000, 'F'.repeat(64));
    assert.equal(created.statusCode, 400, created.body);
    assert.equal(created.json().error.code, 'validation');
    assert.equal(t.db.prepare('SELECT count(*) FROM file_uploads').pluck().get(), 0, 'no upload row');
    const none = await create(jordan, couple, 'no-fingerprint.pdf', 1000);
    assert.equal(none.statusCode, 201, 'the fingerprint is optional');
    assert.equal(fingerprintOf(String(none.headers.location).split('/').pop()!), null);
    assert.equal((await cancelUpload(t, jordan, String(none.headers.location))).statusCode, 204);
  });

  test('a stale upload is unfindable before the sweeper runs, and gone after it', async () => {
    const bytes = samplePdf();
    const created = await create(jordan, couple, 'stale.pdf', bytes.length, OTHER_FP);
    await patchUpload(t, jordan, String(created.headers.location), 0, bytes.subarray(0, 10));
    assert.equal((await find(jordan, couple, OTHER_FP)).json().uploads.length, 1);
    t.clock.advance(25 * HOUR);
    jordan = await signedIn(t, 'jordan@example.com');
    assert.deepEqual((await find(jordan, couple, OTHER_FP)).json(), { uploads: [] }, 'idle past the limit: not found');
    const report = await t.app.uploads!.sweeper.sweep();
    assert.equal(report.staleUploads, 1);
    assert.equal(t.db.prepare('SELECT count(*) FROM file_uploads WHERE fingerprint = ?').pluck().get(OTHER_FP), 0);
  });
});
