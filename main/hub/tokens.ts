/**
 * Desk tokens, enrollment codes and the admin token (docs/hub.md, "Desks and tokens"). Tokens are
 * 256 random bits; the hub keeps only their SHA-256 (a token is never guessable, so a plain hash is
 * enough, and a lookup by hash needs no per-row salt). No token text is ever written or logged.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_BYTES = 32;
/** Enrollment codes: 20 characters of Crockford base32 (100 bits), shown in groups of five. */
export const ENROLLMENT_CODE_LENGTH = 20;
const ENROLLMENT_GROUP = 5;
/** An enrollment code is good for one enrollment within this long. */
export const ENROLLMENT_TTL_MS = 24 * 60 * 60 * 1000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares in constant time: hashing first makes the lengths equal too. */
export function secretMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(presented).digest(), createHash('sha256').update(expected).digest());
}

export function newEnrollmentCode(): string {
  const bytes = randomBytes(ENROLLMENT_CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += CROCKFORD[byte % CROCKFORD.length];
  return code.match(new RegExp(`.{${ENROLLMENT_GROUP}}`, 'g'))?.join('-') ?? code;
}

/** As typed: any case, with or without the dashes and spaces; Crockford's look-alikes read as digits. */
export function normalizeEnrollmentCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[OQ]/g, '0')
    .replace(/[IL]/g, '1');
}

/** The token of an `Authorization: Bearer …` header; the scheme in any case (RFC 9110 §11.1). */
export function bearerToken(header: string | undefined): string | null {
  const match = /^bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
