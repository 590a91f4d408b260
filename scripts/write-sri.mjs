// R70: the Subresource Integrity hash (sha384) of every file a page loads from the CDN,
// i.e. the .js/.mjs/.css files at the top of dist/ (not dist/lib/, which is for npm users),
// written to dist/sri.json as { "<file>": "sha384-<base64>" }. Run at the end of
// `npm run build` and `npm run build:bundle`; the hashes change with every build.
//
//   node scripts/write-sri.mjs [dir]           writes <dir>/sri.json (dir defaults to dist)
//   node scripts/write-sri.mjs [dir] --check   exits 1 unless <dir>/sri.json matches the files
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const MANIFEST = 'sri.json';

/** The integrity attribute's value for these bytes. */
export function sriOf(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

/** Every CDN file at the top of `dir`, by name, with its hash (names sorted). */
export function computeManifest(dir) {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(js|mjs|css)$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  return Object.fromEntries(names.map((name) => [name, sriOf(readFileSync(join(dir, name)))]));
}

function main(argv) {
  const check = argv.includes('--check');
  const dir = resolve(argv.find((arg) => !arg.startsWith('--')) ?? 'dist');
  if (!existsSync(dir)) throw new Error(`${dir} does not exist: build first (npm run build:bundle).`);
  const manifest = computeManifest(dir);
  if (Object.keys(manifest).length === 0) throw new Error(`${dir} holds no .js, .mjs or .css file to hash.`);
  const file = join(dir, MANIFEST);
  if (!check) {
    writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`Wrote ${file}: ${Object.keys(manifest).join(', ')}`);
    return 0;
  }
  if (!existsSync(file)) {
    console.error(`${file} is missing: run node scripts/write-sri.mjs.`);
    return 1;
  }
  const recorded = JSON.parse(readFileSync(file, 'utf8'));
  const problems = [];
  for (const [name, hash] of Object.entries(manifest)) {
    if (!(name in recorded)) problems.push(`${name}: not in ${MANIFEST}`);
    else if (recorded[name] !== hash) problems.push(`${name}: ${MANIFEST} says ${recorded[name]}, the file is ${hash}`);
  }
  for (const name of Object.keys(recorded)) if (!(name in manifest)) problems.push(`${name}: in ${MANIFEST} but not in ${dir}`);
  for (const problem of problems) console.error(problem);
  if (problems.length === 0) console.log(`${file} matches ${Object.keys(manifest).length} files.`);
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
