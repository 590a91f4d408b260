import { build, defineConfig, type Plugin } from 'vite';

const TUS_CHUNK = 'portal-widgets-tus.js';
const PURIFY_CHUNK = 'portal-widgets-purify.js';

/**
 * Builds a package's browser module as dist/<fileName>, once the bundle is written: tus-js-client
 * (dist/portal-widgets-tus.js) and DOMPurify (dist/portal-widgets-purify.js).
 */
function sideChunk(entry: string, fileName: string): Plugin {
  return {
    name: `portal-side-chunk:${fileName}`,
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
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

// `vite build`               -> dist/lib: one ES module per source module for npm users;
//                               lit and @lit/task stay bare imports. @lit/localize is bundled
//                               in, so a host that configures its own copy cannot collide.
// `vite build --mode bundle` -> dist/portal-widgets.js: one self-registering file with
//                               everything inlined, for a single <script type="module">,
//                               plus dist/portal-widgets-tus.js, loaded only by uploads, and
//                               dist/portal-widgets-purify.js, loaded only to show clinician HTML.
export default defineConfig(({ mode }) => {
  if (mode === 'bundle') {
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        lib: { entry: 'src/define.ts', formats: ['es'], fileName: () => 'portal-widgets.js' },
        // One file: the Spanish messages are inlined rather than split into a chunk. The tus
        // client (16 kB gzip, needed only once an upload starts) is the exception: a file beside
        // the bundle (tusChunk), imported relative to the bundle's own URL, so a CDN serves it
        // from the same folder. DOMPurify (12.5 kB gzip, needed only by <document-signer> once
        // clinician HTML is shown) is the other.
        rolldownOptions: {
          external: ['tus-js-client', 'dompurify'],
          output: {
            codeSplitting: false,
            minify: true,
            paths: { 'tus-js-client': `./${TUS_CHUNK}`, dompurify: `./${PURIFY_CHUNK}` },
          },
        },
      },
      plugins: [
        sideChunk('node_modules/tus-js-client/lib.esm/browser/index.js', TUS_CHUNK),
        sideChunk('node_modules/dompurify/dist/purify.es.mjs', PURIFY_CHUNK),
      ],
    };
  }
  return {
    build: {
      outDir: 'dist/lib',
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      lib: { entry: ['src/index.ts', 'src/define.ts'], formats: ['es'] },
      rolldownOptions: {
        external: [/^lit(\/|$)/, /^@lit\/task/, /^tus-js-client(\/|$)/, /^dompurify(\/|$)/],
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js', minify: true },
      },
    },
  };
});
