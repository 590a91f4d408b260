import { createHash, randomBytes } from 'node:crypto';

/** Sign-in link and session tokens: 32 bytes from the CSPRNG (R1, R14), 256 bits. */
export const TOKEN_BYTES = 32;

/** A token is 43 base64url characters; anything longer than this is refused before hashing (R3). */
export const MAX_TOKEN_LENGTH = 128;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]+$/;

/** A new opaque token: 32 random bytes, base64url without padding (43 characters). */
export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * What the database keeps instead of a token (R2): its SHA-256, hex. Tokens carry 256 bits,
 * so a fast hash is enough (ASVS 6.5.2); lookups go by this value, never by comparing tokens.
 */
export function tokenHash(token: string): string {
  if (token.length > MAX_TOKEN_LENGTH) throw new RangeError('Token too long.');
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a string could be one of our tokens at all (short, base64url), before hashing it. */
export function isTokenShaped(value: string): boolean {
  return value.length >= 16 && value.length <= MAX_TOKEN_LENGTH && TOKEN_SHAPE.test(value);
}

/**
 * A stable, non-reversible key for "this address at this practice", for throttles that must
 * behave the same whether or not an account has the address (R10, R21).
 */
export function addressKey(practiceId: number, normalizedEmail: string): string {
  return createHash('sha256').update(`${practiceId}\n${normalizedEmail}`, 'utf8').digest('hex');
}

/** `jordan@example.com` → `j•••@example.com`: enough to recognise, too little to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  const first = [...email.slice(0, at)][0] ?? '';
  return `${first}•••${email.slice(at)}`;
}
