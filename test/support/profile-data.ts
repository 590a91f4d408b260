import type { Profile, ProfileList } from '../../src/contract/index.js';

const all = { book: true, sign: true, upload: true, view: true };

/** Jordan's household in the demo seed: self, a minor in their care, and a couple with Casey. */
export const jordan: Profile = { id: 11, kind: 'self', displayName: 'Jordan Lee', relationship: 'self', permissions: all };
export const maya: Profile = {
  id: 12,
  kind: 'minor',
  displayName: 'Maya Lee',
  relationship: 'guardian',
  permissions: { ...all, upload: false },
};
export const couple: Profile = {
  id: 13,
  kind: 'couple',
  displayName: 'Jordan Lee & Casey Lee',
  relationship: 'partner',
  permissions: all,
};

export const household = (selectedProfileId: number | null = null): ProfileList => ({
  profiles: [jordan, maya, couple],
  selectedProfileId,
});

export const single: ProfileList = { profiles: [jordan], selectedProfileId: null };
export const none: ProfileList = { profiles: [], selectedProfileId: null };
