// An office credential that works in every mode: an API key of the practice, written straight
// into the database (the development admin token is refused in production).
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../server/db/open.js';
import { API_KEY_PREFIX } from '../../server/plugins/office-auth.js';

const keys = new WeakMap<Db, Map<string, string>>();

/** A read+write API key of the practice with this slug (one per database and practice). */
export function officeApiKey(db: Db, practiceSlug: string, scopes: readonly string[] = ['read', 'write']): string {
  let byPractice = keys.get(db);
  if (!byPractice) keys.set(db, (byPractice = new Map()));
  const cacheKey = `${practiceSlug}:${scopes.join(',')}`;
  const cached = byPractice.get(cacheKey);
  if (cached) return cached;
  const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const practiceId = db.prepare('SELECT id FROM practices WHERE slug = ?').pluck().get(practiceSlug) as number;
  db.prepare(
    `INSERT INTO api_keys (practice_id, name, prefix, token_hash, scopes, created_at)
     VALUES (?, 'tests', ?, ?, ?, ?)`,
  ).run(practiceId, secret.slice(0, 12), createHash('sha256').update(secret).digest('hex'), JSON.stringify(scopes), Date.now());
  byPractice.set(cacheKey, secret);
  return secret;
}
