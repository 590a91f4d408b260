// Helpers for the file tests: tus requests as tus-js-client sends them (through inject), and
// what is left on disk and in the database afterwards.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { PortalApp } from '../../server/app.js';
import type { Db } from '../../server/db/open.js';
import { LAKESIDE_ORIGIN } from './helpers.js';

type Target = { app: PortalApp };

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** `Upload-Metadata`: comma-separated `key base64(value)` pairs. */
export function uploadMetadata(entries: Record<string, string>): string {
  return Object.entries(entries)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');
}

const profilePath = (profileId: number, practice = 'lakeside') => `/p/${practice}/profiles/${profileId}`;

function tusHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { origin: LAKESIDE_ORIGIN, authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', ...extra };
}

/** tus creation: POST with Upload-Length and the metadata (filename, and a filetype the server ignores). */
export function createUpload(
  t: Target,
  token: string,
  profileId: number,
  file: { name: string; length: number; filetype?: string; metadata?: string },
): Promise<LightMyRequestResponse> {
  const metadata = file.metadata ?? uploadMetadata({ filename: file.name, filetype: file.filetype ?? 'application/octet-stream' });
  return t.app.inject({
    method: 'POST',
    url: `${profilePath(profileId)}/uploads`,
    headers: tusHeaders(token, { 'upload-length': String(file.length), 'upload-metadata': metadata }),
    remoteAddress: '203.0.113.10',
  });
}

export function patchUpload(t: Target, token: string, location: string, offset: number, bytes: Buffer): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'PATCH',
    url: location,
    headers: tusHeaders(token, { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }),
    payload: bytes,
    remoteAddress: '203.0.113.10',
  });
}

export function headUpload(t: Target, token: string, location: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'HEAD', url: location, headers: tusHeaders(token), remoteAddress: '203.0.113.10' });
}

export function cancelUpload(t: Target, token: string, location: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'DELETE', url: location, headers: tusHeaders(token), remoteAddress: '203.0.113.10' });
}

/**
 * Creates an upload and sends the bytes in `chunks` PATCHes; returns the creation and the
 * last response (the verdict). The creation must succeed unless `expectCreated` is false.
 */
export async function uploadFile(
  t: Target,
  token: string,
  profileId: number,
  name: string,
  bytes: Buffer,
  options: { chunks?: number; /** Stop after this many PATCHes (an upload left unfinished). */ stopAfter?: number } = {},
): Promise<{ created: LightMyRequestResponse; last: LightMyRequestResponse; location: string }> {
  const created = await createUpload(t, token, profileId, { name, length: bytes.length });
  if (created.statusCode !== 201) return { created, last: created, location: '' };
  const location = String(created.headers.location);
  const chunks = options.chunks ?? 1;
  const size = Math.ceil(bytes.length / chunks);
  let last = created;
  let sent = 0;
  for (let offset = 0; offset < bytes.length && sent < (options.stopAfter ?? Infinity); offset += size, sent += 1) {
    last = await patchUpload(t, token, location, offset, bytes.subarray(offset, offset + size));
    if (last.statusCode !== 204) break;
  }
  return { created, last, location };
}

/** Files under the storage root, by folder (tus info files included). */
export function storageEntries(dir: string): { partial: string[]; tmp: string[]; store: string[] } {
  const list = (sub: string) => readdirSync(join(dir, 'files', sub)).sort();
  return { partial: list('partial'), tmp: list('tmp'), store: list('store') };
}

export function fileRows(db: Db) {
  return db.prepare('SELECT * FROM files ORDER BY id').all() as Array<{
    id: number;
    profile_id: number;
    upload_id: string;
    storage_name: string;
    file_name: string;
    file_type: string;
    size_bytes: number;
    sha256: string;
  }>;
}

export const uploadRows = (db: Db) => db.prepare('SELECT * FROM file_uploads ORDER BY created_at').all() as Array<{ id: string; profile_id: number; account_id: number }>;

/** Nothing of any upload is left: no partial, temp or stored file beyond `storedFiles`, no upload row. */
export function assertClean(t: { db: Db; dir: string }, storedFiles: number, where = ''): void {
  const entries = storageEntries(t.dir);
  assert.deepEqual(entries.partial, [], `${where} partial/`);
  assert.deepEqual(entries.tmp, [], `${where} tmp/`);
  assert.equal(entries.store.length, storedFiles, `${where} store/`);
  assert.equal(fileRows(t.db).length, storedFiles, `${where} files rows`);
  assert.deepEqual(uploadRows(t.db), [], `${where} upload rows`);
}

/** A profile id by its display name within one practice. */
export function profileIdOf(db: Db, displayName: string, practice = 'lakeside'): number {
  const id = db
    .prepare('SELECT p.id FROM profiles p JOIN practices r ON r.id = p.practice_id WHERE r.slug = ? AND p.display_name = ?')
    .pluck()
    .get(practice, displayName) as number | undefined;
  assert.ok(id, `no profile ${displayName} at ${practice}`);
  return id;
}
