// Sizes, dates, percentages and the upload rules in the active locale, through Intl: shared by
// every widget that lists or uploads files.
import { msg, str } from '@lit/localize';
import type { FileType } from '../../contract/index.js';
import type { UploadRules } from '../files/upload-rules.js';
import { getLocale } from './localization.js';

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * "1.5 MB" / "1,5 MB" through Intl. Steps of 1024, as the practice's limits are set (25 MB
 * means 25 × 1024 × 1024 bytes), so a limit reads as the round number it is.
 */
export function formatBytes(bytes: number): string {
  let unit = 0;
  while (bytes >= 1024 && unit < UNITS.length - 1) {
    bytes /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(getLocale(), {
    style: 'unit',
    unit: UNITS[unit],
    maximumFractionDigits: bytes < 10 && unit ? 1 : 0,
    // "458 bytes" rather than the short form's "458 byte".
    unitDisplay: unit ? 'short' : 'long',
  }).format(bytes);
}

export const formatPercent = (percent: number): string =>
  new Intl.NumberFormat(getLocale(), { style: 'percent' }).format(percent / 100);

export const formatDate = (iso: string): string =>
  new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** PDF, JPG… : the same in every language. */
export const typeLabel = (type: FileType): string => type.toUpperCase();

/** "You can share PDF up to 25 MB, JPG and PNG up to 15 MB and CSV up to 5 MB." */
export function rulesText(rules: UploadRules): string {
  const byLimit = new Map<number, string[]>();
  for (const type of rules.types) byLimit.set(type.maxBytes, [...(byLimit.get(type.maxBytes) ?? []), typeLabel(type.type)]);
  const list = (items: string[]) => new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(items);
  const groups = [...byLimit].map(([limit, labels]) => {
    const types = list(labels);
    const size = formatBytes(limit);
    return msg(str`${types} up to ${size}`, { id: 'uploader.type-limit' });
  });
  const allowed = list(groups);
  return msg(str`You can share ${allowed}.`, { id: 'uploader.rules' });
}
