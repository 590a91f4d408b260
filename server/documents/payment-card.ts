import type { PaymentCard, PaymentCardState, PaymentCardToken } from '../../src/contract/index.js';
import { transaction } from '../db/transaction.js';
import { ApiError } from '../errors.js';
import { findCard, findPaymentSettings, saveCard, type StoredCard } from '../repos/payment-cards.js';
import type { ClientActor } from '../request/actor.js';
import { audit } from '../request/audit.js';
import { requireCardInPacket, type DocDeps } from './packet-items.js';
import { iso } from './present.js';
import { emitIfPacketCompleted, packetComplete } from './packet-completion.js';

const shownCard = (card: StoredCard): PaymentCard => ({
  brand: card.brand,
  last4: card.last4,
  expMonth: card.expMonth,
  expYear: card.expYear,
  savedAt: iso(card.savedAt),
});

/** The card on file and where the card-entry iframe lives; 503 without a configured processor. */
export function cardState(deps: DocDeps, actor: ClientActor): PaymentCardState {
  requireCardInPacket(deps, actor);
  const settings = findPaymentSettings(deps.db, actor.practice.id);
  if (!settings) throw new ApiError(503, 'unavailable', 'No payment processor is configured for this practice.');
  const card = findCard(deps.db, actor.practice.id, actor.profile.id);
  audit(deps, actor, { action: 'sensitive_read', resourceType: 'payment_card' });
  return { card: card ? shownCard(card) : null, processor: { origin: settings.processorOrigin, pageUrl: settings.pageUrl } };
}

/** Stores the processor's token (R57–R61); `now` decides whether the card has expired. */
export function saveCardToken(deps: DocDeps, actor: ClientActor, body: PaymentCardToken, now: Date): PaymentCard {
  requireCardInPacket(deps, actor);
  // A token is opaque and short of digits: a run that could be a card number is refused (R57).
  if (/[0-9]{13,}/.test(body.token)) throw new ApiError(400, 'validation', undefined, { token: 'invalid' });
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  if (body.expYear < year || (body.expYear === year && body.expMonth < month)) {
    throw new ApiError(400, 'validation', undefined, { expYear: 'out_of_range' });
  }
  return transaction(deps.db, () => {
    const wasComplete = packetComplete(deps, actor);
    const card = saveCard(deps.db, deps.clock, { practiceId: actor.practice.id, profileId: actor.profile.id, accountId: actor.accountId, ...body });
    audit(deps, actor, { action: 'sensitive_update', resourceType: 'payment_card' });
    emitIfPacketCompleted(deps, actor, wasComplete);
    return shownCard(card);
  });
}
