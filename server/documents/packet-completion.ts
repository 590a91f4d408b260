import { emitPracticeEvent } from '../events/emit.js';
import type { ClientActor } from '../request/actor.js';
import { isPacketComplete, packetItems } from './packet.js';
import { packetOf, type DocDeps } from './packet-items.js';

/** Whether every step of the profile's packet is completed now (as the signer's view says). */
export function packetComplete(deps: DocDeps, actor: ClientActor): boolean {
  const packet = packetOf(deps, actor);
  if (!packet) return false;
  return isPacketComplete(packetItems(deps, { practiceId: actor.practice.id, profileId: actor.profile.id }, packet, 'en'));
}

/**
 * Emits `packet.completed` when the change just made (in this transaction) completed the
 * packet that was not complete before: once per completion, not on every later save.
 */
export function emitIfPacketCompleted(deps: DocDeps, actor: ClientActor, wasComplete: boolean): void {
  if (wasComplete || !packetComplete(deps, actor)) return;
  emitPracticeEvent(deps, actor.practice.id, { type: 'packet.completed', profileId: actor.profile.id, data: { profileId: actor.profile.id } });
}
