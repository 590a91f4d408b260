import type { OfficePermission } from '../../src/contract/operation.js';

export type StaffRole = 'owner' | 'clinician' | 'office';
export type ApiKeyScope = 'read' | 'write' | 'webhooks';

export const STAFF_ROLES: readonly StaffRole[] = ['owner', 'clinician', 'office'];
export const API_KEY_SCOPES: readonly ApiKeyScope[] = ['read', 'write', 'webhooks'];

/**
 * Who is calling an office route, once the office guard has run: a signed-in staff member, one
 * of the practice's API keys, or (development only) the server's admin token.
 */
export interface OfficeActor {
  kind: 'staff' | 'api_key' | 'dev_token';
  staffId: number | null;
  staffSessionId: number | null;
  apiKeyId: number | null;
  /** The staff member's role; null for API keys and the development token. */
  role: StaffRole | null;
  /**
   * When set, the caller sees only this clinician's clients and their items (a staff member
   * of role `clinician`); null: the whole practice.
   */
  clinicianId: number | null;
  permissions: ReadonlySet<OfficePermission>;
}

/**
 * What each role may do. Clinicians read and write, but only for their own clients (the
 * office routes filter by `clinicianId`); office staff for every client; owners everything,
 * including staff, API keys, webhooks and settings.
 */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly OfficePermission[]>> = {
  owner: ['office:read', 'office:write', 'office:webhooks', 'office:owner'],
  office: ['office:read', 'office:write'],
  clinician: ['office:read', 'office:write'],
};

/** What each API key scope allows. No scope gives `office:owner`: keys cannot manage staff or keys. */
export const SCOPE_PERMISSIONS: Readonly<Record<ApiKeyScope, OfficePermission>> = {
  read: 'office:read',
  write: 'office:write',
  webhooks: 'office:webhooks',
};

export function staffActor(staff: { id: number; role: StaffRole; clinicianId: number | null }, sessionId: number): OfficeActor {
  return {
    kind: 'staff',
    staffId: staff.id,
    staffSessionId: sessionId,
    apiKeyId: null,
    role: staff.role,
    clinicianId: staff.role === 'clinician' ? staff.clinicianId : null,
    permissions: new Set(ROLE_PERMISSIONS[staff.role]),
  };
}

export function apiKeyActor(key: { id: number; scopes: readonly ApiKeyScope[] }): OfficeActor {
  return {
    kind: 'api_key',
    staffId: null,
    staffSessionId: null,
    apiKeyId: key.id,
    role: null,
    clinicianId: null,
    permissions: new Set(key.scopes.map((scope) => SCOPE_PERMISSIONS[scope])),
  };
}

/** The development admin token acts as an owner of every practice; production refuses it. */
export function devTokenActor(): OfficeActor {
  return {
    kind: 'dev_token',
    staffId: null,
    staffSessionId: null,
    apiKeyId: null,
    role: null,
    clinicianId: null,
    permissions: new Set(ROLE_PERMISSIONS.owner),
  };
}
