import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The desk's files are the user's alone (docs/reliability.md, "Owner-only files"): files 0600 and
 * folders 0700 whatever the umask. Modes are set explicitly after creating, since a umask only ever
 * takes bits away and a permissive one (0) would otherwise leave a file readable by everyone.
 * SQLite gives a database's -wal, -shm and -journal files the mode of the database file itself, so
 * creating the database file 0600 first covers them.
 */
export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;
/** The group and other bits. */
const OTHERS = 0o077;

/** Creates an empty file 0600 when it is missing; an existing one loses its group and other bits. */
export function createOwnerOnlyFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', OWNER_ONLY_FILE));
    chmodSync(file, OWNER_ONLY_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    tightenFile(file);
  }
}

/** Takes group and other bits off a file of ours that exists (its owner bits stay as they are). */
export function tightenFile(file: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    return;
  }
  if ((mode & OTHERS) !== 0) chmodSync(file, mode & ~OTHERS);
}

/** Creates a folder (and its parents) 0700; a folder that exists is left as it is. Returns whether it was made. */
export function createOwnerOnlyDir(dir: string): boolean {
  const first = mkdirSync(dir, { recursive: true, mode: OWNER_ONLY_DIR });
  if (first === undefined) return false;
  // Every folder mkdir made, from `dir` up to the first one it had to create.
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    chmodSync(current, OWNER_ONLY_DIR);
    if (current === path.resolve(first) || path.dirname(current) === current) break;
  }
  return true;
}

/** The mode bits of a folder or file that give others (group or everyone) any access; 0 when none. */
export function othersAccess(target: string): number {
  try {
    return statSync(target).mode & OTHERS;
  } catch {
    return 0;
  }
}
