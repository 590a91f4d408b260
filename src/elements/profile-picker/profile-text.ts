import { msg, str } from '@lit/localize';
import type { Profile } from '../../contract/index.js';
import { getLocale } from '../../core/i18n/localization.js';

/** "You", "Minor" or "Couple": how the card names the kind of profile. */
export function kindLabel(profile: Profile): string {
  if (profile.kind === 'minor') return msg('Minor', { id: 'picker.kind.minor' });
  if (profile.kind === 'couple') return msg('Couple', { id: 'picker.kind.couple' });
  return msg('You', { id: 'picker.kind.self' });
}

/** What this sign-in may do for the profile, as one localized sentence. */
export function permissionsText(profile: Profile): string {
  const { book, sign, upload, view } = profile.permissions;
  const can = [
    book && msg('book appointments', { id: 'picker.can.book' }),
    sign && msg('sign documents', { id: 'picker.can.sign' }),
    upload && msg('upload files', { id: 'picker.can.upload' }),
    view && msg('view documents', { id: 'picker.can.view' }),
  ].filter((item): item is string => Boolean(item));
  if (!can.length) return msg('Nothing can be done online for this profile.', { id: 'picker.can.none' });
  const list = new Intl.ListFormat(getLocale(), { type: 'conjunction' }).format(can);
  return msg(str`You can ${list}.`, { id: 'picker.can' });
}

/** Two letters for the avatar: each partner's first initial for a couple, else first and last name's. */
export function initials(profile: Profile): string {
  const names =
    profile.kind === 'couple'
      ? profile.displayName.split('&').map((partner) => partner.trim())
      : [profile.displayName.trim().split(/\s+/)].flatMap((words) => [words[0], words.length > 1 ? words[words.length - 1] : '']);
  return names
    .map((name) => [...name][0] ?? '')
    .join('')
    .toLocaleUpperCase(getLocale());
}
