/**
 * Badge codes are credentials (they sign people in and confirm supervisor actions): stored only as a
 * salted scrypt hash, never in the clear, compared in constant time (docs/reliability.md, "Roles").
 * The parameters travel in the stored string, so a later desk can raise them without a migration.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: 2^14 × 8 × 128 B = 16 MiB and ~50 ms a hash here: slow for a guesser, fine for a badge scan. */
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Room for N = 2^14, r = 8 (16 MiB) with headroom; Node's default cap is 32 MiB. */
const MAX_MEMORY = 64 * 1024 * 1024;
const PREFIX = 'scrypt';

interface Parsed {
  readonly options: ScryptOptions;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parse(stored: string): Parsed | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  return {
    options: { N: Number(n), r: Number(r), p: Number(p), maxmem: MAX_MEMORY },
    salt: Buffer.from(salt, 'base64'),
    hash: Buffer.from(hash, 'base64'),
  };
}

function format(salt: Buffer, hash: Buffer): string {
  return [PREFIX, COST.N, COST.r, COST.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** The stored form of a (normalised) badge code: `scrypt$N$r$p$salt$hash`. */
export function hashBadgeSync(badge: string): string {
  const salt = randomBytes(SALT_BYTES);
  return format(salt, scryptSync(badge, salt, KEY_BYTES, { ...COST, maxmem: MAX_MEMORY }));
}

function scryptAsync(badge: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(badge, salt, length, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

/** The same, off the event loop (libuv's thread pool), for the desk's methods. */
export async function hashBadge(badge: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return format(salt, await scryptAsync(badge, salt, { ...COST, maxmem: MAX_MEMORY }, KEY_BYTES));
}

/** Whether `badge` is the one `stored` was made from, compared in constant time. */
export async function badgeMatches(badge: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === null) return false;
  const candidate = await scryptAsync(badge, parsed.salt, parsed.options, parsed.hash.length);
  return candidate.length === parsed.hash.length && timingSafeEqual(candidate, parsed.hash);
}
