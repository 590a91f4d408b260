import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome } from './scripts/find-chrome.mjs';

const executablePath = findChrome();

export default {
  files: ['test/core/**/*.test.ts', 'test/elements/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        // Root needs --no-sandbox; the rest keeps Chromium off the (closed) network.
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-component-update', '--disable-background-networking'],
      },
    }),
  ],
  testFramework: { config: { timeout: 5000 } },
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: ['src/core/i18n/generated/**'],
    threshold: { statements: 80, branches: 70, functions: 80, lines: 80 },
  },
};
