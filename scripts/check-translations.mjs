#!/usr/bin/env node
// `npm run i18n:check`: are the translations complete and the committed i18n files current?
//
// 1. Every msg() call in src/ has an explicit `id` (house style 4.6: hash ids change with the English
//    copy and orphan the translation).
// 2. `lit-localize extract` and `lit-localize build` leave locales/*.xlf and src/core/i18n/generated/
//    byte-for-byte as they were. If they change something, somebody forgot to run them: the updated
//    files are left in place, ready to commit. With CI set, those files must also match git
//    (`git status --porcelain`), because `npm run check` rebuilds them in `typecheck` first.
// 3. Every <trans-unit> in locales/es.xlf has a non-empty <target>.
//
// Exits 1 with the offending ids and files when any check fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
const XLIFF_DIR = join(root, config.interchange?.xliffDir ?? 'locales');
const GENERATED = join(root, 'src/core/i18n/generated');
const TARGET_LOCALES = config.targetLocales ?? ['es'];
const rel = (file) => relative(root, file).split('\\').join('/');

const problems = [];

function walk(dir, filter = () => true) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : walk(path, filter);
    return filter(path) ? [path] : [];
  });
}

// -------------------------------------------------------------------------------------------
// 1. msg() calls without an explicit id
// -------------------------------------------------------------------------------------------

/**
 * Finds `msg(` calls in TypeScript source and returns each call's argument text, skipping
 * comments, strings and template text (but scanning `${…}` inside templates).
 */
function findMsgCalls(source) {
  const calls = [];
  let i = 0;
  const n = source.length;
  const isIdent = (ch) => /[\w$]/.test(ch ?? '');

  // Skips from source[i] (a quote or backtick) past the literal; returns the new index.
  function skipString(start) {
    const quote = source[start];
    let j = start + 1;
    while (j < n) {
      const ch = source[j];
      if (ch === '\\') {
        j += 2;
        continue;
      }
      if (quote === '`' && ch === '$' && source[j + 1] === '{') {
        j = skipCode(j + 2, '}');
        continue;
      }
      if (ch === quote) return j + 1;
      j++;
    }
    return n;
  }

  // A `/` starts a regular expression (not a division) after an operator, bracket or keyword.
  function startsRegex(at) {
    let k = at - 1;
    while (k >= 0 && /\s/.test(source[k])) k--;
    if (k < 0) return true;
    if (/[(,=:[!&|?{};+\-*%<>~^]/.test(source[k])) return true;
    const word = /[\w$]+$/.exec(source.slice(Math.max(0, k - 10), k + 1))?.[0];
    return word !== undefined && ['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'void', 'yield', 'await'].includes(word);
  }

  function skipRegex(start) {
    let j = start + 1;
    let inClass = false;
    while (j < n && source[j] !== '\n') {
      const ch = source[j];
      if (ch === '\\') j++;
      else if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      else if (ch === '/' && !inClass) return j + 1;
      j++;
    }
    return j;
  }

  // Scans code from `start` until the unmatched `close` char; records msg( calls on the way.
  function skipCode(start, close) {
    let j = start;
    let depth = 0;
    while (j < n) {
      const ch = source[j];
      if (ch === '/' && source[j + 1] === '/') {
        j = source.indexOf('\n', j);
        if (j < 0) return n;
        continue;
      }
      if (ch === '/' && source[j + 1] === '*') {
        const end = source.indexOf('*/', j + 2);
        j = end < 0 ? n : end + 2;
        continue;
      }
      if (ch === '"' || ch === "'" || ch === '`') {
        j = skipString(j);
        continue;
      }
      if (ch === '/' && startsRegex(j)) {
        j = skipRegex(j);
        continue;
      }
      if (ch === 'm' && source.startsWith('msg', j) && !isIdent(source[j - 1]) && source[j - 1] !== '.') {
        let k = j + 3;
        while (/\s/.test(source[k] ?? '')) k++;
        if (source[k] === '(') {
          const end = skipCode(k + 1, ')');
          const args = source.slice(k + 1, end - 1);
          // Not a call but a declaration: `msg(s: string): string` or `msg(text) { … }`.
          const declaration = /^\s*[\w$]+\??\s*:/.test(args) || /^\s*[{:]/.test(source.slice(end, end + 20));
          if (!declaration) calls.push({ index: j, args });
          j = end;
          continue;
        }
      }
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') {
        if (depth === 0 && ch === close) return j + 1;
        depth = Math.max(0, depth - 1);
      }
      j++;
    }
    return n;
  }

  while (i < n) i = skipCode(i, '');
  return calls;
}

/** Blanks string and template literal contents (so message text cannot fake an `id:`), keeping quoted keys. */
function blankLiterals(text) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '"' && ch !== "'" && ch !== '`') {
      out += ch;
      i++;
      continue;
    }
    let j = i + 1;
    let depth = 0;
    while (j < text.length) {
      if (text[j] === '\\') j += 2;
      else if (ch === '`' && text[j] === '$' && text[j + 1] === '{') (depth++, (j += 2));
      else if (depth > 0 && text[j] === '}') (depth--, j++);
      else if (depth === 0 && text[j] === ch) break;
      else j++;
    }
    const literal = text.slice(i, j + 1);
    const isKey = /^\s*:/.test(text.slice(j + 1));
    out += isKey ? literal : ch + ' '.repeat(Math.max(0, literal.length - 2)) + ch;
    i = j + 1;
  }
  return out;
}
// lit-localize needs a literal `id: '…'` (no shorthand or spread).
const HAS_ID = /(^|[{,\s])(['"]?)id\2\s*:/;
const sources = walk(join(root, 'src'), (p) => /\.(ts|js|mjs)$/.test(p) && !p.endsWith('.d.ts') && !p.startsWith(GENERATED));
const missingIds = [];
for (const file of sources) {
  const text = readFileSync(file, 'utf8');
  if (!text.includes('msg')) continue;
  for (const call of findMsgCalls(text)) {
    if (!HAS_ID.test(blankLiterals(call.args))) {
      const line = text.slice(0, call.index).split('\n').length;
      const preview = call.args.replace(/\s+/g, ' ').trim().slice(0, 60);
      missingIds.push(`${rel(file)}:${line}  msg(${preview}${call.args.length > 60 ? '…' : ''})`);
    }
  }
}
if (missingIds.length) {
  problems.push(
    `${missingIds.length} msg() call(s) without an explicit id (add \`{ id: '<element>.<purpose>' }\`):\n` +
      missingIds.map((s) => `  ${s}`).join('\n'),
  );
}

// -------------------------------------------------------------------------------------------
// 2. extract + build must not change the committed files
// -------------------------------------------------------------------------------------------
const watched = () => [
  ...walk(XLIFF_DIR, (p) => p.endsWith('.xlf')),
  ...walk(GENERATED),
];
const snapshot = () => new Map(watched().map((file) => [file, readFileSync(file)]));

const before = snapshot();
const bin = join(root, 'node_modules/@lit/localize-tools/bin/lit-localize.js');
for (const command of ['extract', 'build']) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [bin, command], { cwd: root, encoding: 'utf8' });
  // eslint-disable-next-line no-control-regex -- strip the colour codes of tsc diagnostics
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '').trim();
  if (run.status !== 0) {
    // Its output starts with the whole config; the error is at the end.
    const tail = output.split('\n').slice(-15).map((l) => `  ${l}`).join('\n');
    problems.push(`lit-localize ${command} failed (exit ${run.status ?? run.signal}):\n${tail}`);
    break;
  }
  console.log(`lit-localize ${command}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
const after = snapshot();

const changed = [];
for (const [file, content] of after) {
  const old = before.get(file);
  if (!old) changed.push(`added    ${rel(file)}`);
  else if (!old.equals(content)) changed.push(`changed  ${rel(file)}`);
}
for (const file of before.keys()) if (!after.has(file)) changed.push(`removed  ${rel(file)}`);
if (changed.length) {
  problems.push(
    'lit-localize extract/build changed the committed i18n files, so they were out of date.\n' +
      'The regenerated files are now in your working tree: review and commit them.\n' +
      changed.map((s) => `  ${s}`).join('\n'),
  );
}

// `npm run check` runs `typecheck` (which runs `lit-localize build`) before this script, so in CI the
// generated files may already have been rewritten before the snapshot above. There, also compare with
// git: the working tree must match what is committed.
const gitPaths = [rel(XLIFF_DIR), rel(GENERATED)];
const git = spawnSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ...gitPaths], { cwd: root, encoding: 'utf8' });
const uncommitted = git.status === 0 ? git.stdout.split('\n').filter(Boolean) : [];
if (uncommitted.length && !changed.length) {
  const list = uncommitted.map((s) => `  ${s}`).join('\n');
  if (process.env.CI) {
    problems.push(`The i18n files differ from what is committed (git status):\n${list}\nRun \`npm run i18n:extract && npm run i18n:build\` and commit the result.`);
  } else {
    console.log(`Note: uncommitted i18n files (fine while you work; CI fails until they are committed):\n${list}`);
  }
}

// -------------------------------------------------------------------------------------------
// 3. every trans-unit has a target
// -------------------------------------------------------------------------------------------
for (const locale of TARGET_LOCALES) {
  const file = join(XLIFF_DIR, `${locale}.xlf`);
  if (!existsSync(file) || !statSync(file).isFile()) {
    problems.push(`${rel(file)} does not exist (lit-localize extract should have written it).`);
    continue;
  }
  const xlf = readFileSync(file, 'utf8');
  const untranslated = [];
  for (const unit of xlf.matchAll(/<trans-unit\b[^>]*\bid="([^"]*)"[^>]*>([\s\S]*?)<\/trans-unit>/g)) {
    const [, id, body] = unit;
    const target = /<target\b[^>]*?(\/>|>([\s\S]*?)<\/target>)/.exec(body);
    if (!target) untranslated.push(`${id}  (no <target>)`);
    else if (target[1] === '/>' || !target[2]?.trim()) untranslated.push(`${id}  (empty <target>)`);
  }
  if (untranslated.length) {
    problems.push(
      `${untranslated.length} untranslated message(s) in ${rel(file)} (add a <target> to each):\n` +
        untranslated.map((s) => `  ${s}`).join('\n'),
    );
  }
}

if (problems.length) {
  console.error(`\ni18n check FAILED:\n\n${problems.join('\n\n')}\n`);
  process.exit(1);
}
console.log(`i18n check passed: ${sources.length} source files scanned, translations for ${TARGET_LOCALES.join(', ')} complete and current.`);
