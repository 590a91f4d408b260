import { LANGUAGES, type Language } from '../src/contract/index.js';

/** A language the portal speaks: the account's own, else the one asked for, else English. */
export function portalLanguage(...candidates: (string | undefined)[]): Language {
  for (const candidate of candidates) {
    if (candidate && (LANGUAGES as readonly string[]).includes(candidate)) return candidate as Language;
  }
  return 'en';
}
