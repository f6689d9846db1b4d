import { DeskError } from '../../shared/rpc/envelope';

/**
 * What a SQLite failure means for the operator: the problem in words, and the way out. Used when
 * the desk opens its database and when a method fails on it; nothing is ever half-written, because
 * every method is one transaction and a failed one is rolled back.
 */
const RESTORE_HINT = 'Restore the latest backup with `npm run restore` (or the Backups screen), or start on an empty data folder and rebuild from the upstream with Sync now.';

/** Each problem in English for logs and scripts, and its catalogue key (docs/i18n.md) for a screen. */
const PROBLEMS: Readonly<Record<string, { problem: string; wayOut: string; key: string }>> = {
  SQLITE_FULL: { key: 'storageFull', problem: 'the disk is full', wayOut: 'Free space on the disk that holds the data folder, then try again.' },
  SQLITE_READONLY: { key: 'storageReadOnly', problem: 'the data folder or the database file is read-only', wayOut: 'Give this user write access to the data folder and its files, or start with a data folder it can write (--data).' },
  SQLITE_CANTOPEN: { key: 'storageCannotOpen', problem: 'the database file cannot be opened (the folder is missing, read-only, or not accessible)', wayOut: 'Check that the data folder exists and that this user may write in it, or start with another data folder (--data).' },
  SQLITE_CORRUPT: { key: 'storageDamaged', problem: 'the database file is damaged', wayOut: RESTORE_HINT },
  SQLITE_NOTADB: { key: 'storageNotADatabase', problem: 'the database file is not a Receiving Desk database (it may be truncated or overwritten)', wayOut: RESTORE_HINT },
  SQLITE_IOERR: { key: 'storageIoError', problem: 'the disk reported an input/output error', wayOut: 'Check the disk; then restore the latest backup onto a healthy disk if the error stays.' },
  SQLITE_BUSY: { key: 'storageBusy', problem: 'another program holds the database', wayOut: 'Close the other Receiving Desk (only one may run on a data folder) and try again.' },
  SQLITE_PERM: { key: 'storagePermission', problem: 'the operating system refused access to the database file', wayOut: 'Give this user access to the data folder and its files.' },
};

export interface StorageProblem {
  readonly code: string;
  readonly problem: string;
  readonly wayOut: string;
  /** The catalogue text saying problem and way out. */
  readonly key: string;
}

/** The storage problem behind an error, if it is one (an SQLITE_* code, extended codes included). */
export function storageProblem(error: unknown): StorageProblem | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const known = PROBLEMS[code] ?? PROBLEMS[code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')];
  return { code, problem: known?.problem ?? `the database reported ${code}`, wayOut: known?.wayOut ?? RESTORE_HINT, key: known?.key ?? 'storageOther' };
}

/** The error to show for a database that failed while opening: a storage error with the way out. */
export function openFailure(error: unknown, file: string): unknown {
  const problem = storageProblem(error);
  if (problem === null) return error;
  return new DeskError('storage', `The desk cannot open ${file}: ${problem.problem} (${problem.code}). ${problem.wayOut}`, { code: problem.code }, {
    key: problem.key,
    params: { code: problem.code },
  });
}
