import type { Operation } from '../operation.js';
import * as auth from './auth.js';
import * as booking from './booking.js';
import * as documentAdmin from './document-admin.js';
import * as documents from './documents.js';
import * as files from './files.js';
import * as office from './office.js';
import * as officeClinicians from './office-clinicians.js';
import * as practice from './practice.js';
import * as profiles from './profiles.js';
import * as staff from './staff.js';

/** One module per resource; each exports operations and nothing else. */
const RESOURCES: ReadonlyArray<Readonly<Record<string, Operation>>> = [
  practice,
  auth,
  profiles,
  booking,
  documents,
  documentAdmin,
  files,
  staff,
  office,
  officeClinicians,
];

/** The table of operations: every operation of the protocol. */
export const OPERATIONS: readonly Operation[] = RESOURCES.flatMap((resource) => Object.values(resource));
