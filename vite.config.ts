import { resolve } from 'node:path';
import { build, defineConfig, type Plugin } from 'vite';
import { minifyHTMLLiterals } from 'minify-literals';

const TUS_CHUNK = 'portal-widgets-tus.js';
const PURIFY_CHUNK = 'portal-widgets-purify.js';
const SPANISH_CHUNK = 'portal-widgets-es.js';
const SPANISH_MODULE = /generated\/locales\/es(\.js|\.ts)?$/;
const CONSOLE_FILE = 'console.js';
const CONSOLE_SPANISH_CHUNK = 'console-es.js';

/**
 * Builds a module as dist/<fileName>, once the bundle is written: tus-js-client
 * (dist/portal-widgets-tus.js), DOMPurify (dist/portal-widgets-purify.js) and the Spanish
 * messages (dist/portal-widgets-es.js).
 */
function sideChunk(entry: string, fileName: string, alias: Record<string, string> = {}, plugins: Plugin[] = []): Plugin {
  return {
    name: `portal-side-chunk:${fileName}`,
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        plugins,
        resolve: { alias },
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          lib: { entry, formats: ['es'], fileName: () => fileName },
          rolldownOptions: { output: { minify: true } },
        },
      });
    },
  };
}

/**
 * Leaves the office console's messages (ids `console-…`, one line each in the generated
 * module) out of the widgets' Spanish chunk: the console has a Spanish chunk of its own.
 */
function withoutConsoleMessages(): Plugin {
  return {
    name: 'portal-without-console-messages',
    enforce: 'pre',
    transform(code, id) {
      if (!SPANISH_MODULE.test(id.split('?')[0].replace(/\.ts$/, ''))) return null;
      return { code: code.replace(/^'console-[^']*': .*,\n/gm, ''), map: null };
    },
  };
}

/**
 * Builds the office console (src/console/console.ts) as dist/console.js once the bundle is
 * written: its own file, so the widgets' bundle carries none of it. Its Spanish messages are
 * dist/console-es.js (the whole catalogue: the console also shows the widgets' error texts and
 * form labels), loaded only when the console is in Spanish.
 */
function consoleChunk(): Plugin {
  return {
    name: 'portal-console-chunk',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        plugins: [minifyTemplates()],
        build: {
          outDir: 'dist',
          emptyOutDir: false,
          target: 'es2022',
          lib: { entry: 'src/console/console.ts', formats: ['es'], fileName: () => CONSOLE_FILE },
          rolldownOptions: {
            external: [SPANISH_MODULE],
            output: { codeSplitting: false, minify: true, paths: (id: string) => (SPANISH_MODULE.test(id) ? `./${CONSOLE_SPANISH_CHUNK}` : id) },
          },
        },
      });
    },
  };
}

// `vite build`               -> dist/lib: one ES module per source module for npm users
//                               (entries: the API, the define file, and ./testing);
//                               lit and @lit/task stay bare imports. @lit/localize is bundled
//                               in, so a host that configures its own copy cannot collide.
// `vite build --mode bundle` -> dist/portal-widgets.js: one self-registering file with
//                               everything inlined, for a single <script type="module">,
//                               plus dist/portal-widgets-tus.js, loaded only by uploads, and
//                               dist/portal-widgets-purify.js, loaded only to show clinician HTML,
//                               and dist/portal-widgets-es.js, the Spanish messages.
/**
 * Minifies the whitespace and comments inside Lit's html`` and css`` templates, which the JS
 * minifier leaves as they are (template strings are data to it).
 */
function minifyTemplates(): Plugin {
  return {
    name: 'portal-minify-templates',
    apply: 'build',
    async transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || id.includes('/generated/')) return null;
      const result = await minifyHTMLLiterals(code, { fileName: id });
      return result ? { code: result.code, map: result.map?.toString() } : null;
    },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'bundle') {
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        lib: { entry: 'src/define.ts', formats: ['es'], fileName: () => 'portal-widgets.js' },
        // One file for what every page needs. What only some pages need is a file beside the
        // bundle (sideChunk), imported relative to the bundle's own URL, so a CDN serves it from
        // the same folder: the tus client (16 kB gzip, once an upload starts), DOMPurify (12.5 kB
        // gzip, once <document-signer> shows clinician HTML) and the Spanish messages (6.5 kB
        // gzip, once a page is in Spanish; widgets wait for them before their first render).
        rolldownOptions: {
          external: ['tus-js-client', 'dompurify', SPANISH_MODULE],
          output: {
            codeSplitting: false,
            minify: true,
            paths: (id: string) =>
              id === 'tus-js-client'
                ? `./${TUS_CHUNK}`
                : id === 'dompurify'
                  ? `./${PURIFY_CHUNK}`
                  : SPANISH_MODULE.test(id)
                    ? `./${SPANISH_CHUNK}`
                    : id,
          },
        },
      },
      plugins: [
        minifyTemplates(),
        sideChunk('node_modules/tus-js-client/lib.esm/browser/index.js', TUS_CHUNK),
        sideChunk('node_modules/dompurify/dist/purify.es.mjs', PURIFY_CHUNK),
        // The messages need only @lit/localize's `str` tag (a plain object the runtime checks
        // by shape), not a second copy of the runtime.
        sideChunk(
          'src/core/i18n/generated/locales/es.ts',
          SPANISH_CHUNK,
          { '@lit/localize': resolve('node_modules/@lit/localize/internal/str-tag.js') },
          [withoutConsoleMessages()],
        ),
        consoleChunk(),
        sideChunk('src/core/i18n/generated/locales/es.ts', CONSOLE_SPANISH_CHUNK, {
          '@lit/localize': resolve('node_modules/@lit/localize/internal/str-tag.js'),
        }),
      ],
    };
  }
  return {
    build: {
      outDir: 'dist/lib',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      lib: { entry: ['src/index.ts', 'src/define.ts', 'src/testing.ts'], formats: ['es'] },
      rolldownOptions: {
        external: [/^lit(\/|$)/, /^@lit\/task/, /^tus-js-client(\/|$)/, /^dompurify(\/|$)/],
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js', minify: true },
      },
    },
    plugins: [minifyTemplates()],
  };
});
