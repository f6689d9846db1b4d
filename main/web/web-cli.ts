import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createDeskCore } from '../core/desk-core';
import { startSyncScheduler } from '../core/sync/sync-scheduler';
import { startBackupScheduler } from '../core/backups/backups';
import { writeDeskPid } from '../db/desk-lock';
import { parseWebCliArgs, WEB_USAGE } from './cli-args';
import { DATABASE_FILE_NAME, defaultDataDir } from './data-dir';
import { openBrowser } from './open-browser';
import { startWebServer } from './server';

const TOKEN_BYTES = 24;

/** Entry point of `npm run web` (and of `npm start` where no Electron runtime is installed). */
async function main(): Promise<void> {
  let args;
  try {
    args = parseWebCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${WEB_USAGE}\n`);
    process.exit(2);
  }
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const token = args.token ?? randomBytes(TOKEN_BYTES).toString('base64url');
  const databaseFile = path.join(dataDir, DATABASE_FILE_NAME);
  const core = createDeskCore({
    databaseFile,
    seedDemoWhenEmpty: args.demo,
    logError: (method, error) => process.stderr.write(`[desk] ${method}: ${error instanceof Error ? error.stack : String(error)}\n`),
  });
  const server = await startWebServer({
    dispatch: core.dispatch,
    token,
    host: args.host,
    port: args.port,
    staticDir: path.join(__dirname, '..', 'renderer'),
  });
  // One line, as docs/architecture.md promises: scripts read the URL and the token from it.
  process.stdout.write(`Receiving Desk web mode: ${server.launchUrl} token=${token} data=${dataDir}${core.seededDemo ? ' (demo data loaded)' : ''}\n`);
  if (args.open) openBrowser(server.launchUrl);
  const releasePid = writeDeskPid(dataDir);
  const scheduler = startSyncScheduler(core.sync);
  const backups = startBackupScheduler(core.context, databaseFile, (error) =>
    process.stderr.write(`[desk] backup: ${error instanceof Error ? error.message : String(error)}\n`),
  );

  const shutdown = () => {
    scheduler.stop();
    releasePid();
    backups.stop();
    void server.close().finally(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Receiving Desk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
