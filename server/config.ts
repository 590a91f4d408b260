import { randomBytes } from 'node:crypto';
import { MIN_PEPPER_LENGTH } from './auth/pin-hash.js';
import type { ClamdTarget } from './files/clamd.js';
import { SCAN_MODES, type ScanMode, type UploadSettingsInput } from './files/settings.js';
import { DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './plugins/connection-limits.js';
import { parseTrustProxy, TrustProxyError, type TrustProxy } from './trust-proxy.js';

export type Mode = 'development' | 'production';

/** What the HTTP app itself needs. Entry points read it from the environment; tests build it. */
export interface AppConfig {
  mode: Mode;
  /**
   * Development only: a bearer token for `/p/:practice/admin/...` that acts as an owner of every
   * practice (`npm start`, tests). Empty in production, where the office guard refuses it anyway.
   */
  adminToken: string;
  /** JSON bodies larger than this are refused with 413 before parsing. */
  bodyLimitBytes: number;
  /** Global per-IP, per-practice request budget. */
  rateLimit: { max: number; windowMs: number };
  /**
   * Which X-Forwarded-For entries decide `request.ip` (budgets, audit): none, those added by
   * the last N proxies, or those added by the listed proxy addresses/networks. Never "any".
   */
  trustProxy: TrustProxy;
  /**
   * The server-side secret mixed into every PIN hash (R19), from PIN_PEPPER. Production
   * entry points require it; development keeps a generated one under the data directory.
   * When an app is built without one, development uses a random pepper for this process only
   * (PINs then die with it) and production refuses to issue or check PINs (503).
   */
  pinPepper?: string;
  /**
   * scrypt cost for new PINs as log2 N (default 14: 16 MiB, tens of ms). Existing PINs keep
   * the cost they were hashed with. Tests lower it; production has no reason to.
   */
  pinScryptLogN?: number;
  /**
   * File uploads: storage folder, per-type size limits, per-profile quota, sweeper timings
   * (defaults in files/settings.ts). Without a storage folder, files live in `files/` beside
   * the database file.
   */
  uploads?: UploadSettingsInput;
  /** Socket idle, keep-alive and header timeouts, and the connection caps (defaults in plugins/connection-limits.ts). */
  connections?: Partial<ConnectionLimits>;
  /**
   * R26 mode A: the sites (registrable domains, e.g. `practice.com`) on which sign-ins may
   * put the session in a `__Host-sid` cookie instead of handing out a bearer token, from
   * SESSION_COOKIE_SITES (comma-separated). Empty or absent: bearer tokens only.
   */
  sessionCookieSites?: string[];
}

/** Everything an entry point (main.ts, dev.ts) needs on top of the app's own config. */
export interface ServerConfig extends AppConfig {
  /** ADMIN_TOKEN was set in production, where it is ignored: the entry point says so in its log. */
  adminTokenIgnored: boolean;
  dataDir: string;
  host: string;
  endpointPort: number;
  demoPort: number;
  smtpUrl: string | undefined;
  /** How the world reaches the endpoint, e.g. https://portal.example.com (no trailing slash). */
  publicEndpointUrl: string | undefined;
  logLevel: string;
}

export const DEFAULT_BODY_LIMIT_BYTES = 100 * 1024;

/** 300 requests a minute per IP and practice is far above what one person's widgets send. */
export const DEFAULT_RATE_LIMIT = { max: 300, windowMs: 60_000 } as const;

/**
 * The demo and the e2e tests drive many widgets from one loopback address, so development
 * gets a roomier budget; the limiter still runs, so its headers and 429s stay exercised.
 */
export const DEVELOPMENT_RATE_LIMIT = { max: 3000, windowMs: 60_000 } as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the server configuration from environment variables; `mode` is decided by the entry point. */
export function readServerConfig(env: NodeJS.ProcessEnv, defaultMode: Mode): ServerConfig {
  const mode = parseMode(env.MODE?.trim() || defaultMode); // an empty variable counts as unset
  // The admin token serves `npm start` and tests only: production has staff sign-in and API
  // keys (the first owner comes from `npm run staff:add`), so it never reads the variable.
  const adminTokenIgnored = mode === 'production' && Boolean(env.ADMIN_TOKEN?.trim());
  const adminToken = mode === 'development' ? env.ADMIN_TOKEN?.trim() || generateAdminToken() : '';
  const pinPepper = env.PIN_PEPPER?.trim() || undefined;
  if (!pinPepper && mode === 'production') throw new ConfigError('PIN_PEPPER is required in production.');
  if (pinPepper && pinPepper.length < MIN_PEPPER_LENGTH) {
    throw new ConfigError(`PIN_PEPPER must be at least ${MIN_PEPPER_LENGTH} characters.`);
  }
  const defaults = mode === 'development' ? DEVELOPMENT_RATE_LIMIT : DEFAULT_RATE_LIMIT;
  return {
    mode,
    adminToken,
    adminTokenIgnored,
    bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
    rateLimit: {
      max: parsePositiveInt(env.RATE_LIMIT_MAX, defaults.max, 'RATE_LIMIT_MAX'),
      windowMs: defaults.windowMs,
    },
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    ...(pinPepper ? { pinPepper } : {}),
    dataDir: env.DATA_DIR?.trim() || '.data',
    // Without UPLOAD_DIR, files live in `files/` beside the database, under the data directory (R50).
    uploads: {
      ...(env.UPLOAD_DIR?.trim() ? { storageDir: env.UPLOAD_DIR.trim() } : {}),
      ...(env.UPLOAD_QUOTA_BYTES?.trim() ? { quotaBytes: parsePositiveInt(env.UPLOAD_QUOTA_BYTES, 1, 'UPLOAD_QUOTA_BYTES') } : {}),
      ...readScanConfig(env, mode),
    },
    connections: readConnectionLimits(env),
    sessionCookieSites: readCookieSites(env.SESSION_COOKIE_SITES),
    host: env.HOST?.trim() || 'localhost',
    endpointPort: parsePort(env.ENDPOINT_PORT, 8081, 'ENDPOINT_PORT'),
    demoPort: parsePort(env.PORT, 8080, 'PORT'),
    smtpUrl: env.SMTP_URL?.trim() || undefined,
    publicEndpointUrl: parsePublicUrl(env.PUBLIC_ENDPOINT_URL),
    logLevel: env.LOG_LEVEL?.trim() || (mode === 'development' ? 'warn' : 'info'),
  };
}

/** SESSION_COOKIE_SITES=practice.com,other-practice.org: lower-case host names, no scheme or port. */
export function readCookieSites(value: string | undefined): string[] {
  const sites = (value ?? '').split(',').map((site) => site.trim().toLowerCase()).filter(Boolean);
  for (const site of sites) {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(site)) throw new ConfigError(`SESSION_COOKIE_SITES: not a site name: ${site}`);
  }
  return sites;
}

/**
 * R52: UPLOAD_SCAN=clamd|hold|off (default `hold` in production, `off` in development), and
 * where clamd listens: CLAMD_SOCKET (a unix socket path) or CLAMD_HOST and CLAMD_PORT, which
 * must be a loopback address (INSTREAM is unauthenticated and unencrypted).
 */
function readScanConfig(env: NodeJS.ProcessEnv, mode: Mode): Pick<UploadSettingsInput, 'scan' | 'clamd'> {
  const raw = env.UPLOAD_SCAN?.trim() || (mode === 'production' ? 'hold' : 'off');
  if (!SCAN_MODES.includes(raw as ScanMode)) throw new ConfigError(`UPLOAD_SCAN must be "clamd", "hold" or "off", not "${raw}".`);
  const scan = raw as ScanMode;
  const socket = env.CLAMD_SOCKET?.trim();
  const host = env.CLAMD_HOST?.trim();
  let clamd: ClamdTarget | undefined;
  if (socket) clamd = { socket };
  else if (host) {
    if (!isLoopbackHost(host)) throw new ConfigError(`CLAMD_HOST must be a loopback address (127.0.0.1, ::1 or localhost), not "${host}".`);
    clamd = { host, port: parsePort(env.CLAMD_PORT, 3310, 'CLAMD_PORT') };
  }
  if (scan === 'clamd' && !clamd) throw new ConfigError('UPLOAD_SCAN=clamd needs CLAMD_SOCKET, or CLAMD_HOST (and CLAMD_PORT, default 3310).');
  return { scan, ...(clamd ? { clamd } : {}) };
}

/** The F12 limits: CONNECTION_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS, HEADERS_TIMEOUT_MS, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_CLIENT. */
function readConnectionLimits(env: NodeJS.ProcessEnv): ConnectionLimits {
  const d = DEFAULT_CONNECTION_LIMITS;
  return {
    idleTimeoutMs: parseIntInRange(env.CONNECTION_TIMEOUT_MS, d.idleTimeoutMs, 'CONNECTION_TIMEOUT_MS', 1_000, 600_000),
    keepAliveTimeoutMs: parseIntInRange(env.KEEP_ALIVE_TIMEOUT_MS, d.keepAliveTimeoutMs, 'KEEP_ALIVE_TIMEOUT_MS', 1_000, 600_000),
    headersTimeoutMs: parseIntInRange(env.HEADERS_TIMEOUT_MS, d.headersTimeoutMs, 'HEADERS_TIMEOUT_MS', 1_000, 120_000),
    maxConnections: parseIntInRange(env.MAX_CONNECTIONS, d.maxConnections, 'MAX_CONNECTIONS', 0, 1_000_000),
    maxConnectionsPerClient: parseIntInRange(env.MAX_CONNECTIONS_PER_CLIENT, d.maxConnectionsPerClient, 'MAX_CONNECTIONS_PER_CLIENT', 0, 1_000_000),
  };
}

/** The names and addresses that bind only the loopback interface. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.includes(host.trim().toLowerCase());
}

/**
 * Development mode serves the outbox (every sign-in link and code) at /dev/outbox and the
 * admin token in the demo console, to anyone who can connect: it may listen on loopback only.
 */
export function assertSafeBind(config: Pick<ServerConfig, 'mode' | 'host'>): void {
  if (config.mode === 'development' && !isLoopbackHost(config.host)) {
    throw new ConfigError(
      `Development mode serves sign-in links (/dev/outbox) and the admin token to anyone who can reach it, so it listens only on ` +
        `127.0.0.1, ::1 or localhost, not on HOST=${config.host}. Use MODE=production (npm run serve:endpoint) to serve other interfaces.`,
    );
  }
}

/** 32 random bytes, hex: what development prints at start and the console page embeds. */
export function generateAdminToken(): string {
  return randomBytes(32).toString('hex');
}

function parseMode(value: string): Mode {
  if (value === 'development' || value === 'production') return value;
  throw new ConfigError(`MODE must be "development" or "production", not "${value}".`);
}

function parsePort(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${name} must be a port number.`);
  return port;
}

function parsePositiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer.`);
  return n;
}

function readTrustProxy(value: string | undefined): TrustProxy {
  try {
    return parseTrustProxy(value);
  } catch (err) {
    throw err instanceof TrustProxyError ? new ConfigError(err.message) : err;
  }
}

function parseIntInRange(value: string | undefined, fallback: number, name: string, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
}

function parsePublicUrl(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError('PUBLIC_ENDPOINT_URL must be an absolute URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('PUBLIC_ENDPOINT_URL must be http(s).');
  return url.href.replace(/\/+$/, '');
}
