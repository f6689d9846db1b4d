import path from 'node:path';
import { DeskLockedError } from '../db/desk-lock';
import { defaultDataDir } from '../host/data-dir';
import { backupsOf, restoreBackup, supervisorWhoConfirms } from '../host/restore';

const USAGE = "usage: npm run restore -- [--data DIR] [--list | --backup NAME]   (a supervisor's badge in DESK_SUPERVISOR_BADGE)";
/** Where a supervisor's badge is given: an environment variable, so it never shows in a process list. */
const BADGE_VARIABLE = 'DESK_SUPERVISOR_BADGE';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

/** `npm run restore`: lists the backups of a data folder, or puts one back (main/host/restore.ts). */
async function main(): Promise<number> {
  const dataDir = path.resolve(argument('--data') ?? defaultDataDir());
  const name = argument('--backup');
  if (process.argv.includes('--list') || name === undefined) {
    const { folder, backups } = backupsOf(dataDir);
    if (backups.length === 0) process.stdout.write(`No backups in ${folder}.\n`);
    for (const backup of backups) process.stdout.write(`${backup.name}  ${backup.createdAt}  ${(backup.bytes / 2 ** 20).toFixed(1)} MB  ${backup.reason}\n`);
    if (name === undefined && !process.argv.includes('--list')) process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const supervisor = await supervisorWhoConfirms(dataDir, process.env[BADGE_VARIABLE]);
  if (supervisor === 'refused') {
    process.stderr.write(`Restoring is a supervisor action: set ${BADGE_VARIABLE} to a supervisor's badge of this desk and run it again. Nothing was changed.\n`);
    return 5;
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
        `Restored ${name} (${outcome.backup.createdAt}) into ${outcome.databaseFile}${supervisor === null ? '' : `, confirmed by ${supervisor}`}.` +
          `${outcome.keptAs === null ? '' : ` The database it replaced is kept as ${outcome.keptAs}.`}` +
          `${outcome.photos === 0 ? '' : ` ${outcome.photos} photos put back from backups/photos.`}\n`,
      );
      return 0;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Restore failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
