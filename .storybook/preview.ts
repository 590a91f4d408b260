/// <reference types="vite/client" />
import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { setPortalLocale } from '../src/core/i18n/localization.js';
import type { TOKEN_NAMES } from '../src/core/styles/tokens.styles.js';

// ---------------------------------------------------------------------------------------------
// Args tables from custom-elements.json (written by `cem analyze`, which the storybook scripts run
// first). Loaded through import.meta.glob so that a missing manifest only empties the tables
// instead of failing tsc, eslint or the build.
// ---------------------------------------------------------------------------------------------
interface CemMember {
  name?: string;
  kind?: string;
  privacy?: 'public' | 'protected' | 'private';
  static?: boolean;
}
interface CemDeclaration {
  kind?: string;
  name?: string;
  tagName?: string;
  customElement?: boolean;
  members?: CemMember[];
  [key: string]: unknown;
}
interface CemModule {
  path?: string;
  declarations?: CemDeclaration[];
  [key: string]: unknown;
}
interface CemManifest {
  modules?: CemModule[];
  [key: string]: unknown;
}

/** Only the public API goes into the args tables: no private/protected, `#private`, `_internal` or static members. */
function isPublicMember(member: CemMember): boolean {
  const name = member.name ?? '';
  return (member.privacy ?? 'public') === 'public' && !member.static && !name.startsWith('#') && !name.startsWith('_');
}

/**
 * Storybook finds an element's entry by `tagName`. The analyzer only sets it when it sees the
 * `customElements.define()` call or a `@tagname` JSDoc tag; with registration in `*.define.ts` (which
 * the manifest config excludes) it sees neither. Fall back to the naming rule
 * `src/elements/<tag>/<tag>.ts` exports class PascalCase(<tag>) (house style 4.2).
 */
function tagFromPath(module: CemModule, declaration: CemDeclaration): string | undefined {
  const tag = /^\/?src\/elements\/([a-z][a-z0-9]*-[a-z0-9-]+)\/\1\.ts$/.exec(module.path ?? '')?.[1];
  const className = tag?.replace(/(^|-)([a-z0-9])/g, (_m, _dash, chr: string) => chr.toUpperCase());
  return declaration.kind === 'class' && declaration.name === className ? tag : undefined;
}

function publicManifest(manifest: CemManifest): CemManifest {
  return {
    ...manifest,
    modules: (manifest.modules ?? []).map((module) => ({
      ...module,
      declarations: (module.declarations ?? []).map((declaration) => {
        const tagName = declaration.tagName ?? tagFromPath(module, declaration);
        return {
          ...declaration,
          ...(tagName ? { tagName, customElement: true } : {}),
          ...(declaration.members ? { members: declaration.members.filter(isPublicMember) } : {}),
        };
      }),
    })),
  };
}

const manifests = import.meta.glob<CemManifest>('../custom-elements.json', { eager: true, import: 'default' });
const manifest = Object.values(manifests)[0];
if (manifest) setCustomElementsManifest(publicManifest(manifest));

// ---------------------------------------------------------------------------------------------
// Themes: the `--portal-*` tokens set inline on a wrapper, with a matching page background.
// Every pair a widget draws was checked for WCAG AA (text 4.5:1, borders and focus ring 3:1)
// against both surface colours.
// ---------------------------------------------------------------------------------------------
// Typed from the library's own list, so a new token fails tsc here until every theme sets it.
type Theme = Record<(typeof TOKEN_NAMES)[number], string>;

const SYSTEM_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const THEMES = {
  // The library's built-in fallbacks (src/core/styles/tokens.styles.ts), with a system font stack.
  default: {
    '--portal-color-primary': '#1d5f8a', // 6.9:1 with white text
    '--portal-color-on-primary': '#ffffff',
    '--portal-color-text': '#1f2933', // 14.8:1 on surface
    '--portal-color-text-muted': '#52606d', // 6.5:1
    '--portal-color-surface': '#ffffff',
    '--portal-color-surface-raised': '#f5f7fa',
    '--portal-color-border': '#7b8794', // 3.7:1 (3.4:1 on raised)
    '--portal-color-danger': '#b42318', // 6.6:1
    '--portal-color-success': '#1e7a46', // 5.4:1 (5.0:1 on raised)
    '--portal-color-focus': '#1d5f8a', // 6.9:1
    '--portal-radius': '0.5rem',
    '--portal-font-family': SYSTEM_FONT,
    '--portal-font-size': '1rem',
    '--portal-space': '1rem',
  },
  // A practice with a dark, teal brand.
  dark: {
    '--portal-color-primary': '#8fd3c8', // 10.0:1 with its on-primary, 10.4:1 as text on surface
    '--portal-color-on-primary': '#0b1f1c',
    '--portal-color-text': '#f1f4f8', // 16.1:1
    '--portal-color-text-muted': '#b8c2cf', // 9.8:1
    '--portal-color-surface': '#121826',
    '--portal-color-surface-raised': '#1e2636',
    '--portal-color-border': '#7b879a', // 4.9:1 (4.2:1 on raised)
    '--portal-color-danger': '#ff9b8f', // 8.7:1
    '--portal-color-success': '#7ee2a8', // 11.3:1
    '--portal-color-focus': '#ffd166', // 12.3:1
    '--portal-radius': '1rem',
    '--portal-font-family': '"Trebuchet MS", "Segoe UI", system-ui, sans-serif',
    '--portal-font-size': '1.0625rem',
    '--portal-space': '1.125rem',
  },
  // Black and yellow, AAA (7:1) everywhere, square corners, larger type.
  contrast: {
    '--portal-color-primary': '#ffff00', // 19.6:1 with black
    '--portal-color-on-primary': '#000000',
    '--portal-color-text': '#ffffff', // 21:1
    '--portal-color-text-muted': '#e6e6e6', // 16.8:1
    '--portal-color-surface': '#000000',
    '--portal-color-surface-raised': '#121212',
    '--portal-color-border': '#ffffff',
    '--portal-color-danger': '#ff8c8c', // 9.4:1
    '--portal-color-success': '#5cff9d', // 16.3:1
    '--portal-color-focus': '#00e5ff', // 13.7:1
    '--portal-radius': '0',
    '--portal-font-family': SYSTEM_FONT,
    '--portal-font-size': '1.125rem',
    '--portal-space': '1.25rem',
  },
} satisfies Record<string, Theme>;
type ThemeName = keyof typeof THEMES;

const isThemeName = (value: unknown): value is ThemeName => typeof value === 'string' && value in THEMES;

/** Waits for the toolbar's language before the story renders (decorators cannot await; loaders can). */
const withLocale = async ({ globals }: { globals: Record<string, unknown> }): Promise<void> => {
  await setPortalLocale(typeof globals.locale === 'string' ? globals.locale : 'en');
};

/** Wraps every story in the theme's tokens, the toolbar's direction and the page language. */
const withThemeAndDirection: Decorator = (story, { globals, viewMode }) => {
  const theme = THEMES[isThemeName(globals.theme) ? globals.theme : 'default'];
  const style = {
    ...theme,
    background: theme['--portal-color-surface'],
    color: theme['--portal-color-text'],
    'font-family': theme['--portal-font-family'],
    padding: '1rem',
    // On a story's own page the wrapper fills the canvas; in docs it stays the story's height.
    'min-block-size': viewMode === 'story' ? '100vh' : undefined,
    'box-sizing': 'border-box',
  };
  const dir = globals.dir === 'rtl' ? 'rtl' : 'ltr';
  const lang = typeof globals.locale === 'string' ? globals.locale : 'en';
  return html`<div class="portal-story" dir=${dir} lang=${lang} style=${styleMap(style)}>${story()}</div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Widget language (setPortalLocale)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English', right: 'en' },
          { value: 'es', title: 'Español', right: 'es' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Token theme (--portal-* custom properties)',
      toolbar: {
        title: 'Theme',
        icon: 'paintbrush',
        items: [
          { value: 'default', title: 'Default' },
          { value: 'dark', title: 'Dark brand' },
          { value: 'contrast', title: 'High contrast' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction of the story wrapper',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'ltr', title: 'Left to right', right: 'ltr' },
          { value: 'rtl', title: 'Right to left', right: 'rtl' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'default', dir: 'ltr' },
  loaders: [withLocale],
  decorators: [withThemeAndDirection],
  parameters: {
    // The theme decorator paints the background; the wrapper provides the padding.
    layout: 'fullscreen',
    backgrounds: { disable: true },
    viewport: {
      options: {
        phone: { name: 'Phone (375 × 667)', styles: { width: '375px', height: '667px' }, type: 'mobile' },
        tablet: { name: 'Tablet (768 × 1024)', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
        desktop: { name: 'Desktop (1280 × 800)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
      },
    },
    controls: { expanded: true, matchers: { color: /(background|color)$/i } },
    a11y: { test: 'error' },
  },
};

export default preview;
