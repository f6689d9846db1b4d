/**
 * Board passwords, kept only as scrypt hashes (docs/site-board.md). scrypt is slow and
 * memory-hard by design, so a stolen database does not give the passwords away; the same cost
 * makes each sign-in expensive, so hashes run a few at a time per process (a flood of sign-ins
 * waits in line rather than taking the CPU from the desks' pushes).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost: N = 2^15, r = 8, p = 1 (32 MiB, tens of milliseconds), OWASP's minimum for scrypt. */
export const SCRYPT_N = 2 ** 15;
export const SCRYPT_R = 8;
export const SCRYPT_P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** scrypt needs 128 × N × r bytes; Node refuses more than `maxmem`, so leave it room. */
const SCRYPT_MAXMEM = 256 * SCRYPT_N * SCRYPT_R;
/** Hashes computed at once in one hub process; the rest wait their turn. */
export const MAX_CONCURRENT_HASHES = 2;
/** Shortest password accepted: a passphrase, not a PIN (NIST SP 800-63B asks at least 8; we ask more). */
export const MIN_PASSWORD_LENGTH = 12;
/** Longest password accepted (scrypt takes any length; this only bounds the request). */
export const MAX_PASSWORD_LENGTH = 1_024;

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

const DEFAULT_PARAMS: ScryptParams = { N: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P };

let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  return inTurn(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, length, { N: params.N, r: params.r, p: params.p, maxmem: Math.max(SCRYPT_MAXMEM, 256 * params.N * params.r) }, (error, key) =>
          error === null ? resolve(key) : reject(error),
        );
      }),
  );
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url: the parameters travel with the hash. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash, in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  const [scheme, n, r, p, saltText, keyText] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || saltText === undefined || keyText === undefined) return false;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((value) => Number.isInteger(value) && value > 0)) return false;
  const expected = Buffer.from(keyText, 'base64url');
  if (expected.length === 0) return false;
  const key = await derive(password, Buffer.from(saltText, 'base64url'), params, expected.length);
  return timingSafeEqual(key, expected);
}

/** A hash of nothing anyone knows: checked against when the user name does not exist, so the answer takes as long. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(KEY_BYTES).toString('base64url'));
  return decoy;
}
