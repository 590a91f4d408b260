import type { FormId } from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { notFound } from '../errors.js';
import { findPacket, type StoredPacket } from '../repos/document-packets.js';
import type { ClientActor } from '../request/actor.js';

export interface DocDeps {
  db: Db;
  clock: Clock;
}

// What the profile's packet holds decides what it may open: a step that is not in the packet
// answers 404, like a profile one may not act for.

export function packetOf(deps: DocDeps, actor: ClientActor): StoredPacket | undefined {
  return findPacket(deps.db, actor.practice.id, actor.profile.id);
}

export function documentInPacket(deps: DocDeps, actor: ClientActor, documentId: number): boolean {
  return packetOf(deps, actor)?.items.some((i) => i.kind === 'document' && i.templateId === documentId) ?? false;
}

export function requireFormInPacket(deps: DocDeps, actor: ClientActor, formId: FormId): void {
  if (!(packetOf(deps, actor)?.items.some((i) => i.kind === 'form' && i.formId === formId) ?? false)) throw notFound();
}

export function requireCardInPacket(deps: DocDeps, actor: ClientActor): void {
  if (!(packetOf(deps, actor)?.items.some((i) => i.kind === 'payment_card') ?? false)) throw notFound();
}
