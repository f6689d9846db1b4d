import path from 'node:path';
import { DeskLockedError } from '../db/desk-lock';
import { defaultDataDir } from '../host/data-dir';
import { backupsOf, restoreBackup } from '../host/restore';

const USAGE = 'usage: npm run restore -- [--data DIR] [--list | --backup NAME]';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** `npm run restore`: lists the backups of a data folder, or puts one back (main/host/restore.ts). */
function main(): number {
  const dataDir = path.resolve(argument('--data') ?? defaultDataDir());
  const name = argument('--backup');
  if (process.argv.includes('--list') || name === undefined) {
    const { folder, backups } = backupsOf(dataDir);
    if (backups.length === 0) process.stdout.write(`No backups in ${folder}.\n`);
    for (const backup of backups) process.stdout.write(`${backup.name}  ${backup.createdAt}  ${(backup.bytes / 2 ** 20).toFixed(1)} MB  ${backup.reason}\n`);
    if (name === undefined && !process.argv.includes('--list')) process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let outcome;
  try {
    outcome = restoreBackup(dataDir, name);
  } catch (error) {
    if (!(error instanceof DeskLockedError)) throw error;
    process.stderr.write(`${error.message} Restore refused; nothing was changed.\n`);
    return 3;
  }
  switch (outcome.kind) {
    case 'noSuchBackup':
      process.stderr.write(`No backup named ${name} in ${outcome.folder}. Run with --list to see them.\n`);
      return 2;
    case 'damaged':
      process.stderr.write(`The backup ${name} is damaged (${outcome.integrity}); nothing was changed. Pick another one.\n`);
      return 4;
    case 'restored':
      process.stdout.write(
        `Restored ${name} (${outcome.backup.createdAt}) into ${outcome.databaseFile}.${outcome.keptAs === null ? '' : ` The database it replaced is kept as ${outcome.keptAs}.`}\n`,
      );
      return 0;
  }
}

try {
  process.exit(main());
} catch (error) {
  process.stderr.write(`Restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
