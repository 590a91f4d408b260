import type { EsignConsent, EsignConsentAcceptance, EsignConsentRecord, Language } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { ApiError } from '../errors.js';
import { findEsignConsent, recordEsignConsent, type EsignConsentRow } from '../repos/esign-consents.js';
import type { ClientActor } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { ESIGN_TEXT, ESIGN_TEXT_VERSION } from './esign-text.js';
import type { DocDeps } from './packet-items.js';
import { asLanguage, iso } from './present.js';

/** This signer's acceptance of the current consent text, if any (per account, not per profile). */
export function esignAccepted(deps: DocDeps, actor: ClientActor): EsignConsentRow | undefined {
  return findEsignConsent(deps.db, actor.practice.id, actor.accountId, ESIGN_TEXT_VERSION);
}

export function esignView(deps: DocDeps, actor: ClientActor, language: Language): EsignConsent {
  const accepted = esignAccepted(deps, actor);
  return {
    textVersion: ESIGN_TEXT_VERSION,
    language,
    html: ESIGN_TEXT[language],
    accepted: accepted !== undefined,
    acceptedAt: accepted ? iso(accepted.acceptedAt) : null,
  };
}

/** Records the acceptance once; accepting again answers the first record. */
export function acceptEsign(deps: DocDeps, actor: ClientActor, body: EsignConsentAcceptance): EsignConsentRecord {
  if (body.textVersion !== ESIGN_TEXT_VERSION) throw new ApiError(409, 'document_changed');
  return transaction(deps.db, () => {
    const existing = esignAccepted(deps, actor);
    const row =
      existing ??
      recordEsignConsent(deps.db, deps.clock, {
        practiceId: actor.practice.id,
        accountId: actor.accountId,
        profileId: actor.profile.id,
        textVersion: body.textVersion,
        language: body.language,
        ip: actor.meta.ip,
        userAgent: actor.meta.userAgent ?? '',
      });
    if (!existing) audit(deps, actor, { action: 'sensitive_create', resourceType: 'esign_consent', resourceId: row.id });
    return { textVersion: row.textVersion, language: asLanguage(row.language), accountId: row.accountId, profileId: row.profileId, acceptedAt: iso(row.acceptedAt) };
  });
}
