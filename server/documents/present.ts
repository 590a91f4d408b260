import type { Language } from '../../src/contract/index.js';

/** An instant as the protocol writes it: ISO 8601 in UTC. */
export const iso = (ms: number) => new Date(ms).toISOString();

/** A stored language code as the protocol's Language (texts are only ever stored in en or es). */
export const asLanguage = (value: string): Language => (value === 'es' ? 'es' : 'en');
