import { copyFileSync, existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { listBackups, type BackupFile } from '../db/backups';
import { acquireDeskLock } from '../db/desk-lock';
import { openDatabase } from '../db/open-database';
import { createOwnerOnlyFile } from '../db/owner-only';
import { DATABASE_FILE_NAME } from './data-dir';

export type RestoreOutcome =
  | { readonly kind: 'restored'; readonly backup: BackupFile; readonly databaseFile: string; readonly keptAs: string | null }
  | { readonly kind: 'noSuchBackup'; readonly folder: string }
  | { readonly kind: 'damaged'; readonly integrity: string };

export function backupsOf(dataDir: string): { readonly folder: string; readonly backups: BackupFile[] } {
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  return { folder: path.join(dataDir, 'backups'), backups: listBackups(databaseFile) };
}

/**
 * Puts a backup back in place of the data folder's database. Takes the folder's lock for the whole
 * swap: a desk running on it makes this throw DeskLockedError (naming its process), and no desk can
 * start half way through. The database in use is kept beside it (renamed, never deleted), and the
 * backup is checked before it goes in.
 */
export function restoreBackup(dataDir: string, name: string, now: Date = new Date()): RestoreOutcome {
  const folder = path.resolve(dataDir);
  const databaseFile = path.join(folder, DATABASE_FILE_NAME);
  const chosen = listBackups(databaseFile).find((backup) => backup.name === name);
  if (chosen === undefined) return { kind: 'noSuchBackup', folder: path.join(folder, 'backups') };
  const lock = acquireDeskLock(folder);
  try {
    const check = openDatabase(chosen.path, { readonly: true });
    const integrity = String(check.pragma('integrity_check', { simple: true }));
    check.close();
    if (integrity !== 'ok') return { kind: 'damaged', integrity };
    const keptAs = `${databaseFile}.before-restore-${now.toISOString().replace(/[-:.]/g, '')}`;
    let kept = false;
    if (existsSync(databaseFile)) {
      renameSync(databaseFile, keptAs);
      kept = true;
      for (const suffix of ['-wal', '-shm']) if (existsSync(databaseFile + suffix)) renameSync(databaseFile + suffix, keptAs + suffix);
    }
    createOwnerOnlyFile(databaseFile);
    copyFileSync(chosen.path, databaseFile);
    return { kind: 'restored', backup: chosen, databaseFile, keptAs: kept ? keptAs : null };
  } finally {
    lock.release();
  }
}
