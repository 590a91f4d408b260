// R70: the build records the Subresource Integrity hash of every CDN file in dist/sri.json,
// and the record matches the files' real sha384 hashes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from './test-db.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(REPO, 'scripts/write-sri.mjs');

/** sha384, base64: computed here independently of the script. */
const sha384 = (bytes: Buffer | string) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

function sri(...args: string[]) {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: REPO, encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, out: run.stdout + run.stderr };
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'sri.json'), 'utf8')) as Record<string, string>;

describe('Subresource Integrity manifest (R70)', () => {
  test('scripts/write-sri.mjs hashes every top-level .js/.css file and --check catches any change', () => {
    const dir = tempDir('portal-sri-');
    try {
      const files: Record<string, string> = {
        'portal-widgets.js': "alert('Hello, world.');",
        'portal-widgets-es.js': 'export const templates = {};\n',
        'theme.css': ':root { --portal-accent: #0a6; }\n',
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir.path, name), text);
      writeFileSync(join(dir.path, 'notes.txt'), 'not served');
      mkdirSync(join(dir.path, 'lib'));
      writeFileSync(join(dir.path, 'lib', 'index.js'), 'export {};'); // npm files, not CDN files

      assert.equal(sri(dir.path).code, 0);
      const manifest = manifestOf(dir.path);
      assert.deepEqual(Object.keys(manifest).sort(), Object.keys(files).sort());
      for (const [name, text] of Object.entries(files)) assert.equal(manifest[name], sha384(text), name);
      // The example from MDN's SRI page (openssl dgst -sha384 -binary | openssl base64 -A).
      assert.equal(manifest['portal-widgets.js'], 'sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO');

      assert.equal(sri(dir.path, '--check').code, 0);
      writeFileSync(join(dir.path, 'portal-widgets.js'), "alert('Hello, world!');");
      const changed = sri(dir.path, '--check');
      assert.equal(changed.code, 1);
      assert.match(changed.out, /portal-widgets\.js: sri\.json says sha384-H8BRh8/);
      assert.equal(sri(dir.path).code, 0);
      writeFileSync(join(dir.path, 'portal-widgets-tus.js'), 'export default 1;');
      const added = sri(dir.path, '--check');
      assert.equal(added.code, 1);
      assert.match(added.out, /portal-widgets-tus\.js: not in sri\.json/);
    } finally {
      dir.cleanup();
    }
  });

  test('npm run build:bundle writes dist/sri.json matching the real hash of every CDN file; npm run build writes it last', { timeout: 180_000 }, () => {
    const build = spawnSync('npm', ['run', 'build:bundle'], { cwd: REPO, encoding: 'utf8', timeout: 170_000 });
    assert.equal(build.status, 0, build.stdout + build.stderr);
    const dist = join(REPO, 'dist');
    const cdnFiles = readdirSync(dist, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
      .map((entry) => entry.name)
      .sort();
    for (const name of ['portal-widgets.js', 'portal-widgets-tus.js', 'portal-widgets-purify.js', 'portal-widgets-es.js']) {
      assert.ok(cdnFiles.includes(name), `${name} built`);
    }
    const manifest = manifestOf(dist);
    assert.deepEqual(Object.keys(manifest).sort(), cdnFiles);
    for (const name of cdnFiles) assert.equal(manifest[name], sha384(readFileSync(join(dist, name))), name);

    const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    assert.match(scripts.build, /&& node scripts\/write-sri\.mjs$/);
    assert.match(scripts['build:bundle'], /&& node scripts\/write-sri\.mjs$/);
  });
});
