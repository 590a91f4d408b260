// Resumable uploads: across a server restart (F3), after a connection dropped mid-PATCH, and
// only by the profile and account that started them (R41); the sweeper removes what a crash
// or an abandoned upload leaves behind (R56).
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { auditSince, auditTip, RestartableApp, signedIn } from './auth-helpers.js';
import {
  assertClean,
  cancelUpload,
  createUpload,
  fileRows,
  headUpload,
  patchUpload,
  profileIdOf,
  sha256,
  storageEntries,
  uploadFile,
  uploadRows,
} from './files-helpers.js';
import { sampleMp3, samplePdf } from './files-samples.js';
import { createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

const HOUR = 60 * 60 * 1000;

describe('resuming an upload across a server restart (F3)', () => {
  let r: RestartableApp;
  before(async () => {
    r = await RestartableApp.start();
  });
  after(() => r.close());

  test('part uploaded, app and database closed and rebuilt on the same data: HEAD gives the offset, the rest completes it, same SHA-256', async () => {
    const target = { get app() { return r.app; } };
    const token = await signedIn(target, 'jordan@example.com');
    const maya = profileIdOf(r.db, 'Maya Lee');
    const original = sampleMp3(400); // ~167 kB
    const created = await createUpload(target, token, maya, { name: 'session 12.mp3', length: original.length });
    assert.equal(created.statusCode, 201, created.body);
    const location = String(created.headers.location);
    const half = Math.floor(original.length / 2);
    assert.equal((await patchUpload(target, token, location, 0, original.subarray(0, half))).statusCode, 204);

    await r.restart();
    assert.equal(r.app, target.app);
    const head = await headUpload(target, token, location);
    assert.equal(head.statusCode, 200, 'the session, the upload row and the partial file all survived');
    assert.equal(head.headers['upload-offset'], String(half));
    assert.equal(head.headers['upload-length'], String(original.length));
    assert.equal((await patchUpload(target, token, location, half + 1, original.subarray(half + 1))).statusCode, 409, 'a wrong offset is a conflict');
    const done = await patchUpload(target, token, location, half, original.subarray(half));
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().file.sha256, sha256(original), 'hashed from disk after the restart');
    const dir = r.testDb.dir;
    assertClean({ db: r.db, dir }, 1);
    assert.equal(fileRows(r.db)[0].sha256, sha256(original));
    assert.equal((await headUpload(target, token, location)).statusCode, 404, 'a completed upload is gone');
  });
});

describe('upload ownership and lifecycle', () => {
  let t: TestApp;
  let jordan: string;
  let casey: string;
  let alex: string;
  let couple: number;
  let alexProfile: number;
  before(async () => {
    t = await createTestApp({ config: { uploads: { orphanGraceMs: HOUR, staleAfterMs: 24 * HOUR } } });
    jordan = await signedIn(t, 'jordan@example.com');
    casey = await signedIn(t, 'casey@example.com');
    alex = await signedIn(t, 'alex@example.com');
    couple = profileIdOf(t.db, 'Jordan Lee & Casey Lee');
    alexProfile = profileIdOf(t.db, 'Alex Morgan');
  });
  after(() => t.close());

  test('another profile’s upload id is 404 (HEAD, PATCH, DELETE), and so is another account’s on a shared profile', async () => {
    const bytes = samplePdf();
    const created = await createUpload(t, jordan, couple, { name: 'couple plan.pdf', length: bytes.length });
    const location = String(created.headers.location);
    const id = location.split('/').pop()!;
    const foreign = `/p/lakeside/profiles/${alexProfile}/uploads/${id}`;
    const tip = auditTip(t.db);
    assert.equal((await headUpload(t, alex, foreign)).statusCode, 404, 'alex, own profile, jordan’s upload id');
    assert.equal((await patchUpload(t, alex, foreign, 0, bytes)).statusCode, 404);
    assert.equal((await cancelUpload(t, alex, foreign)).statusCode, 404);
    assert.equal((await headUpload(t, casey, location)).statusCode, 404, 'casey, the shared couple profile, jordan’s upload');
    assert.equal((await patchUpload(t, casey, location, 0, bytes)).statusCode, 404);
    assert.deepEqual(
      auditSince(t.db, tip).map((e) => [e.action, e.resource_type, e.resource_id]),
      new Array(5).fill(['authz_fail', 'upload', id]),
    );
    assert.equal((await headUpload(t, alex, location)).statusCode, 404, 'alex may not act for the couple at all');
    assert.equal((await headUpload(t, jordan, location)).headers['upload-offset'], '0', 'untouched');
    assert.equal((await cancelUpload(t, jordan, location)).statusCode, 204);
    assertClean(t, 0);
  });

  test('an account without the upload permission gets 404 on creation', async () => {
    t.db.prepare('UPDATE profile_access SET can_upload = 0 WHERE profile_id = ?').run(couple);
    try {
      const res = await createUpload(t, casey, couple, { name: 'x.pdf', length: 10 });
      assert.equal(res.statusCode, 404);
    } finally {
      t.db.prepare('UPDATE profile_access SET can_upload = 1 WHERE profile_id = ?').run(couple);
    }
  });

  test('the quota counts stored files and unfinished uploads; over it is 413 quota_exceeded', async () => {
    const quota = (t.db.prepare("SELECT upload_quota_bytes FROM practices WHERE slug = 'lakeside'").pluck().get() as number);
    const first = await createUpload(t, jordan, couple, { name: 'a.mp3', length: quota - 1000 });
    assert.equal(first.statusCode, 201, first.body);
    const over = await createUpload(t, casey, couple, { name: 'b.pdf', length: 1001 });
    assert.equal(over.statusCode, 413);
    assert.equal(over.json().error.code, 'quota_exceeded');
    const fits = await createUpload(t, casey, couple, { name: 'c.pdf', length: 1000 });
    assert.equal(fits.statusCode, 201);
    const list = await t.app.inject({ url: `/p/lakeside/profiles/${couple}/files`, headers: { authorization: `Bearer ${casey}` } });
    assert.equal(list.json().policy.quotaBytes, quota);
    assert.equal(list.json().policy.reservedBytes, quota);
    assert.equal((await cancelUpload(t, jordan, String(first.headers.location))).statusCode, 204);
    assert.equal((await cancelUpload(t, casey, String(fits.headers.location))).statusCode, 204);
    assertClean(t, 0);
  });

  test('a connection dropped mid-PATCH keeps what arrived; the upload resumes from there to the same SHA-256', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const original = sampleMp3(300);
    const created = await createUpload(t, jordan, couple, { name: 'dropped.mp3', length: original.length });
    const location = String(created.headers.location);
    const sent = 50_000;
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'PATCH',
        path: location,
        headers: {
          origin: LAKESIDE_ORIGIN,
          authorization: `Bearer ${jordan}`,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(original.length),
        },
      });
      req.on('error', () => resolve());
      req.write(original.subarray(0, sent), () => setTimeout(() => req.destroy(), 100));
    });
    let offset = 0;
    for (let i = 0; i < 50 && offset === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      offset = Number((await headUpload(t, jordan, location)).headers['upload-offset']);
    }
    assert.equal(offset, sent, 'every byte that arrived was kept');
    const done = await patchUpload(t, jordan, location, offset, original.subarray(offset));
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().file.sha256, sha256(original));
    assertClean(t, 1);
  });

  test('the sweeper deletes uploads idle for a day, and orphans older than the grace period, nothing else', async () => {
    const bytes = samplePdf();
    const stale = await createUpload(t, jordan, couple, { name: 'stale.pdf', length: bytes.length });
    await patchUpload(t, jordan, String(stale.headers.location), 0, bytes.subarray(0, 10));
    t.clock.advance(25 * HOUR);
    jordan = await signedIn(t, 'jordan@example.com'); // the old session has expired too
    const fresh = await uploadFile(t, jordan, couple, 'fresh.pdf', bytes, { chunks: 2, stopAfter: 1 });
    assert.equal(fresh.last.statusCode, 204);
    const old = Date.now() / 1000 - 2 * 3600;
    const orphan = (dir: string, name: string, age = old) => {
      const path = join(t.dir, 'files', dir, name);
      mkdirSync(join(t.dir, 'files', dir), { recursive: true });
      writeFileSync(path, 'x');
      utimesSync(path, age, age);
    };
    orphan('store', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    orphan('store', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', Date.now() / 1000); // too young: maybe a commit in progress
    orphan('tmp', 'cccccccccccccccccccccccccccccccc');
    orphan('partial', 'dddddddddddddddddddddddddddddddd');
    orphan('partial', 'dddddddddddddddddddddddddddddddd.json');
    const storedBefore = fileRows(t.db).map((f) => f.storage_name);

    const report = await t.app.uploads!.sweeper.sweep();
    assert.deepEqual(report, { staleUploads: 1, emptyUploads: 0, orphanFiles: 4 });
    const entries = storageEntries(t.dir);
    const freshId = fresh.location.split('/').pop()!;
    assert.deepEqual(entries.partial, [freshId, `${freshId}.json`]);
    assert.deepEqual(entries.tmp, []);
    assert.deepEqual(entries.store, [...storedBefore, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'].sort());
    assert.deepEqual(uploadRows(t.db).map((u) => u.id), [freshId]);
    assert.equal((await headUpload(t, jordan, String(stale.headers.location))).statusCode, 404);
    assert.equal((await cancelUpload(t, jordan, fresh.location)).statusCode, 204);
  });
});
