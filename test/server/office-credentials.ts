// An office credential that works in every mode: an API key of the practice, written straight
// into the database (the development admin token is refused in production).
import type { Db } from '../../server/db/open.js';
import type { ApiKeyScope } from '../../server/office/actor.js';
import { tokenHash } from '../../server/auth/secrets.js';
import { createApiKey } from '../../server/repos/api-keys.js';
import { findPracticeBySlug } from '../../server/repos/practices.js';
import { newApiKeySecret } from '../../server/staff/api-keys.js';

const keys = new WeakMap<Db, Map<string, string>>();

/** A read+write API key of the practice with this slug (one per database and practice). */
export function officeApiKey(db: Db, practiceSlug: string, scopes: readonly ApiKeyScope[] = ['read', 'write']): string {
  let byPractice = keys.get(db);
  if (!byPractice) keys.set(db, (byPractice = new Map()));
  const cacheKey = `${practiceSlug}:${scopes.join(',')}`;
  const cached = byPractice.get(cacheKey);
  if (cached) return cached;
  const secret = newApiKeySecret();
  const practiceId = findPracticeBySlug(db, practiceSlug)!.id;
  createApiKey(db, Date.now(), { practiceId, name: 'tests', prefix: secret.slice(0, 12), tokenHash: tokenHash(secret), scopes, createdBy: null });
  byPractice.set(cacheKey, secret);
  return secret;
}
