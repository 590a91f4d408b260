import type { Language } from '../../src/contract/index.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/open.js';
import { statement } from '../db/statements.js';
import { normalizeOrigin } from '../origin.js';
import { parseStringArray } from './json-columns.js';

/** One practice (tenant) and its configuration. */
export interface Practice {
  id: number;
  slug: string;
  name: string;
  /** E.164, e.g. +15555550142. */
  phone: string;
  phoneDisplay: string;
  timeZone: string;
  languages: Language[];
  /** Exact origins allowed to call this practice's endpoint from a browser (R27). */
  allowedOrigins: string[];
  portalUrl: string | null;
  /** The practice's primary colour (#rrggbb), for the buttons in its emails. */
  brandColor: string;
  senderName: string;
  senderAddress: string;
  cancellationWindowHours: number;
  uploadMaxBytes: number;
  uploadQuotaBytes: number;
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
  linkTtlSeconds: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewPractice {
  slug: string;
  name: string;
  phone: string;
  phoneDisplay: string;
  timeZone: string;
  languages: Language[];
  allowedOrigins?: string[];
  portalUrl?: string | null;
  brandColor?: string;
  senderName: string;
  senderAddress: string;
  cancellationWindowHours?: number;
  uploadMaxBytes?: number;
  uploadQuotaBytes?: number;
  idleTimeoutSeconds?: number;
  absoluteTimeoutSeconds?: number;
  linkTtlSeconds?: number;
}

interface PracticeRow {
  id: number;
  slug: string;
  name: string;
  phone: string;
  phone_display: string;
  time_zone: string;
  languages: string;
  allowed_origins: string;
  portal_url: string | null;
  brand_color: string;
  sender_name: string;
  sender_address: string;
  cancellation_window_hours: number;
  upload_max_bytes: number;
  upload_quota_bytes: number;
  idle_timeout_seconds: number;
  absolute_timeout_seconds: number;
  link_ttl_seconds: number;
  created_at: number;
  updated_at: number;
}

function fromRow(row: PracticeRow): Practice {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    phone: row.phone,
    phoneDisplay: row.phone_display,
    timeZone: row.time_zone,
    languages: parseStringArray(row.languages, 'practices.languages') as Language[],
    allowedOrigins: parseStringArray(row.allowed_origins, 'practices.allowed_origins'),
    portalUrl: row.portal_url,
    brandColor: row.brand_color,
    senderName: row.sender_name,
    senderAddress: row.sender_address,
    cancellationWindowHours: row.cancellation_window_hours,
    uploadMaxBytes: row.upload_max_bytes,
    uploadQuotaBytes: row.upload_quota_bytes,
    idleTimeoutSeconds: row.idle_timeout_seconds,
    absoluteTimeoutSeconds: row.absolute_timeout_seconds,
    linkTtlSeconds: row.link_ttl_seconds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Every request under `/p/:slug` starts by looking its practice up (CORS needs the
 * allow-list before anything else runs), so found practices are kept in memory per
 * connection. The cache is dropped whenever the database may have changed: `data_version`
 * moves when another connection (another process) commits, `total_changes()` when this one
 * writes anything. Checking both is one tiny statement, far cheaper than reading the row.
 * Cached practices are frozen because every request shares them. Misses are not cached, so
 * probing random slugs cannot grow the map.
 */
interface PracticeCache {
  dataVersion: number;
  totalChanges: number;
  bySlug: Map<string, Practice>;
}
const practiceCaches = new WeakMap<Db, PracticeCache>();

// Plucked (single value) statements: their SQL text is used nowhere else unplucked.
const dataVersion = (db: Db) => statement<[], number>(db, 'PRAGMA data_version').pluck().get()!;
const totalChanges = (db: Db) => statement<[], number>(db, 'SELECT total_changes()').pluck().get()!;

function freeze(practice: Practice): Practice {
  Object.freeze(practice.languages);
  Object.freeze(practice.allowedOrigins);
  return Object.freeze(practice);
}

export function findPracticeBySlug(db: Db, slug: string): Practice | undefined {
  const version = dataVersion(db);
  const changes = totalChanges(db);
  let cache = practiceCaches.get(db);
  if (!cache || cache.dataVersion !== version || cache.totalChanges !== changes) {
    cache = { dataVersion: version, totalChanges: changes, bySlug: new Map() };
    practiceCaches.set(db, cache);
  }
  const cached = cache.bySlug.get(slug);
  if (cached) return cached;
  const row = statement<[string], PracticeRow>(db, 'SELECT * FROM practices WHERE slug = ?').get(slug);
  if (!row) return undefined;
  const practice = freeze(fromRow(row));
  cache.bySlug.set(slug, practice);
  return practice;
}

export function findPracticeById(db: Db, id: number): Practice | undefined {
  const row = statement<[number], PracticeRow>(db, 'SELECT * FROM practices WHERE id = ?').get(id);
  return row && fromRow(row);
}

export function listPractices(db: Db): Practice[] {
  return statement<[], PracticeRow>(db, 'SELECT * FROM practices ORDER BY slug').all().map(fromRow);
}

export function createPractice(db: Db, clock: Clock, input: NewPractice): Practice {
  const now = clock.now();
  const { lastInsertRowid } = statement<[Record<string, unknown>]>(
    db,
    `INSERT INTO practices (slug, name, phone, phone_display, time_zone, languages, allowed_origins, portal_url, brand_color,
       sender_name, sender_address, cancellation_window_hours, upload_max_bytes, upload_quota_bytes,
       idle_timeout_seconds, absolute_timeout_seconds, link_ttl_seconds, created_at, updated_at)
     VALUES (@slug, @name, @phone, @phoneDisplay, @timeZone, @languages, @allowedOrigins, @portalUrl, @brandColor,
       @senderName, @senderAddress, @cancellationWindowHours, @uploadMaxBytes, @uploadQuotaBytes,
       @idleTimeoutSeconds, @absoluteTimeoutSeconds, @linkTtlSeconds, @now, @now)`,
  ).run({
    slug: input.slug,
    name: input.name,
    phone: input.phone,
    phoneDisplay: input.phoneDisplay,
    timeZone: input.timeZone,
    languages: JSON.stringify(input.languages),
    allowedOrigins: JSON.stringify((input.allowedOrigins ?? []).map(normalizeOrigin)),
    portalUrl: input.portalUrl ?? null,
    brandColor: input.brandColor ?? '#1d5f8a',
    senderName: input.senderName,
    senderAddress: input.senderAddress,
    cancellationWindowHours: input.cancellationWindowHours ?? 24,
    uploadMaxBytes: input.uploadMaxBytes ?? 25 * 1024 * 1024,
    uploadQuotaBytes: input.uploadQuotaBytes ?? 500 * 1024 * 1024,
    idleTimeoutSeconds: input.idleTimeoutSeconds ?? 900,
    absoluteTimeoutSeconds: input.absoluteTimeoutSeconds ?? 43_200,
    linkTtlSeconds: input.linkTtlSeconds ?? 86_400,
    now,
  });
  return findPracticeById(db, Number(lastInsertRowid))!;
}

/** Replaces the CORS allow-list; each entry is normalised so comparisons stay exact. */
export function setAllowedOrigins(db: Db, clock: Clock, practiceId: number, origins: readonly string[]): void {
  const unique = [...new Set(origins.map(normalizeOrigin))];
  statement<[string, number, number]>(db, 'UPDATE practices SET allowed_origins = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(unique),
    clock.now(),
    practiceId,
  );
}

export function setPortalUrl(db: Db, clock: Clock, practiceId: number, portalUrl: string | null): void {
  statement<[string | null, number, number]>(db, 'UPDATE practices SET portal_url = ?, updated_at = ? WHERE id = ?').run(
    portalUrl,
    clock.now(),
    practiceId,
  );
}
