import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { createOwnerOnlyDir, createOwnerOnlyFile } from './owner-only';

/** Backups live beside the database, in their own folder. */
export const BACKUP_DIR_NAME = 'backups';
/** The newest this many backups are kept; older ones are removed after each new one. */
export const MAX_BACKUPS = 10;
const BACKUP_FILE = /^desk-(\d{8}T\d{6}\d{3}Z)(?:-(before-v\d+))?\.sqlite$/;

export interface BackupFile {
  readonly name: string;
  readonly path: string;
  readonly createdAt: string;
  readonly bytes: number;
  /** `scheduled`, or the migration it was taken before. */
  readonly reason: string;
}

export function backupFolder(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), BACKUP_DIR_NAME);
}

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

function fromStamp(text: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(text);
  return match === null ? text : `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}.${match[7]}Z`;
}

/** Every backup of this database, newest first. */
export function listBackups(databaseFile: string): BackupFile[] {
  const folder = backupFolder(databaseFile);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ name, match: BACKUP_FILE.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({
      name,
      path: path.join(folder, name),
      createdAt: fromStamp(match[1] as string),
      bytes: statSync(path.join(folder, name)).size,
      reason: match[2] ?? 'scheduled',
    }))
    .sort((a, b) => b.name.localeCompare(a.name));
}

function rotate(databaseFile: string): void {
  for (const old of listBackups(databaseFile).slice(MAX_BACKUPS)) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(old.path + suffix, { force: true });
  }
}

/**
 * A backup is one self-contained file: rollback-journal mode, so reading it later leaves no -wal
 * beside it. Done through the desk's own connection (ATTACH), which already has the right native
 * binding under Electron.
 */
function makeSelfContained(db: Database, file: string): void {
  db.prepare("ATTACH DATABASE ? AS backup_copy").run(file);
  try {
    db.pragma('backup_copy.journal_mode = DELETE');
  } finally {
    db.exec('DETACH DATABASE backup_copy');
  }
}

function target(databaseFile: string, at: Date, reason: string | null): string {
  const folder = backupFolder(databaseFile);
  createOwnerOnlyDir(folder);
  const file = path.join(folder, `desk-${stamp(at)}${reason === null ? '' : `-${reason}`}.sqlite`);
  // Made empty and 0600 first: SQLite writes the copy into it and keeps its mode (and gives the
  // copy's journal the same), so a backup is never readable by others, whatever the umask.
  createOwnerOnlyFile(file);
  return file;
}

/**
 * A consistent copy taken before a migration changes the schema (VACUUM INTO: one statement, a
 * snapshot, synchronous, so the migration waits for it).
 */
export function backupBeforeMigration(db: Database, databaseFile: string, toVersion: number): string {
  const file = target(databaseFile, new Date(), `before-v${toVersion}`);
  db.prepare('VACUUM INTO ?').run(file);
  makeSelfContained(db, file);
  rotate(databaseFile);
  return file;
}

/** An online backup with better-sqlite3's backup API: the desk keeps taking scans while it copies. */
export async function onlineBackup(db: Database, databaseFile: string, at: Date): Promise<BackupFile> {
  const file = target(databaseFile, at, null);
  await db.backup(file);
  makeSelfContained(db, file);
  rotate(databaseFile);
  const made = listBackups(databaseFile).find((backup) => backup.path === file);
  if (made === undefined) throw new Error(`the backup ${file} was not written`);
  return made;
}
