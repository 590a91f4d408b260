import { defineConfig } from 'vite';

// `vite build`               -> dist/lib: one ES module per source module for npm users;
//                               lit and @lit/task stay bare imports. @lit/localize is bundled
//                               in, so a host that configures its own copy cannot collide.
// `vite build --mode bundle` -> dist/portal-widgets.js: one self-registering file with
//                               everything inlined, for a single <script type="module">.
export default defineConfig(({ mode }) => {
  if (mode === 'bundle') {
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'es2022',
        lib: { entry: 'src/define.ts', formats: ['es'], fileName: () => 'portal-widgets.js' },
        // One file: the Spanish messages are inlined rather than split into a chunk.
        rolldownOptions: { output: { codeSplitting: false, minify: true } },
      },
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
        external: [/^lit(\/|$)/, /^@lit\/task/],
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js', minify: true },
      },
    },
  };
});
