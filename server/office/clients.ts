import type { ClientCreated, ClientDetail, ClientUpdate, NewClientRequest, OfficeClient, OfficeClientList, PacketProgress } from '../../src/contract/index.js';
import type { AuthDeps } from '../auth/deps.js';
import { sendInvitation } from '../auth/link-sign-in.js';
import { signInPage } from '../auth/link-url.js';
import { transaction } from '../db/transaction.js';
import { isPacketComplete, packetItems } from '../documents/packet.js';
import { iso } from '../documents/present.js';
import { ApiError, notFound } from '../errors.js';
import { emitPracticeEvent } from '../events/emit.js';
import { findClinician } from '../repos/catalog.js';
import { createAccount, createProfile, findAccountByEmail, grantProfileAccess } from '../repos/clients.js';
import { findPacket } from '../repos/document-packets.js';
import {
  clientCounts,
  findClientProfile,
  listClientAccounts,
  listClientProfiles,
  setProfileClinician,
  type ClientAccount,
  type ClientProfile,
} from '../repos/office-clients.js';
import { audit } from '../request/audit.js';
import type { OfficeCall, OfficeDeps } from './call.js';
import { assertProfileVisible, visibleProfiles } from './visibility.js';

// Clients, the office's side: list and search, add one (account, own profile and the link
// between them in one transaction), read one with a summary of what they sent, and assign
// their clinician. Reads are audited `sensitive_read` with ids only (R36).

function present(profile: ClientProfile, accounts: ClientAccount[]): OfficeClient {
  return {
    id: profile.id,
    displayName: profile.displayName,
    kind: profile.kind,
    language: profile.language,
    clinicianId: profile.clinicianId,
    accounts: accounts.map(({ id, email, name, relationship }) => ({ id, email, name, relationship })),
    createdAt: iso(profile.createdAt),
  };
}

export function listClients(deps: OfficeDeps, call: OfficeCall, query?: string): OfficeClientList {
  const profiles = listClientProfiles(deps.db, call.practice.id, visibleProfiles(call.office, 'p.id'), query);
  const byProfile = new Map<number, ClientAccount[]>();
  for (const account of listClientAccounts(deps.db, call.practice.id)) {
    byProfile.set(account.profileId, [...(byProfile.get(account.profileId) ?? []), account]);
  }
  audit(deps, call, { action: 'sensitive_read', resourceType: 'client_list' });
  return { clients: profiles.map((p) => present(p, byProfile.get(p.id) ?? [])) };
}

/** A clinician of the practice, or 400 naming the field. */
function requireClinician(deps: OfficeDeps, practiceId: number, clinicianId: number): void {
  if (!findClinician(deps.db, practiceId, clinicianId)) throw new ApiError(400, 'validation', undefined, { clinicianId: 'invalid' });
}

/**
 * Adds a client: an account, its own profile and the `self` link, in one transaction with the
 * `client.created` event and (when asked) the welcome email. A clinician adding a client
 * becomes its clinician. 409 when the address already has an account here, or when a welcome
 * is asked for and the practice has no portal page to link to (nothing is created then).
 */
export function createClient(deps: AuthDeps, call: OfficeCall, body: NewClientRequest): ClientCreated {
  const { db, clock } = deps;
  const practice = call.practice;
  const clinicianId = call.office.clinicianId ?? body.clinicianId ?? null;
  if (clinicianId !== null) requireClinician(deps, practice.id, clinicianId);
  const sendWelcome = body.sendWelcome ?? false;
  if (sendWelcome && !signInPage(practice)) throw new ApiError(409, 'conflict', 'The practice has no https portal page (portal_url) for sign-in links.');
  const name = body.name.trim();
  return transaction(db, () => {
    if (findAccountByEmail(db, practice.id, body.email)) throw new ApiError(409, 'conflict', 'A client of this practice already has that address.');
    const account = createAccount(db, clock, { practiceId: practice.id, email: body.email, name, preferredLanguage: body.language });
    const profile = createProfile(db, clock, { practiceId: practice.id, kind: 'self', displayName: name, preferredLanguage: body.language });
    if (clinicianId !== null) setProfileClinician(db, clock, practice.id, profile.id, clinicianId);
    grantProfileAccess(db, clock, { practiceId: practice.id, accountId: account.id, profileId: profile.id, relationship: 'self' });
    audit(deps, call, { action: 'sensitive_create', resourceType: 'client', resourceId: profile.id, profileId: profile.id, accountId: account.id });
    emitPracticeEvent(deps, practice.id, {
      type: 'client.created',
      data: { profileId: profile.id, accountId: account.id },
      profileId: profile.id,
      clinicianId,
    });
    if (sendWelcome) sendInvitation(deps, practice, account, call.meta, call.office);
    return { profileId: profile.id, accountId: account.id, welcomeSent: sendWelcome };
  });
}

/** Where the client's packet stands, from each step's status. */
function packetProgress(deps: OfficeDeps, practiceId: number, profileId: number): PacketProgress {
  const packet = findPacket(deps.db, practiceId, profileId);
  if (!packet) return 'none';
  const items = packetItems(deps, { practiceId, profileId }, packet, 'en');
  if (isPacketComplete(items)) return 'completed';
  return items.some((i) => i.status !== 'pending') ? 'in_progress' : 'pending';
}

export function clientDetail(deps: OfficeDeps, call: OfficeCall, profileId: number): ClientDetail {
  assertProfileVisible(deps, call, profileId);
  const practiceId = call.practice.id;
  const profile = findClientProfile(deps.db, practiceId, profileId);
  if (!profile) throw notFound();
  const clinician = profile.clinicianId === null ? undefined : findClinician(deps.db, practiceId, profile.clinicianId);
  audit(deps, call, { action: 'sensitive_read', resourceType: 'client', resourceId: profileId, profileId });
  return {
    client: present(profile, listClientAccounts(deps.db, practiceId, profileId)),
    clinician: clinician ? { id: clinician.id, name: clinician.name } : null,
    summary: { ...clientCounts(deps.db, practiceId, profileId, deps.clock.now()), packet: packetProgress(deps, practiceId, profileId) },
  };
}

/** Assigns (or clears) the client's clinician. Clinicians may not reassign clients (403). */
export function updateClient(deps: OfficeDeps, call: OfficeCall, profileId: number, body: ClientUpdate): ClientDetail {
  assertProfileVisible(deps, call, profileId);
  if (call.office.clinicianId !== null) {
    audit(deps, call, { action: 'authz_fail', outcome: 'failure', resourceType: 'client', resourceId: profileId, profileId });
    throw new ApiError(403, 'forbidden', 'Only the office or an owner assigns clients to clinicians.');
  }
  const practiceId = call.practice.id;
  if (body.clinicianId !== undefined) {
    const clinicianId = body.clinicianId;
    if (clinicianId !== null) requireClinician(deps, practiceId, clinicianId);
    transaction(deps.db, () => {
      setProfileClinician(deps.db, deps.clock, practiceId, profileId, clinicianId);
      audit(deps, call, { action: 'sensitive_update', resourceType: 'client', resourceId: profileId, profileId });
    });
  }
  return clientDetail(deps, call, profileId);
}
