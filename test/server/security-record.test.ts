// R76: docs/security.md traces all 96 ids, and its checker refuses a record that drifts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from './test-db.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const RECORD = readFileSync(join(REPO, 'docs/security.md'), 'utf8');

function check(text?: string): { code: number | null; out: string } {
  const dir = tempDir('portal-record-');
  try {
    const args = [join(REPO, 'scripts/check-security-record.mjs')];
    if (text !== undefined) {
      writeFileSync(join(dir.path, 'security.md'), text);
      args.push(join(dir.path, 'security.md'));
    }
    const run = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
    return { code: run.status, out: run.stdout + run.stderr };
  } finally {
    dir.cleanup();
  }
}

describe('the security record (R76)', () => {
  test('docs/security.md has one entry for each of R1–R80 and F1–F16, and every cited file and test exists', () => {
    const result = check();
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /96 ids, each once/);
    const ids = [...RECORD.matchAll(/^### ([RF]\d+) /gm)].map((m) => m[1]);
    assert.equal(ids.length, 96);
    assert.equal(new Set(ids).size, 96);
  });

  test('the checker refuses a missing or doubled id, a missing file, an unknown test name and an entry without a status', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['a missing id', RECORD.replace(/^### R52 /m, '### Rx '), /R52: has no entry/],
      ['a doubled id', `${RECORD}\n### F9 — again\n- **Status:** open\n- open: issue 16\n`, /F9: has more than one entry/],
      ['a missing file', RECORD.replace('`server/auth/secrets.ts` (32', '`server/auth/no-such-file.ts` (32'), /R1: cites server\/auth\/no-such-file\.ts, which does not exist/],
      ['an unknown test name', RECORD.replace('«re-issuing voids the earlier PIN (R18)»', '«re-issuing keeps the earlier PIN»'), /R18: .*auth-pin\.test\.ts has no test named «re-issuing keeps the earlier PIN»/],
      ['no status', RECORD.replace(/(### R17 [^\n]*\n)- \*\*Status:\*\* implemented/, '$1- Status unknown'), /R17: no \*\*Status:\*\*/],
      ['an open item without a tracker', RECORD.replace('real processor (`docs/payments.md`). open: hardening follow-up', 'real processor (`docs/payments.md`). later'), /F10: open but does not say where/],
    ];
    for (const [what, text, expected] of cases) {
      assert.notEqual(text, RECORD, `${what}: the mutation applied`);
      const result = check(text);
      assert.equal(result.code, 1, what);
      assert.match(result.out, expected, what);
    }
  });
});
