import { expect } from '@open-wc/testing';
import { endpointUrlStorage, uploadError, uploadFingerprint } from '../../src/core/api/uploads.js';
import { UploadQueue } from '../../src/core/files/upload-queue.js';
import { FakeUploader } from '../support/fake-uploader.js';
import { acceptList, checkFile, uploadRules } from '../../src/core/files/upload-rules.js';
import { policy } from '../support/file-data.js';

const answered = (status: number, body: string) => ({
  originalResponse: { getStatus: () => status, getBody: () => body, getHeader: () => undefined, getUnderlyingObject: () => null },
});

describe('upload core', () => {
  it('maps tus failures to codes: the endpoint’s JSON code, the status alone, or network', () => {
    const quota = uploadError(answered(413, JSON.stringify({ error: { code: 'quota_exceeded', message: 'dev text' } })));
    expect([quota.code, quota.reason, quota.status]).to.deep.equal(['payload_too_large', 'quota_exceeded', 413]);
    expect(uploadError(answered(415, '<html>proxy</html>')).code).to.equal('unsupported_type');
    expect(uploadError(answered(401, JSON.stringify({ error: { code: 'session_expired' } }))).code).to.equal('session_expired');
    expect(uploadError(new Error('tus: failed to upload chunk')).code).to.equal('network');
    expect(uploadError(answered(500, '')).message, 'no server text').not.to.contain('dev text');
  });

  it('accept narrows types and extensions, never widens; max-size lowers limits only', () => {
    const rules = uploadRules(policy, '.jpg, .svg, audio/*', 200 * 1024 * 1024);
    expect(rules.types.map((t) => [t.type, t.extensions.join('|'), t.maxBytes / 1024 / 1024])).to.deep.equal([
      ['jpg', 'jpg', 15],
      ['mp3', 'mp3', 200],
      ['m4a', 'm4a', 200],
    ]);
    expect(acceptList(rules)).to.equal('.jpg,.mp3,.m4a');
    expect(checkFile({ name: 'photo.JPG', size: 10 }, rules)).to.deep.equal({ type: 'jpg' });
    expect(checkFile({ name: 'photo.jpeg', size: 10 }, rules).refusal).to.equal('type');
    expect(checkFile({ name: 'noext', size: 10 }, rules).refusal).to.equal('type');
  });

  it('a profile at its file count has no room, whatever bytes are left', () => {
    expect(uploadRules({ ...policy, fileCount: policy.maxFiles }).roomBytes).to.equal(0);
    expect(checkFile({ name: 'a.pdf', size: 1 }, uploadRules({ ...policy, fileCount: policy.maxFiles })).refusal).to.equal('quota');
  });

  it('a file’s fingerprint is SHA-256 hex of profile, name, size, date and type: stable, and different when any of them differs', async () => {
    const file = (name = 'scan.pdf', lastModified = 1_700_000_000_000, type = 'application/pdf', bytes = 'abc') =>
      new File([bytes], name, { type, lastModified });
    const fp = await uploadFingerprint(7, file());
    expect(fp).to.match(/^[0-9a-f]{64}$/);
    expect(await uploadFingerprint(7, file()), 'the same file chosen again').to.equal(fp);
    const others = await Promise.all([
      uploadFingerprint(8, file()),
      uploadFingerprint(7, file('scan2.pdf')),
      uploadFingerprint(7, file(undefined, 1_700_000_000_001)),
      uploadFingerprint(7, file(undefined, undefined, 'text/plain')),
      uploadFingerprint(7, file(undefined, undefined, undefined, 'abcd')),
    ]);
    expect(new Set([fp, ...others]).size).to.equal(6);
    expect(fp, 'names nothing').not.to.contain('scan');
  });

  it('the endpoint URL storage asks the endpoint by fingerprint, resolves upload URLs, and stores nothing', async () => {
    const asked: string[] = [];
    const storage = endpointUrlStorage('https://portal.example/p/lakeside', (fingerprint) => {
      asked.push(fingerprint);
      return Promise.resolve([{ url: '/p/lakeside/profiles/3/uploads/' + 'a'.repeat(32), offset: 100, sizeBytes: 400, createdAt: '2026-01-01T00:00:00.000Z' }]);
    });
    const found = await storage.findUploadsByFingerprint('f'.repeat(64));
    expect(asked).to.deep.equal(['f'.repeat(64)]);
    expect(found.map((u) => [u.uploadUrl, u.size, u.metadata.offset])).to.deep.equal([
      [`https://portal.example/p/lakeside/profiles/3/uploads/${'a'.repeat(32)}`, 400, '100'],
    ]);
    expect(await storage.findAllUploads()).to.deep.equal([]);
    const before = [localStorage.length, sessionStorage.length];
    await storage.addUpload('f'.repeat(64), found[0]);
    await storage.removeUpload('');
    expect([localStorage.length, sessionStorage.length]).to.deep.equal(before);
  });

  it('an upload continued after a reload starts its entry at the server’s offset and says so once', () => {
    const uploader = new FakeUploader();
    const queue = new UploadQueue();
    const file = new File([new Uint8Array(1000)], 'big.mp3');
    const entry = queue.add(file, 'mp3', (progress) => uploader.create('/profiles/1/uploads', file, progress));
    let changes = 0;
    queue.addEventListener('change', () => changes++);
    uploader.uploads[0].resumeFrom(40);
    expect([entry.resumedAt, entry.percent, changes]).to.deep.equal([40, 40, 1]);
  });
});
