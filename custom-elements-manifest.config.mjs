// The manifest feeds Storybook's args tables, the README's API reference and editors.
export default {
  globs: ['src/elements/**/*.ts', 'src/core/base/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/**/*.define.ts', 'src/core/i18n/generated/**'],
  litelement: true,
  outdir: '.',
};
