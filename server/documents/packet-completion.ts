import { emitPracticeEvent } from '../events/emit.js';
import { listSignatures } from '../repos/signatures.js';
import type { ClientActor } from '../request/actor.js';
import { itemView } from './packet.js';
import { packetOf, type DocDeps } from './packet-items.js';
import { latestVersions } from './texts.js';

/** Whether every step of the profile's packet is completed now (as the signer's view says). */
export function packetComplete(deps: DocDeps, actor: ClientActor): boolean {
  const packet = packetOf(deps, actor);
  if (!packet) return false;
  const context = {
    latest: latestVersions(deps, actor.practice.id),
    signatures: listSignatures(deps.db, actor.practice.id, actor.profile.id),
    language: 'en' as const,
  };
  const items = packet.items.map((item) => itemView(deps, actor, item, context)).filter((i) => i !== undefined);
  return items.length > 0 && items.every((i) => i.status === 'completed');
}

/**
 * Emits `packet.completed` when the change just made (in this transaction) completed the
 * packet that was not complete before: once per completion, not on every later save.
 */
export function emitIfPacketCompleted(deps: DocDeps, actor: ClientActor, wasComplete: boolean): void {
  if (wasComplete || !packetComplete(deps, actor)) return;
  emitPracticeEvent(deps, actor.practice.id, { type: 'packet.completed', profileId: actor.profile.id, data: { profileId: actor.profile.id } });
}
