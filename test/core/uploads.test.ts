import { expect } from '@open-wc/testing';
import { uploadError } from '../../src/core/api/uploads.js';
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
});
