import { copyFileSync, existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { listBackups, type BackupFile } from '../db/backups';
import { acquireDeskLock } from '../db/desk-lock';
import { openDatabase } from '../db/open-database';
import { createOwnerOnlyFile } from '../db/owner-only';
import { badgeMatches } from '../db/badge-hash';
import { normalizeCode } from '../../shared/domain/serial';
import { restorePhotos } from '../core/packages/damage';
import { DATABASE_FILE_NAME } from './data-dir';

export type RestoreOutcome =
  | { readonly kind: 'restored'; readonly backup: BackupFile; readonly databaseFile: string; readonly keptAs: string | null; readonly photos: number }
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
  const lock = acquireDeskLock(folder, { databaseFile });
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
    // Photos taken at the dock live beside the database; any missing one comes back from the backups.
    const photos = restorePhotos(folder);
    return { kind: 'restored', backup: chosen, databaseFile, keptAs: kept ? keptAs : null, photos };
  } finally {
    lock.release();
  }
}

/**
 * Restoring is a supervisor action (docs/receiving-rules.md, "Roles"): when the database being
 * replaced has a supervisor with a badge, one of them confirms with theirs. Returns the supervisor's
 * name, null for a desk with none (still being set up), or 'refused'.
 */
export async function supervisorWhoConfirms(dataDir: string, badge: string | undefined): Promise<string | null | 'refused'> {
  const databaseFile = path.join(path.resolve(dataDir), DATABASE_FILE_NAME);
  if (!existsSync(databaseFile)) return null;
  const current = openDatabase(databaseFile, { readonly: true });
  let hashes: { name: string; badgeHash: string }[];
  try {
    const hasRoles = current.prepare("SELECT 1 FROM pragma_table_info('operators') WHERE name = 'role'").get() !== undefined;
    hashes = hasRoles
      ? (current
          .prepare("SELECT name, badge_hash AS badgeHash FROM operators WHERE role = 'supervisor' AND badge_hash IS NOT NULL")
          .all() as { name: string; badgeHash: string }[])
      : [];
  } finally {
    current.close();
  }
  if (hashes.length === 0) return null;
  if (badge === undefined || badge.trim() === '') return 'refused';
  const code = normalizeCode(badge);
  const matches = await Promise.all(hashes.map((row) => badgeMatches(code, row.badgeHash)));
  return hashes.find((_row, index) => matches[index] === true)?.name ?? 'refused';
}
