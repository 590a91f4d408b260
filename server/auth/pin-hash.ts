import { createHmac, randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** PINs are six digits (R17): 10^6 values, about 19.9 bits. */
export const PIN_DIGITS = 6;

/**
 * scrypt at N=2^14, r=8, p=1 (16 MiB, ≈30–40 ms on the reference box) over HMAC-SHA256(pepper,
 * PIN), with a 16-byte salt per PIN (R19). The pepper lives outside the database, so a leaked
 * table alone cannot be brute-forced; the KDF makes each guess slow even with the pepper.
 * Each PIN row records its recipe (`kdf`), and checks use the recorded one, so the cost can
 * change without breaking PINs already issued.
 */
export const DEFAULT_PIN_SCRYPT_LOG_N = 14;
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const KEY_LENGTH = 32;
const MIN_LOG_N = 10;
const MAX_LOG_N = 20;
export const PIN_SALT_BYTES = 16;

/** The recipe stored beside a hash, e.g. `hmac-sha256(pepper)+scrypt(N=16384,r=8,p=1,len=32)`. */
export function pinKdfLabel(logN: number = DEFAULT_PIN_SCRYPT_LOG_N): string {
  return `hmac-sha256(pepper)+scrypt(N=${2 ** logN},r=${SCRYPT_R},p=${SCRYPT_P},len=${KEY_LENGTH})`;
}
export const PIN_KDF_LABEL = pinKdfLabel();

const LABEL = /^hmac-sha256\(pepper\)\+scrypt\(N=(\d+),r=(\d+),p=(\d+),len=(\d+)\)$/;

/** The scrypt N a stored recipe names, or undefined for one this server does not know. */
function logNOf(label: string): number | undefined {
  const match = LABEL.exec(label);
  if (!match || Number(match[2]) !== SCRYPT_R || Number(match[3]) !== SCRYPT_P || Number(match[4]) !== KEY_LENGTH) return undefined;
  const logN = Math.log2(Number(match[1]));
  return Number.isInteger(logN) && logN >= MIN_LOG_N && logN <= MAX_LOG_N ? logN : undefined;
}

/** The shortest pepper accepted from PIN_PEPPER. */
export const MIN_PEPPER_LENGTH = 32;
/** Development keeps its generated pepper here, under the data directory. */
export const DEV_PEPPER_FILE = 'pin-pepper';

/** A uniformly random six-digit PIN, zero-padded (R17). */
export function generatePin(): string {
  return String(randomInt(0, 10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0');
}

/** "123 456" → "123456"; anything that is not then exactly six ASCII digits → undefined. */
export function normalizePin(input: string): string | undefined {
  if (input.length > 32) return undefined; // capped before any work (R3); the schema says the same
  const pin = input.replace(/\s+/g, '');
  return /^[0-9]{6}$/.test(pin) ? pin : undefined;
}

function scryptAsync(password: Buffer, salt: Buffer, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) => {
    // The async form runs on libuv's thread pool, so a hash never blocks the event loop.
    scrypt(password, salt, KEY_LENGTH, { N, r: SCRYPT_R, p: SCRYPT_P, maxmem: 256 * N * SCRYPT_R }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes and checks PINs with one server-wide pepper. */
export class PinHasher {
  readonly #pepper: Buffer;
  readonly #logN: number;
  /** The recipe new PINs get. */
  readonly kdf: string;

  /** `logN`: scrypt cost for new PINs, log2 N (default 14; tests lower it to run faster). */
  constructor(pepper: string | Buffer, options: { logN?: number } = {}) {
    this.#pepper = Buffer.isBuffer(pepper) ? Buffer.from(pepper) : Buffer.from(pepper, 'utf8');
    if (this.#pepper.length < MIN_PEPPER_LENGTH) throw new RangeError(`The PIN pepper must be at least ${MIN_PEPPER_LENGTH} bytes.`);
    this.#logN = options.logN ?? DEFAULT_PIN_SCRYPT_LOG_N;
    if (!Number.isInteger(this.#logN) || this.#logN < MIN_LOG_N || this.#logN > MAX_LOG_N) {
      throw new RangeError(`The scrypt cost must be 2^${MIN_LOG_N}…2^${MAX_LOG_N}.`);
    }
    this.kdf = pinKdfLabel(this.#logN);
  }

  #hash(pin: string, salt: Buffer, logN: number): Promise<Buffer> {
    const keyed = createHmac('sha256', this.#pepper).update(pin, 'utf8').digest();
    return scryptAsync(keyed, salt, logN);
  }

  /** A fresh salt, the hash of `pin` with it, and the recipe to store beside them. */
  async create(pin: string): Promise<{ salt: Buffer; hash: Buffer; kdf: string }> {
    const salt = randomBytes(PIN_SALT_BYTES);
    return { salt, hash: await this.#hash(pin, salt, this.#logN), kdf: this.kdf };
  }

  /**
   * Whether `pin` matches a stored hash made with the recipe `kdf`; the comparison takes the
   * same time wherever the bytes differ (R3). An unknown recipe never matches.
   */
  async verify(pin: string, salt: Buffer, expected: Buffer, kdf: string = this.kdf): Promise<boolean> {
    const logN = logNOf(kdf);
    if (logN === undefined) return this.burn();
    const actual = await this.#hash(pin, salt, logN);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /**
   * The same work as a verification with nothing to compare against: an unknown email, no
   * live PIN, a locked or malformed one. The refusal then takes as long as a wrong PIN (R24).
   */
  async burn(): Promise<false> {
    await this.#hash('000000', randomBytes(PIN_SALT_BYTES), this.#logN);
    return false;
  }
}

/**
 * Development's pepper: generated once and kept in `<dataDir>/pin-pepper` (mode 0600), so
 * PINs issued before a restart still work after it. Production must set PIN_PEPPER instead.
 */
export function loadOrCreateDevPepper(dataDir: string): string {
  const file = join(dataDir, DEV_PEPPER_FILE);
  const read = (): string | undefined => {
    try {
      const value = readFileSync(file, 'utf8').trim();
      return value.length >= MIN_PEPPER_LENGTH ? value : undefined;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  };
  const existing = read();
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
    return value;
  } catch (err) {
    // Another process created it first (two starts at once): use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      const theirs = read();
      if (theirs) return theirs;
    }
    throw err;
  }
}
