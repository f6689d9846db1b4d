import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { createOwnerOnlyFile } from './owner-only';
import { openFailure } from './storage-errors';

/**
 * One desk per data folder (docs/reliability.md, "One desk per data folder"). The hold is an
 * exclusive lock that the operating system keeps for the process and drops when it exits, however
 * it exits: SQLite's own file lock (POSIX advisory locks on Unix, LockFileEx on Windows) on a small
 * database of its own, opened with `locking_mode = EXCLUSIVE` and written once, so the lock is kept
 * until the connection closes. Nothing on disk has to be cleaned up after a crash, and no other
 * process can take the hold by deleting or rewriting a file.
 */
export const DESK_LOCK_FILE_NAME = 'desk.lock';

/** SQLite's header keeps `user_version` as a 4-byte big-endian integer at this offset. */
const USER_VERSION_OFFSET = 60;
const USER_VERSION_BYTES = 4;

export interface DeskLock {
  readonly file: string;
  /** Gives the folder up; the OS does the same if the process dies first. */
  release(): void;
}

/** A running desk holds the folder; `holderPid` is null when its pid could not be read. */
export class DeskLockedError extends Error {
  readonly holderPid: number | null;
  readonly dataDir: string;
  constructor(dataDir: string, holderPid: number | null) {
    super(
      `Another Receiving Desk ${holderPid === null ? '' : `(process ${holderPid}) `}is running on ${dataDir}. ` +
        'Close it first, or start this one on another data folder (--data).',
    );
    this.name = 'DeskLockedError';
    this.holderPid = holderPid;
    this.dataDir = dataDir;
  }
}

/**
 * The holder writes its pid into the lock database's header. The header sits outside the byte range
 * SQLite locks, so a refused process can read it with a plain read while the holder keeps the lock.
 */
function readHolderPid(file: string): number | null {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const bytes = Buffer.alloc(USER_VERSION_BYTES);
    if (readSync(fd, bytes, 0, USER_VERSION_BYTES, USER_VERSION_OFFSET) !== USER_VERSION_BYTES) return null;
    const pid = bytes.readUInt32BE(0);
    return pid > 0 ? pid : null;
  } catch {
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** True when another process has the database open (its WAL-mode shared lock refuses an exclusive one). */
function databaseInUse(databaseFile: string, nativeBinding: string | undefined): boolean {
  let probe: Database.Database;
  try {
    probe = new Database(databaseFile, { timeout: 0, fileMustExist: true, ...(nativeBinding === undefined ? {} : { nativeBinding }) });
  } catch (error) {
    if (isBusy(error)) return true;
    // Not openable as a database: the desk's own open says why.
    return false;
  }
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
    return false;
  } catch (error) {
    if (isBusy(error)) return true;
    return false;
  } finally {
    probe.close();
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/**
 * Takes the data folder for this process, or throws DeskLockedError naming the holder. Two calls in
 * one process conflict as well (SQLite shares its lock state between connections of a process).
 */
export function acquireDeskLock(dataDir: string, options: { readonly nativeBinding?: string; readonly databaseFile?: string } = {}): DeskLock {
  const file = path.join(dataDir, DESK_LOCK_FILE_NAME);
  try {
    createOwnerOnlyFile(file);
  } catch {
    // A folder this user cannot write: SQLite's open below fails and says so.
  }
  let db: Database.Database;
  try {
    // timeout 0: a held lock is an answer, not something to wait for.
    db = new Database(file, { timeout: 0, ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }) });
  } catch (error) {
    if (isBusy(error)) throw new DeskLockedError(dataDir, readHolderPid(file));
    throw openFailure(error, file);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the EXCLUSIVE lock, and this locking mode keeps it until close.
    db.exec('BEGIN EXCLUSIVE');
    db.pragma(`user_version = ${process.pid}`);
    db.exec('COMMIT');
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DeskLockedError(dataDir, readHolderPid(file));
    throw openFailure(error, file);
  }
  // The lock file can be deleted under a running desk (the lock is on its inode; a new file is a new
  // inode). The database itself cannot go without the desk's data, and a running desk holds it open
  // in WAL mode, which keeps a shared lock on it: if this process cannot take it exclusively for a
  // moment, another desk is using the folder.
  if (options.databaseFile !== undefined && existsSync(options.databaseFile) && databaseInUse(options.databaseFile, options.nativeBinding)) {
    db.close();
    throw new DeskLockedError(dataDir, null);
  }
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      db.close();
    },
  };
}
