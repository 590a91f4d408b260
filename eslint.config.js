// ESLint 9 flat config for the portal widgets (house style 4.1, 4.9; security rules R1, R65, R67).
//
// Scope: src/, test/, stories/, server/, scripts/, plus .storybook/, demo/ and the root config files.
// TypeScript files get typescript-eslint's type-checked rules through the project service
// (one program for tsconfig.json, so it stays affordable on two cores); JS/MJS files are linted
// without type information.
//
// Note on flat config: when several config objects set the same rule for a file, the LAST one wins
// and its options REPLACE the earlier ones (they are not merged). The import/syntax/property
// restrictions below are therefore built from shared pieces, and every object that overrides one
// of those rules repeats the pieces that still apply to its files.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

const root = import.meta.dirname;

const CODE = '**/*.{ts,js,mjs,cjs}';
const under = (dir) => `${dir}/${CODE}`;
const DIRS = ['src', 'test', 'stories', 'server', 'scripts', '.storybook', 'demo'];
const LINTED = [...DIRS.map(under), '*.{ts,js,mjs,cjs}'];
const TS = [...DIRS.map((d) => `${d}/**/*.ts`), '*.ts'];
const JS = [...DIRS.map((d) => `${d}/**/*.{js,mjs,cjs}`), '*.{js,mjs,cjs}'];

/** Element folders present right now (src/elements/<tag>/); re-read on every lint run. */
const elementDirs = (() => {
  try {
    return readdirSync(join(root, 'src/elements'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
})();

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------------------------------------
// no-restricted-imports pieces
// ---------------------------------------------------------------------------------------------
const UNSAFE_HTML = {
  regex: '^(lit|lit-html)/directives/unsafe-(html|svg)(\\.js)?$',
  message:
    'R65: unsafeHTML/unsafeSVG are banned. Render text through lit bindings; clinician HTML goes through src/core/sanitized-html/ only.',
};
const CORE_NO_ELEMENTS = {
  regex: '^(\\.\\./)+(.*/)?elements(/|$)',
  message: 'House style 4.1: src/core/** must not import from src/elements/** (core stays usable headless).',
};
/** From a file `depth` folders below src/core/, `../` × (depth + 1) reaches src/: its barrels list the elements. */
const coreNoSrcBarrels = (depth) => ({
  regex: `^(\\.\\./){${depth + 1}}(index|define)(\\.js)?$`,
  message: 'House style 4.1: src/core/** must not import src/index.ts or src/define.ts (they pull in the elements).',
});
const API_NO_LIT = {
  regex: '^(lit|lit-html|lit-element)(/|$)|^@lit(-labs)?/',
  message: 'House style 4.1: src/core/api/** must not import lit or @lit/* (PortalClient must work without a DOM framework).',
};
const ELEMENTS_NO_BARREL = {
  regex: '^(\\.\\./){2,}(elements/|index(\\.js)?$|define(\\.js)?$)',
  message:
    "House style 4.1: an element must not import another element's folder or the package barrels (src/index.ts, src/define.ts). Move shared code to src/core/.",
};
const otherElements = (self) => {
  const others = elementDirs.filter((name) => name !== self);
  return others.length === 0
    ? []
    : [
        {
          regex: `^(\\.\\./)+(elements/)?(${others.map(escapeRe).join('|')})(/|$)`,
          message: `House style 4.1: src/elements/${self}/ must not import another element's folder. Move shared code to src/core/.`,
        },
      ];
};
const SERVER_ONLY_CONTRACT = {
  regex: '^(\\.\\./)+src(/?$|/(?!contract(/|$)))',
  message: 'server/** may import nothing from src/ except src/contract/ (the protocol schemas).',
};
const restrictImports = (...patterns) => ['error', { patterns }];
/**
 * The widgets import the contract's types only, so no schema code ships (ARCHITECTURE.md):
 * `import type` from src/contract/**, values from the TypeBox-free constants module only.
 * The TypeScript rule (a separate rule name, so it does not replace the patterns above) can
 * tell a type-only import from a value import.
 */
const BROWSER_CONTRACT_TYPES_ONLY = {
  regex: '^(\\.\\./)+contract(/(?!constants(\\.js)?$)|$)',
  allowTypeImports: true,
  message:
    'Browser code imports the contract with `import type` only (no schema code ships). Values the widgets need at run time live in src/contract/constants.ts.',
};

const CORE_DEPTHS = [0, 1, 2, 3, 4, 5, 6];
/** Glob for the code files exactly `depth` folders below `dir`. */
const coreFilesAt = (dir, depth) => `${dir}/${'*/'.repeat(depth)}*.{ts,js,mjs,cjs}`;

// ---------------------------------------------------------------------------------------------
// no-restricted-syntax / no-restricted-properties pieces
// ---------------------------------------------------------------------------------------------
const FETCH_CALLS = [
  {
    selector: "CallExpression[callee.type='Identifier'][callee.name='fetch']",
    message: 'Only src/core/api/transport.ts calls fetch(). Go through PortalClient / Transport (house style 4.5).',
  },
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.object.name=/^(window|globalThis|self)$/][callee.property.name='fetch']",
    message: 'Only src/core/api/transport.ts calls fetch(). Go through PortalClient / Transport (house style 4.5).',
  },
];
const CORE_NO_DYNAMIC_ELEMENT_IMPORT = {
  selector: "ImportExpression[source.value=/^(\\.\\.\\/)+(.*\\/)?elements(\\/|$)/]",
  message: 'House style 4.1: src/core/** must not import from src/elements/** (not even lazily).',
};
const R67 = 'R67: no HTML string sinks in src/. Build DOM with lit templates (or document.createElement + textContent).';
const HTML_SINKS = [
  { property: 'innerHTML', message: R67 },
  { property: 'outerHTML', message: R67 },
  { property: 'insertAdjacentHTML', message: R67 },
  { property: 'setHTMLUnsafe', message: R67 },
  { property: 'createContextualFragment', message: R67 },
  { object: 'document', property: 'write', message: R67 },
  { object: 'document', property: 'writeln', message: R67 },
];

// Node-only globals that must not leak into browser code (types: ["node"] in tsconfig lets tsc accept them).
const NODE_ONLY_GLOBALS = ['process', 'Buffer', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate'].map(
  (name) => ({ name, message: 'src/ runs in the browser: no Node globals.' }),
);

// ---------------------------------------------------------------------------------------------
// File groups
// ---------------------------------------------------------------------------------------------
// test/e2e gets both: its page.evaluate() callbacks run in the browser.
const BROWSER_FILES = ['src/**', 'stories/**', 'test/core/**', 'test/elements/**', 'test/support/**', 'test/e2e/**', '.storybook/preview.ts', 'demo/**'];
const NODE_FILES = ['server/**', 'scripts/**', 'test/server/**', 'test/e2e/**', '.storybook/main.ts', '*.{js,mjs,cjs,ts}'];

export default defineConfig(
  {
    name: 'portal/ignores',
    ignores: [
      'dist/**',
      'storybook-static/**',
      '**/node_modules/**',
      'coverage/**',
      'src/core/i18n/generated/**',
      'custom-elements.json',
      '.data/**',
      '.tmp/**',
    ],
  },
  { name: 'portal/linter-options', linterOptions: { reportUnusedDisableDirectives: 'error' } },

  // --- base rule sets ---------------------------------------------------------------------
  { ...js.configs.recommended, name: 'eslint/recommended', files: LINTED },
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: TS })),
  {
    name: 'portal/typescript',
    files: TS,
    languageOptions: {
      parserOptions: {
        projectService: {
          // demo/ is served by vite and is not in tsconfig.json's "include".
          allowDefaultProject: ['demo/*.ts'],
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir: root,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // `import { type A } from 'x'` still loads 'x' under verbatimModuleSyntax; write `import type { A }`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      // Rejecting with `signal.reason` (typed any) is the AbortSignal idiom; literals and plain objects still fail.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingAny: true, allowThrowingUnknown: true }],
      // node:test's test()/describe() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      // Lit binds event listeners in templates to the host (`@click=${this.onClick}`), which this rule
      // cannot see; it would flag every event binding.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  { ...tseslint.configs.disableTypeChecked, name: 'portal/js-untyped', files: JS },

  // --- Lit, web components, accessibility of templates ---------------------------------------
  { ...lit.configs['flat/recommended'], name: 'lit/recommended', files: LINTED },
  { ...wc.configs['flat/best-practice'], name: 'wc/best-practice', files: LINTED },
  { name: 'lit-a11y/recommended', files: LINTED, plugins: { 'lit-a11y': litA11y }, rules: litA11y.configs.recommended.rules },
  {
    name: 'portal/lit',
    files: LINTED,
    settings: {
      lit: { elementBaseClasses: ['PortalElement'] },
      wc: { elementBaseClasses: ['PortalElement'] },
    },
    rules: {
      // LitElement implements every lifecycle callback, so guarding `super.connectedCallback()` is noise;
      // lit/lifecycle-super checks the opposite mistake (forgetting to call super).
      'wc/guard-super-call': 'off',
      'lit/lifecycle-super': 'error',
      'lit/no-legacy-imports': 'error',
      'lit/no-native-attributes': 'error',
      'lit/no-template-bind': 'error',
      'lit/no-this-assign-in-render': 'error',
      'lit/no-invalid-escape-sequences': 'error',
      'lit/no-value-attribute': 'error',
    },
  },
  {
    name: 'portal/lit-src',
    files: [under('src')],
    rules: {
      // House style 4.2: camelCase properties map to explicit kebab-case attributes.
      'lit/attribute-names': ['error', { convention: 'kebab' }],
    },
  },

  // --- environments --------------------------------------------------------------------------
  { name: 'portal/browser-globals', files: BROWSER_FILES, languageOptions: { globals: { ...globals.browser } } },
  { name: 'portal/node-globals', files: NODE_FILES, languageOptions: { globals: { ...globals.node } } },
  { name: 'portal/mocha-globals', files: ['test/core/**', 'test/elements/**', 'test/support/**'], languageOptions: { globals: { ...globals.mocha } } },
  {
    name: 'portal/tests',
    files: ['test/**'],
    rules: {
      // chai: `expect(x).to.be.true`
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-unused-expressions': 'off',
      // Response bodies (`res.json()`, light-my-request's inject) are `any` by design; the assertions
      // check them at run time. Shipped code (src/, server/) keeps these rules.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // @open-wc/semantic-dom-diff types every chai `.equal()` as Promise<Assertion>, so this rule would flag
    // each `expect(a).to.equal(b)`. (Remember to await `.dom.equal()`, `.to.be.accessible()`, fixture().)
    name: 'portal/wtr-tests',
    files: ['test/core/**/*.ts', 'test/elements/**/*.ts', 'test/support/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },

  // --- house rules: imports (a) ---------------------------------------------------------------
  { name: 'portal/imports-all', files: LINTED, rules: { 'no-restricted-imports': restrictImports(UNSAFE_HTML) } },
  // src/core/ by folder depth (so `../index.js` can mean src/index.ts, but not src/core/index.ts).
  ...CORE_DEPTHS.map((depth) => ({
    name: `portal/imports-core-depth-${depth}`,
    files: [coreFilesAt('src/core', depth)],
    rules: { 'no-restricted-imports': restrictImports(UNSAFE_HTML, CORE_NO_ELEMENTS, coreNoSrcBarrels(depth)) },
  })),
  ...CORE_DEPTHS.filter((d) => d >= 1).map((depth) => ({
    name: `portal/imports-core-api-depth-${depth}`,
    files: [coreFilesAt('src/core/api', depth - 1)],
    rules: { 'no-restricted-imports': restrictImports(UNSAFE_HTML, CORE_NO_ELEMENTS, coreNoSrcBarrels(depth), API_NO_LIT) },
  })),
  // The one place allowed to use unsafeHTML, on sanitized input only (does not exist yet).
  ...CORE_DEPTHS.filter((d) => d >= 1).map((depth) => ({
    name: `portal/imports-sanitized-html-depth-${depth}`,
    files: [coreFilesAt('src/core/sanitized-html', depth - 1)],
    rules: { 'no-restricted-imports': restrictImports(CORE_NO_ELEMENTS, coreNoSrcBarrels(depth)) },
  })),
  { name: 'portal/imports-elements', files: [under('src/elements')], rules: { 'no-restricted-imports': restrictImports(UNSAFE_HTML, ELEMENTS_NO_BARREL) } },
  ...elementDirs.map((name) => ({
    name: `portal/imports-element-${name}`,
    files: [under(`src/elements/${name}`)],
    rules: { 'no-restricted-imports': restrictImports(UNSAFE_HTML, ELEMENTS_NO_BARREL, ...otherElements(name)) },
  })),
  { name: 'portal/imports-server', files: [under('server')], rules: { 'no-restricted-imports': restrictImports(UNSAFE_HTML, SERVER_ONLY_CONTRACT) } },
  {
    name: 'portal/browser-contract-types-only',
    // TypeScript files only: the rule comes with the typescript-eslint plugin.
    files: ['src/core/**/*.ts', 'src/elements/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [BROWSER_CONTRACT_TYPES_ONLY] }] },
  },

  // --- house rules: DOM sinks, fetch, randomness (b) ----------------------------------------
  {
    name: 'portal/src-browser-safety',
    files: [under('src')],
    rules: {
      'no-restricted-properties': ['error', ...HTML_SINKS],
      'no-restricted-syntax': ['error', ...FETCH_CALLS],
      'no-restricted-globals': ['error', ...NODE_ONLY_GLOBALS],
    },
  },
  {
    name: 'portal/src-core-syntax',
    files: [under('src/core')],
    rules: { 'no-restricted-syntax': ['error', ...FETCH_CALLS, CORE_NO_DYNAMIC_ELEMENT_IMPORT] },
  },
  {
    // The transport is the only module that touches fetch (house style 4.5).
    name: 'portal/src-transport',
    files: ['src/core/api/transport.ts'],
    rules: { 'no-restricted-syntax': ['error', CORE_NO_DYNAMIC_ELEMENT_IMPORT] },
  },
  {
    // Fastify plugins and route handlers are `async` to tell Fastify they are promise-based, with or
    // without an await inside; this rule would flag most of them.
    name: 'portal/fastify',
    files: [under('server'), under('test/server')],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    name: 'portal/server-randomness',
    files: [under('server')],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'R1: no Math.random in server code. Use node:crypto (randomUUID, randomBytes, randomInt).' },
      ],
    },
  },
);
