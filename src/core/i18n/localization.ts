import { configureLocalization, type LocaleModule } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.js';

export type PortalLocale = (typeof allLocales)[number];
type TargetLocale = (typeof targetLocales)[number];

// One literal import() per locale: each becomes its own lazy chunk in Vite, and the
// specifier stays resolvable by the test runner's esbuild plugin.
const loaders = {
  es: () => import('./generated/locales/es.js'),
} satisfies Record<TargetLocale, () => Promise<LocaleModule>>;

// The library's only configureLocalization call: @lit/localize allows one per module copy.
export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => loaders[locale as TargetLocale](),
});

/** `es-MX` → `es`; anything we don't speak → English. */
export function resolveLocale(tag: string | null | undefined): PortalLocale {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (allLocales as readonly string[]).includes(base) ? (base as PortalLocale) : sourceLocale;
}

let pinned = false;
let observer: MutationObserver | undefined;

/**
 * Show every widget in this language from now on, and stop following `<html lang>`.
 * Per-element languages are not supported: @lit/localize has one locale per page.
 */
export function setPortalLocale(tag: string): Promise<void> {
  pinned = true;
  observer?.disconnect();
  observer = undefined;
  return applyLocale(tag);
}

/**
 * Follow `<html lang>` and its changes (the default; started when the first widget connects).
 * A host that calls setPortalLocale() takes over instead.
 */
export function followDocumentLanguage(): void {
  if (pinned || observer || typeof document === 'undefined') return;
  const root = document.documentElement;
  observer = new MutationObserver(() => void applyLocale(root.lang));
  observer.observe(root, { attributes: true, attributeFilter: ['lang'] });
  void applyLocale(root.lang);
}

let loading: Promise<void> | undefined;

function applyLocale(tag: string): Promise<void> {
  const next = resolveLocale(tag);
  if (next === getLocale()) return Promise.resolve();
  const load = setLocale(next);
  const settled = load.catch(() => undefined).finally(() => {
    if (loading === settled) loading = undefined;
  });
  loading = settled;
  return load;
}

/** How long a widget's first render waits for its language's messages before showing English. */
const FIRST_RENDER_WAIT_MS = 3000;

/**
 * While a language's messages are loading (a file beside the bundle), a promise that settles
 * when they arrive, fail, or after a few seconds; otherwise undefined, so English pages render
 * at once.
 */
export function localeLoading(): Promise<void> | undefined {
  if (!loading) return undefined;
  return Promise.race([loading, new Promise<void>((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))]);
}
