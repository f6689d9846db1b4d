import { copyFileSync, existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { listBackups } from '../db/backups';
import { runningDeskPid } from '../db/desk-lock';
import { openDatabase } from '../db/open-database';
import { DATABASE_FILE_NAME, defaultDataDir } from '../web/data-dir';

const USAGE = 'usage: npm run restore -- [--data DIR] [--list | --backup NAME]';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/**
 * `npm run restore`: lists the backups of a data folder, or puts one back. The database in use is
 * kept beside it (renamed, never deleted), the backup is checked before it goes in, and a desk that
 * is running on the folder is refused.
 */
function main(): number {
  const dataDir = path.resolve(argument('--data') ?? defaultDataDir());
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  const backups = listBackups(databaseFile);
  const name = argument('--backup');
  if (process.argv.includes('--list') || name === undefined) {
    if (backups.length === 0) process.stdout.write(`No backups in ${path.join(dataDir, 'backups')}.\n`);
    for (const backup of backups) process.stdout.write(`${backup.name}  ${backup.createdAt}  ${(backup.bytes / 2 ** 20).toFixed(1)} MB  ${backup.reason}\n`);
    if (name === undefined && !process.argv.includes('--list')) process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const chosen = backups.find((backup) => backup.name === name);
  if (chosen === undefined) {
    process.stderr.write(`No backup named ${name} in ${path.join(dataDir, 'backups')}. Run with --list to see them.\n`);
    return 2;
  }
  const running = runningDeskPid(dataDir);
  if (running !== null) {
    process.stderr.write(`A Receiving Desk (pid ${running}) is running on ${dataDir}. Close it first, then restore.\n`);
    return 3;
  }
  const check = openDatabase(chosen.path, { readonly: true });
  const integrity = String(check.pragma('integrity_check', { simple: true }));
  check.close();
  if (integrity !== 'ok') {
    process.stderr.write(`The backup ${name} is damaged (${integrity}); nothing was changed. Pick another one.\n`);
    return 4;
  }
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const keptAs = `${databaseFile}.before-restore-${stamp}`;
  if (existsSync(databaseFile)) {
    renameSync(databaseFile, keptAs);
    for (const suffix of ['-wal', '-shm']) if (existsSync(databaseFile + suffix)) renameSync(databaseFile + suffix, keptAs + suffix);
  }
  copyFileSync(chosen.path, databaseFile);
  process.stdout.write(`Restored ${name} (${chosen.createdAt}) into ${databaseFile}.${existsSync(keptAs) ? ` The database it replaced is kept as ${keptAs}.` : ''}\n`);
  return 0;
}

try {
  process.exit(main());
} catch (error) {
  process.stderr.write(`Restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
