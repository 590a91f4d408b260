// R76: checks docs/security.md, the security record, so it cannot drift from the code:
// - every requirement id R1–R80 and fault id F1–F16 has exactly one `### <id>` entry, and no
//   other id has one;
// - every entry has a status (implemented, partial, deviation or open); an entry that is
//   implemented or partial cites at least one test or automated check; partial and open
//   entries say where the rest is tracked (`open: …`); deviations name their compensating
//   controls;
// - every cited path (`server/…`, `src/…`, `test/…`, `scripts/…`, `docs/…`, `demo/…` and a
//   few root files) exists, and every cited test name («…» right after a test file) is the
//   literal name of a test(), it() or describe() in that file.
// Usage: node scripts/check-security-record.mjs [path]   (exit 1 with the problems listed)
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const EXPECTED_IDS = [...Array.from({ length: 80 }, (_, i) => `R${i + 1}`), ...Array.from({ length: 16 }, (_, i) => `F${i + 1}`)];
const STATUSES = ['implemented', 'partial', 'deviation', 'open'];
const PATH = /^(?:server|src|test|scripts|docs|demo|stories|locales)\/[^\s`]*$/;
const ROOT_FILES = new Set(['package.json', 'eslint.config.js', 'README.md', 'vite.config.ts', 'tsconfig.json', 'web-test-runner.config.mjs', 'redocly.yaml', 'lit-localize.json']);
/** A test file in backticks followed by one or more «test names». */
const TEST_CITATION = /`(test\/[^`\s]+\.test\.ts)`((?:\s*,?\s*«[^»]+»)+)/g;
/** The name of every test(), it() and describe() call: a string literal as the first argument. */
const TEST_CALL = /\b(?:test|it|describe)(?:\.(?:only|skip|todo))?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

/** The literal names of the tests and suites in a file, escapes resolved (`link\'s` → `link's`). */
function testNamesIn(file, cache) {
  if (!cache.has(file)) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    cache.set(file, new Set([...source.matchAll(TEST_CALL)].map((m) => m[2].replace(/\\(.)/g, '$1'))));
  }
  return cache.get(file);
}

export function checkRecord(text) {
  const problems = [];
  const entries = [];
  const seen = new Set();
  let current;
  for (const line of text.split('\n')) {
    const heading = /^###\s+([RF]\d+)\b/.exec(line);
    if (heading) {
      const id = heading[1];
      if (!EXPECTED_IDS.includes(id)) problems.push(`${id}: not a requirement or fault id (R1–R80, F1–F16)`);
      if (seen.has(id)) problems.push(`${id}: has more than one entry`);
      seen.add(id);
      current = { id, lines: [line] };
      entries.push(current);
    } else if (/^#{1,3}\s/.test(line)) {
      current = undefined; // a section heading ends the entry
    } else if (current) {
      current.lines.push(line);
    }
  }
  for (const id of EXPECTED_IDS) if (!seen.has(id)) problems.push(`${id}: has no entry`);

  const cache = new Map();
  for (const { id, lines } of entries) {
    const body = lines.join('\n');
    const status = /\*\*Status:\*\*\s*([a-z]+)/.exec(body)?.[1];
    if (!status || !STATUSES.includes(status)) {
      problems.push(`${id}: no **Status:** (${STATUSES.join(', ')})`);
      continue;
    }
    const citations = [...body.matchAll(TEST_CITATION)];
    const hasCheck = /\*\*Check:\*\*/.test(body);
    if ((status === 'implemented' || status === 'partial') && citations.length === 0 && !hasCheck) {
      problems.push(`${id}: ${status} but cites no test («name» after a test file) and no **Check:**`);
    }
    if ((status === 'partial' || status === 'open') && !/\bopen: [a-z0-9]/.test(body)) {
      problems.push(`${id}: ${status} but does not say where the rest is tracked ("open: hardening follow-up", …)`);
    }
    if (status === 'deviation' && !/\*\*Compensating controls:\*\*/.test(body)) {
      problems.push(`${id}: a deviation without **Compensating controls:**`);
    }
    const quoted = (body.match(/«/g) ?? []).length;
    let matched = 0;
    for (const [, file, names] of citations) {
      if (!existsSync(join(ROOT, file))) {
        problems.push(`${id}: cites ${file}, which does not exist`);
        continue;
      }
      const known = testNamesIn(file, cache);
      for (const [, name] of names.matchAll(/«([^»]+)»/g)) {
        matched += 1;
        if (!known.has(name)) problems.push(`${id}: ${file} has no test named «${name}»`);
      }
    }
    if (matched !== quoted) problems.push(`${id}: a «test name» not right after its test file`);
    for (const [, code] of body.matchAll(/`([^`\n]+)`/g)) {
      const path = code.replace(/[#:].*$/, '');
      if ((PATH.test(path) || ROOT_FILES.has(path)) && !existsSync(join(ROOT, path))) problems.push(`${id}: cites ${path}, which does not exist`);
    }
  }
  return { problems, ids: seen.size };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = resolve(process.argv[2] ?? join(ROOT, 'docs/security.md'));
  const { problems, ids } = checkRecord(readFileSync(file, 'utf8'));
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) {
    console.error(`${file}: ${problems.length} problem(s).`);
    process.exitCode = 1;
  } else {
    console.log(`${file}: ${ids} ids, each once; every cited path and test exists.`);
  }
}
