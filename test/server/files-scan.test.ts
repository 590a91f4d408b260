// Malware scanning before release (R52, F9) against a real clamd with a one-signature test
// database (clamd-helpers.ts): clean files are released, the EICAR test file is refused and
// audited, and while clamd is down files stay pending and are never served. clamd missing
// fails these tests (it is not a skip): .ci/run installs clamav-daemon.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { clamdScanFile, parseReply, ScannerUnavailable } from '../../server/files/clamd.js';
import { ConfigError, readServerConfig } from '../../server/config.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditSince, auditTip, signedIn } from './auth-helpers.js';
import { EICAR, startClamd, type Clamd } from './clamd-helpers.js';
import { profileIdOf, sha256, uploadFile } from './files-helpers.js';
import { sampleCsv, samplePdf } from './files-samples.js';
import { createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

const headers = (token: string) => ({ origin: LAKESIDE_ORIGIN, authorization: `Bearer ${token}` });
const download = (t: TestApp, token: string, profileId: number, fileId: number) =>
  t.app.inject({ url: `/p/lakeside/profiles/${profileId}/files/${fileId}`, headers: headers(token) });
async function statusOf(t: TestApp, token: string, profileId: number, fileId: number): Promise<string> {
  const res = await t.app.inject({ url: `/p/lakeside/profiles/${profileId}/files`, headers: headers(token) });
  assert.equal(res.statusCode, 200, res.body);
  const file = (res.json().files as { id: number; status: string }[]).find((f) => f.id === fileId);
  assert.ok(file, `file ${fileId} is listed`);
  return file.status;
}

describe('malware scanning with clamd (R52)', () => {
  let clamd: Clamd;
  let t: TestApp;
  let alex: string;
  let alexProfile: number;
  before(async () => {
    clamd = await startClamd();
    t = await createTestApp({ config: { uploads: { scan: 'clamd', clamd: { socket: clamd.socket }, scanRetryMs: 60_000 } } });
    alex = await signedIn(t, 'alex@example.com');
    alexProfile = profileIdOf(t.db, 'Alex Morgan');
  });
  after(async () => {
    await t?.close();
    await clamd?.close();
  });

  test('clamd INSTREAM over the unix socket and over loopback TCP: OK for clean bytes, FOUND for EICAR', async () => {
    const dir = t.dir;
    writeFileSync(join(dir, 'clean.csv'), sampleCsv());
    writeFileSync(join(dir, 'eicar.csv'), Buffer.concat([Buffer.from('date,note\n'), EICAR, Buffer.from('\n')]));
    for (const target of [{ socket: clamd.socket }, { host: clamd.host, port: clamd.port }]) {
      assert.deepEqual(await clamdScanFile(target, join(dir, 'clean.csv'), 5_000), { infected: false });
      assert.deepEqual(await clamdScanFile(target, join(dir, 'eicar.csv'), 5_000), { infected: true, signature: 'Eicar-Test-Signature' });
    }
    assert.throws(() => parseReply('stream: INSTREAM size limit exceeded. ERROR\0'), ScannerUnavailable);
  });

  test('a clean PDF is stored pending_scan, then scanned clean and downloadable', async () => {
    const since = auditTip(t.db);
    const bytes = samplePdf('Referral letter');
    const { last } = await uploadFile(t, alex, alexProfile, 'referral.pdf', bytes);
    assert.equal(last.statusCode, 200, last.body);
    const { file } = last.json();
    assert.equal(file.status, 'pending_scan');
    await t.app.uploads!.scanner!.kick();
    assert.equal(await statusOf(t, alex, alexProfile, file.id), 'clean');
    const res = await download(t, alex, alexProfile, file.id);
    assert.equal(res.statusCode, 200);
    assert.equal(sha256(res.rawPayload), sha256(bytes));
    const events = auditSince(t.db, since).filter((e) => e.resource_id === String(file.id));
    assert.ok(events.some((e) => e.action === 'upload_scan_clean' && e.outcome === 'success'));
  });

  test('the EICAR test file is refused as infected: audited, its bytes deleted, never downloadable', async () => {
    const since = auditTip(t.db);
    // A CSV passes the type checks (UTF-8 text that file-type does not recognise), so the scanner decides.
    const { last } = await uploadFile(t, alex, alexProfile, 'notes.csv', Buffer.concat([Buffer.from('date,note\n'), EICAR, Buffer.from('\n')]));
    assert.equal(last.statusCode, 200, last.body);
    const { file } = last.json();
    assert.equal(file.status, 'pending_scan');
    await t.app.uploads!.scanner!.kick();
    assert.equal(await statusOf(t, alex, alexProfile, file.id), 'infected');
    const res = await download(t, alex, alexProfile, file.id);
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'conflict');
    assert.doesNotMatch(res.body, /Eicar|X5O/i);
    const events = auditSince(t.db, since).filter((e) => e.resource_id === String(file.id));
    assert.ok(events.some((e) => e.action === 'upload_infected' && e.outcome === 'failure'), JSON.stringify(events));
    const row = t.db.prepare('SELECT storage_name FROM files WHERE id = ?').get(file.id) as { storage_name: string };
    await assert.rejects(import('node:fs/promises').then((fs) => fs.stat(t.app.uploads!.storage.storedPath(row.storage_name))), { code: 'ENOENT' });
  });

  test('clamd down (F9): uploads stay pending_scan and downloads answer 409; once clamd is back the retry scans them clean', async () => {
    await clamd.stop();
    try {
      const { last } = await uploadFile(t, alex, alexProfile, 'while down.pdf', samplePdf('While the scanner is down'));
      assert.equal(last.statusCode, 200, last.body);
      const { file } = last.json();
      assert.equal(file.status, 'pending_scan');
      await t.app.uploads!.scanner!.kick();
      assert.equal(await statusOf(t, alex, alexProfile, file.id), 'pending_scan');
      assert.equal((await download(t, alex, alexProfile, file.id)).statusCode, 409);
      const { attempts } = t.db.prepare('SELECT attempts FROM file_scans WHERE file_id = ?').get(file.id) as { attempts: number };
      assert.ok(attempts >= 1);
      await clamd.start();
      await t.app.uploads!.scanner!.kick();
      assert.equal(await statusOf(t, alex, alexProfile, file.id), 'clean');
      assert.equal((await download(t, alex, alexProfile, file.id)).statusCode, 200);
    } finally {
      await clamd.start().catch(() => undefined);
    }
  });
});

describe('without a scanner (R52): UPLOAD_SCAN=hold or off', () => {
  test('hold: files stay pending_scan and are never downloadable', async () => {
    const t = await createTestApp({ config: { uploads: { scan: 'hold' } } });
    try {
      const alex = await signedIn(t, 'alex@example.com');
      const profile = profileIdOf(t.db, 'Alex Morgan');
      const { last } = await uploadFile(t, alex, profile, 'held.pdf', samplePdf('Held'));
      const { file } = last.json();
      assert.equal(file.status, 'pending_scan');
      assert.equal(t.app.uploads!.scanner, null);
      assert.equal(await statusOf(t, alex, profile, file.id), 'pending_scan');
      assert.equal((await download(t, alex, profile, file.id)).statusCode, 409);
    } finally {
      await t.close();
    }
  });

  test('production defaults to hold; off releases unscanned (the development default)', async () => {
    const t = await createTestApp({ config: { mode: 'production' } });
    try {
      const alex = await signedIn(t, 'alex@example.com');
      const profile = profileIdOf(t.db, 'Alex Morgan');
      const { last } = await uploadFile(t, alex, profile, 'prod.pdf', samplePdf('Production'));
      assert.equal(last.json().file.status, 'pending_scan');
    } finally {
      await t.close();
    }
    const dev = await createTestApp();
    try {
      const alex = await signedIn(dev, 'alex@example.com');
      const profile = profileIdOf(dev.db, 'Alex Morgan');
      const { last } = await uploadFile(dev, alex, profile, 'dev.pdf', samplePdf('Development'));
      const { file } = last.json();
      assert.equal(file.status, 'unscanned');
      assert.equal((await download(dev, alex, profile, file.id)).statusCode, 200);
    } finally {
      await dev.close();
    }
  });

  test('UPLOAD_SCAN, CLAMD_SOCKET, CLAMD_HOST/CLAMD_PORT: defaults by mode, clamd needs an address, only loopback TCP', () => {
    const prod = { ADMIN_TOKEN: 'x'.repeat(40), PIN_PEPPER: 'p'.repeat(40) };
    assert.equal(readServerConfig(prod, 'production').uploads?.scan, 'hold');
    assert.equal(readServerConfig({}, 'development').uploads?.scan, 'off');
    assert.deepEqual(readServerConfig({ ...prod, UPLOAD_SCAN: 'clamd', CLAMD_SOCKET: '/run/clamav/clamd.ctl' }, 'production').uploads?.clamd, {
      socket: '/run/clamav/clamd.ctl',
    });
    assert.deepEqual(readServerConfig({ ...prod, UPLOAD_SCAN: 'clamd', CLAMD_HOST: '127.0.0.1' }, 'production').uploads?.clamd, { host: '127.0.0.1', port: 3310 });
    assert.throws(() => readServerConfig({ ...prod, UPLOAD_SCAN: 'clamd' }, 'production'), ConfigError);
    assert.throws(() => readServerConfig({ ...prod, UPLOAD_SCAN: 'clamd', CLAMD_HOST: '10.0.0.5' }, 'production'), ConfigError);
    assert.throws(() => readServerConfig({ ...prod, UPLOAD_SCAN: 'maybe' }, 'production'), ConfigError);
  });
});
