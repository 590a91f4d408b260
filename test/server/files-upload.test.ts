// Uploads through tus: every allowed type accepted from a real sample, every disguise and bad
// name refused with its code, and nothing of a refused file left on disk or in the database
// (R46–R49, R53, R55, R56).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { auditSince, auditTip, signedIn } from './auth-helpers.js';
import {
  assertClean,
  createUpload,
  fileRows,
  patchUpload,
  profileIdOf,
  sha256,
  storageEntries,
  uploadFile,
  uploadMetadata,
  uploadRows,
} from './files-helpers.js';
import { METADATA_CANARY, sampleCsv, sampleExe, sampleJpeg, sampleM4a, sampleMp3, samplePdf, samplePng } from './files-samples.js';
import { createTestApp, LAKESIDE_ORIGIN, type TestApp } from './helpers.js';

const CSV_LIMIT = 4096;

describe('file uploads (tus)', () => {
  let t: TestApp;
  let token: string;
  let alex: number;
  let stored = 0;
  before(async () => {
    t = await createTestApp({ config: { uploads: { maxBytes: { csv: CSV_LIMIT } } } });
    token = await signedIn(t, 'alex@example.com');
    alex = profileIdOf(t.db, 'Alex Morgan');
  });
  after(() => t.close());

  const accepted: Array<[string, () => Buffer, string, string]> = [
    ['Intake form.pdf', () => samplePdf(), 'pdf', 'application/pdf'],
    ['insurance card.JPG', () => sampleJpeg(), 'jpg', 'image/jpeg'],
    ['scan.jpeg', () => sampleJpeg({ orientation: 1 }), 'jpg', 'image/jpeg'],
    ['chart.png', () => samplePng(), 'png', 'image/png'],
    ['voice memo.mp3', () => sampleMp3(), 'mp3', 'audio/mpeg'],
    ['session.m4a', () => sampleM4a(), 'm4a', 'audio/mp4'],
    ['android recording.m4a', () => sampleM4a({ major: 'isom', compatible: ['isom', 'M4A ', 'mp42'] }), 'm4a', 'audio/mp4'],
    ['mood log.csv', () => sampleCsv(), 'csv', 'text/csv; charset=utf-8'],
  ];
  for (const [name, make, type, mediaType] of accepted) {
    test(`accepts ${name} (${type}) and stores it under a random name`, async () => {
      const bytes = make();
      const tip = auditTip(t.db);
      const { created, last } = await uploadFile(t, token, alex, name, bytes, { chunks: 2 });
      assert.equal(created.statusCode, 201, created.body);
      assert.match(String(created.headers.location), new RegExp(`^/p/lakeside/profiles/${alex}/uploads/[0-9a-f]{32}$`));
      assert.equal(last.statusCode, 200, last.body);
      assert.equal(last.headers['upload-offset'], String(bytes.length));
      const { file } = last.json();
      assert.equal(file.name, name);
      assert.equal(file.type, type);
      assert.equal(file.mediaType, mediaType);
      assert.match(file.uploadedAt, /^\d{4}-\d\d-\d\dT/);
      if (type !== 'jpg' && type !== 'png') {
        assert.equal(file.sha256, sha256(bytes), 'stored bytes are the uploaded bytes');
        assert.equal(file.sizeBytes, bytes.length);
      }
      stored += 1;
      assertClean(t, stored, name);
      const row = fileRows(t.db).at(-1)!;
      assert.match(row.storage_name, /^[0-9a-f]{32}$/);
      assert.notEqual(row.storage_name, row.upload_id);
      assert.deepEqual(
        auditSince(t.db, tip).map((e) => [e.action, e.resource_type, e.outcome]),
        [
          ['upload_started', 'upload', 'success'],
          ['upload_received', 'upload', 'success'],
          ['upload_stored', 'file', 'success'],
        ],
      );
      assert.ok(!JSON.stringify(auditSince(t.db, tip)).includes(name.split(' ')[0]), 'no file name in the audit trail');
    });
  }

  test('the client’s filetype is ignored: a PDF announced as image/png is a PDF', async () => {
    const bytes = samplePdf();
    const created = await createUpload(t, token, alex, { name: 'letter.pdf', length: bytes.length, filetype: 'image/png' });
    const done = await patchUpload(t, token, String(created.headers.location), 0, bytes);
    assert.equal(done.json().file.type, 'pdf');
    stored += 1;
  });

  const refusedAtCompletion: Array<[string, string, () => Buffer]> = [
    ['an .exe renamed .pdf', 'report.pdf', sampleExe],
    ['a PNG renamed .mp3', 'song.mp3', () => samplePng()],
    ['a PDF renamed .png', 'picture.png', () => samplePdf()],
    ['an MP4 film (video track) renamed .m4a', 'clip.m4a', () => sampleM4a({ major: 'isom', compatible: ['isom', 'M4A '], handler: 'vide' })],
    ['an MP4 without the M4A brand', 'other.m4a', () => sampleM4a({ major: 'isom', compatible: ['isom', 'mp42'] })],
    ['a truncated PDF (no %%EOF)', 'cut.pdf', () => samplePdf().subarray(0, 200)],
    ['a truncated JPEG (no EOI)', 'cut.jpg', () => sampleJpeg().subarray(0, 300)],
    ['a CSV with a NUL byte', 'nul.csv', () => Buffer.from('a,b\n1,\u00002\n', 'latin1')],
    ['a CSV that is not UTF-8', 'latin1.csv', () => Buffer.from('name\nJos\xe9\n', 'latin1')],
    ['a PNG renamed .csv', 'table.csv', () => samplePng()],
    ['MP3-looking ID3 tag followed by no audio', 'empty.mp3', () => sampleMp3(0)],
  ];
  for (const [what, name, make] of refusedAtCompletion) {
    test(`refuses ${what}: 415 unsupported_type on the last PATCH, nothing kept`, async () => {
      const tip = auditTip(t.db);
      const { created, last } = await uploadFile(t, token, alex, name, make());
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(last.statusCode, 415, last.body);
      assert.equal(last.json().error.code, 'unsupported_type');
      assert.equal(last.headers['content-type'], 'application/json; charset=utf-8');
      assertClean(t, stored, what);
      assert.deepEqual(
        auditSince(t.db, tip).map((e) => [e.action, e.outcome]),
        [
          ['upload_started', 'success'],
          ['upload_validation_unsupported_type', 'failure'],
        ],
      );
    });
  }

  const refusedEarly: Array<[string, string, () => Buffer]> = [
    ['an .exe renamed .pdf', 'early.pdf', () => Buffer.concat([sampleExe(), Buffer.alloc(20_000)])],
    ['a PNG renamed .m4a', 'early.m4a', () => Buffer.concat([samplePng(), Buffer.alloc(20_000)])],
    ['zeros renamed .mp3', 'early.mp3', () => Buffer.alloc(20_000, 0)],
  ];
  for (const [what, name, make] of refusedEarly) {
    test(`refuses ${what} at the first PATCH holding its first 4 100 bytes, not at the last`, async () => {
      const bytes = make();
      const created = await createUpload(t, token, alex, { name, length: bytes.length });
      const res = await patchUpload(t, token, String(created.headers.location), 0, bytes.subarray(0, 5000));
      assert.equal(res.statusCode, 415, res.body);
      assert.equal(res.json().error.code, 'unsupported_type');
      assertClean(t, stored, what);
    });
  }

  test('a right file sent in small chunks passes the early look and completes', async () => {
    const bytes = sampleMp3(60);
    const { last } = await uploadFile(t, token, alex, 'chunked.mp3', bytes, { chunks: 12 });
    assert.equal(last.statusCode, 200, last.body);
    assert.equal(last.json().file.sha256, sha256(bytes));
    stored += 1;
  });

  const refusedAtCreation: Array<[string, string, number, number, string]> = [
    ['a double extension ending in .exe', 'report.pdf.exe', 100, 415, 'unsupported_type'],
    ['a double extension hiding .php', 'a.php.pdf', 100, 415, 'unsupported_type'],
    ['a double extension hiding .exe', 'invoice.EXE.jpg', 100, 415, 'unsupported_type'],
    ['a leading dot (.htaccess)', '.htaccess.pdf', 100, 400, 'invalid_name'],
    ['a disallowed type', 'vector.svg', 100, 415, 'unsupported_type'],
    ['a name with ../', '../../etc/passwd.pdf', 100, 400, 'invalid_name'],
    ['a name with ..\\', '..\\secrets.pdf', 100, 400, 'invalid_name'],
    ['a NUL byte', 'report.pdf\u0000.exe', 100, 400, 'invalid_name'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 100, 400, 'invalid_name'],
    ['a newline', 'a\r\nSet-Cookie: x.pdf', 100, 400, 'invalid_name'],
    ['a trailing dot', 'report.pdf.', 100, 400, 'invalid_name'],
    ['a 0-byte file', 'empty.pdf', 0, 400, 'empty_file'],
    ['one byte over the type’s limit', 'big.csv', CSV_LIMIT + 1, 413, 'payload_too_large'],
    ['more than the largest limit', 'huge.pdf', 2 ** 40, 413, 'payload_too_large'],
  ];
  for (const [what, name, length, status, code] of refusedAtCreation) {
    test(`refuses ${what} at creation: ${status} ${code}, no upload made`, async () => {
      const tip = auditTip(t.db);
      const res = await createUpload(t, token, alex, { name, length });
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().error.code, code);
      assert.equal(res.headers.location, undefined);
      assertClean(t, stored, what);
      assert.deepEqual(
        auditSince(t.db, tip).map((e) => [e.action, e.outcome]),
        [[`upload_validation_${code}`, 'failure']],
      );
    });
  }

  test('a file exactly at the limit is accepted', async () => {
    const bytes = Buffer.alloc(CSV_LIMIT, 'a');
    const { last } = await uploadFile(t, token, alex, 'exact.csv', bytes);
    assert.equal(last.statusCode, 200, last.body);
    stored += 1;
  });

  test('metadata without a filename is invalid_name; a missing Upload-Length or Tus-Resumable is validation', async () => {
    const noName = await createUpload(t, token, alex, { name: '', length: 10, metadata: uploadMetadata({ filetype: 'application/pdf' }) });
    assert.equal(noName.json().error.code, 'invalid_name');
    const noLength = await t.app.inject({
      method: 'POST',
      url: `/p/lakeside/profiles/${alex}/uploads`,
      headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-defer-length': '1', 'upload-metadata': uploadMetadata({ filename: 'a.pdf' }) },
    });
    assert.equal(noLength.statusCode, 400);
    assert.equal(noLength.json().error.code, 'validation');
    const noTus = await t.app.inject({
      method: 'POST',
      url: `/p/lakeside/profiles/${alex}/uploads`,
      headers: { authorization: `Bearer ${token}`, 'upload-length': '10', 'upload-metadata': uploadMetadata({ filename: 'a.pdf' }) },
    });
    assert.equal(noTus.statusCode, 400);
    assertClean(t, stored);
  });

  test('the store never accepts a byte beyond the declared length: 413, offset unchanged', async () => {
    const bytes = samplePdf();
    const created = await createUpload(t, token, alex, { name: 'short.pdf', length: 100 });
    const location = String(created.headers.location);
    const res = await patchUpload(t, token, location, 0, bytes);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().error.code, 'payload_too_large');
    const id = location.split('/').pop()!;
    assert.deepEqual(storageEntries(t.dir).partial, [id, `${id}.json`]);
    assert.equal((await t.app.inject({ method: 'HEAD', url: location, headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } })).headers['upload-offset'], '0');
    const cancelled = await t.app.inject({ method: 'DELETE', url: location, headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } });
    assert.equal(cancelled.statusCode, 204);
    assertClean(t, stored);
  });

  test('JPEG: EXIF (GPS, description), XMP and comments are removed, orientation kept, trailing bytes dropped', async () => {
    const original = sampleJpeg({ orientation: 6, trailer: Buffer.from(`ZIP${METADATA_CANARY}`) });
    assert.ok(original.includes(METADATA_CANARY));
    const { last } = await uploadFile(t, token, alex, 'photo.jpg', original);
    assert.equal(last.statusCode, 200, last.body);
    stored += 1;
    const { file } = last.json();
    const download = await t.app.inject({ url: `/p/lakeside/profiles/${alex}/files/${file.id}`, headers: { authorization: `Bearer ${token}` } });
    const bytes = download.rawPayload;
    assert.equal(sha256(bytes), file.sha256);
    assert.equal(bytes.length, file.sizeBytes);
    assert.ok(bytes.length < original.length);
    assert.ok(!bytes.includes(METADATA_CANARY), 'no trace of the metadata');
    assert.ok(!bytes.includes(Buffer.from([0x88, 0x25])), 'no GPS IFD pointer tag');
    assert.ok(!bytes.includes('http://ns.adobe.com/xap'), 'no XMP');
    assert.ok(bytes.includes(Buffer.from('JFIF\0', 'latin1')), 'JFIF kept');
    const exifAt = bytes.indexOf('Exif\0\0');
    assert.ok(exifAt > 0, 'a minimal Exif with the orientation');
    assert.equal(bytes.readUInt16BE(exifAt + 6 + 18), 6, 'orientation 6 (rotate 90°) kept');
    assert.deepEqual([...bytes.subarray(-2)], [0xff, 0xd9], 'ends at EOI');
  });

  test('PNG: tEXt, iTXt, eXIf and tIME are removed, the image chunks kept', async () => {
    const { last } = await uploadFile(t, token, alex, 'chart2.png', samplePng());
    stored += 1;
    const download = await t.app.inject({ url: `/p/lakeside/profiles/${alex}/files/${last.json().file.id}`, headers: { authorization: `Bearer ${token}` } });
    const bytes = download.rawPayload;
    assert.ok(!bytes.includes(METADATA_CANARY));
    for (const chunk of ['tEXt', 'iTXt', 'eXIf', 'tIME']) assert.ok(!bytes.includes(chunk), chunk);
    for (const chunk of ['IHDR', 'gAMA', 'IDAT', 'IEND']) assert.ok(bytes.includes(chunk), chunk);
  });

  test('an image over the pixel limit is refused before anything decodes it', async () => {
    const { last } = await uploadFile(t, token, alex, 'bomb.png', samplePng({ width: 100_000, height: 100_000 }));
    assert.equal(last.statusCode, 413);
    assert.equal(last.json().error.code, 'payload_too_large');
    assertClean(t, stored);
  });

  test('every upload and file call writes exactly one audit event, with who, for whom, what and where (R36)', async () => {
    const bytes = samplePdf();
    const headers = { origin: LAKESIDE_ORIGIN, authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' };
    const send = (method: 'GET' | 'HEAD' | 'DELETE', url: string) => t.app.inject({ method, url, headers, remoteAddress: '203.0.113.10' });
    let location = '';
    const create = async (name: string, length: number) => {
      const res = await createUpload(t, token, alex, { name, length });
      location = String(res.headers.location);
      return res;
    };
    const steps: Array<[string, () => Promise<{ statusCode: number }>, string, string]> = [
      ['createUpload', () => create('audited.pdf', bytes.length), 'upload_started', 'upload'],
      ['appendUploadBytes (more to come)', () => patchUpload(t, token, location, 0, bytes.subarray(0, 100)), 'upload_received', 'upload'],
      ['getUpload (HEAD)', () => send('HEAD', location), 'sensitive_read', 'upload'],
      ['appendUploadBytes (completes)', () => patchUpload(t, token, location, 100, bytes.subarray(100)), 'upload_stored', 'file'],
      ['listFiles', () => send('GET', `/p/lakeside/profiles/${alex}/files`), 'sensitive_read', 'file_list'],
      ['downloadFile', () => send('GET', `/p/lakeside/profiles/${alex}/files/${fileRows(t.db).at(-1)!.id}`), 'sensitive_read', 'file'],
      ['cancelUpload', () => send('DELETE', location), 'upload_cancelled', 'upload'],
    ];
    for (const [operation, run, action, resourceType] of steps) {
      if (operation === 'cancelUpload') await create('cancelled.pdf', 10);
      const tip = auditTip(t.db);
      const res = await run();
      assert.ok(res.statusCode < 300, `${operation}: ${res.statusCode}`);
      const events = auditSince(t.db, tip);
      assert.equal(events.length, 1, `${operation}: exactly one event`);
      const [event] = events;
      assert.deepEqual(
        [event.action, event.resource_type, event.outcome, event.ip, event.origin],
        [action, resourceType, 'success', '203.0.113.10', LAKESIDE_ORIGIN],
        operation,
      );
      assert.ok(event.actor_account_id, operation);
      const actingProfile = t.db.prepare('SELECT acting_profile_id FROM audit_events WHERE seq = ?').pluck().get(event.seq);
      assert.equal(actingProfile, alex, operation);
    }
    stored += 1;
  });

  test('CORS: a practice origin may send and read the tus headers', async () => {
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: `/p/lakeside/profiles/${alex}/uploads/0123456789abcdef0123456789abcdef`,
      headers: { origin: LAKESIDE_ORIGIN, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,tus-resumable,upload-offset,content-type' },
    });
    assert.equal(preflight.statusCode, 204);
    assert.match(String(preflight.headers['access-control-allow-methods']), /PATCH/);
    assert.match(String(preflight.headers['access-control-allow-headers']), /Upload-Offset/);
    const created = await createUpload(t, token, alex, { name: 'cors.pdf', length: 10 });
    assert.equal(created.headers['access-control-allow-origin'], LAKESIDE_ORIGIN);
    for (const header of ['Location', 'Upload-Offset', 'Tus-Resumable']) {
      assert.match(String(created.headers['access-control-expose-headers']), new RegExp(header));
    }
    assert.equal((await t.app.inject({ method: 'DELETE', url: String(created.headers.location), headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0' } })).statusCode, 204);
    assertClean(t, stored);
    assert.deepEqual(uploadRows(t.db), []);
  });
});
