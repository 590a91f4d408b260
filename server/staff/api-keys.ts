import { randomBytes } from 'node:crypto';
import type { NewApiKey } from '../../src/contract/staff.js';
import { tokenHash } from '../auth/secrets.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { transaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import type { OfficeActor } from '../office/actor.js';
import { API_KEY_PREFIX } from '../plugins/office-auth.js';
import { createApiKey, findApiKey, revokeApiKey, type ApiKey } from '../repos/api-keys.js';
import type { Practice } from '../repos/practices.js';
import { audit } from '../request/audit.js';
import type { RequestMeta } from '../request/meta.js';

/** How many leading characters of a key are kept to tell keys apart: `cpk_` and 8 of its 43 random ones. */
export const API_KEY_SHOWN_PREFIX_LENGTH = 12;

/** A new key: `cpk_` and 32 random bytes (256 bits, R1), base64url. */
export const newApiKeySecret = () => `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;

/** `POST /admin/api-keys`: the key and its secret, which only this answer ever holds (only its SHA-256 is stored, R2). */
export function makeApiKey(
  deps: { db: Db; clock: Clock },
  practice: Practice,
  office: OfficeActor,
  meta: RequestMeta,
  body: NewApiKey,
): { key: ApiKey; secret: string } {
  const secret = newApiKeySecret();
  const key = transaction(deps.db, () => {
    const created = createApiKey(deps.db, deps.clock.now(), {
      practiceId: practice.id,
      name: body.name,
      prefix: secret.slice(0, API_KEY_SHOWN_PREFIX_LENGTH),
      tokenHash: tokenHash(secret),
      scopes: [...new Set(body.scopes)],
      createdBy: office.staffId,
    });
    audit(deps, { practice, meta, office }, { action: 'authn_token_created', resourceType: 'api_key', resourceId: created.id });
    return created;
  });
  return { key, secret };
}

/** `DELETE /admin/api-keys/:keyId`: the guard refuses the key from the next request on. */
export function revokeKey(deps: { db: Db; clock: Clock }, practice: Practice, office: OfficeActor, meta: RequestMeta, keyId: number): void {
  transaction(deps.db, () => {
    if (!findApiKey(deps.db, practice.id, keyId)) throw notFound('No such API key at this practice.');
    if (revokeApiKey(deps.db, deps.clock.now(), practice.id, keyId)) {
      audit(deps, { practice, meta, office }, { action: 'authn_token_revoked', resourceType: 'api_key', resourceId: keyId });
    }
  });
}
