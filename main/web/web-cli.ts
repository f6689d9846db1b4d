import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startDesk } from '../host/start-desk';
import { defaultDataDir } from '../host/data-dir';
import { parseWebCliArgs, WEB_USAGE } from './cli-args';
import { openBrowser } from './open-browser';
import { startWebServer } from './server';

const TOKEN_BYTES = 24;
/** Files this process creates are the user's alone, whatever the shell's umask (docs/reliability.md). */
const OWNER_ONLY_UMASK = 0o077;

/** Entry point of `npm run web` (and of `npm start` where no Electron runtime is installed): a thin shell over main/host. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseWebCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${WEB_USAGE}\n`);
    process.exit(2);
  }
  process.umask(OWNER_ONLY_UMASK);
  const dataDir = path.resolve(args.dataDir ?? defaultDataDir());
  const token = args.token ?? randomBytes(TOKEN_BYTES).toString('base64url');
  const desk = await startDesk(dataDir, {
    seedDemoWhenEmpty: args.demo,
    logError: (where, error) => process.stderr.write(`[desk] ${where}: ${error instanceof Error ? error.stack : String(error)}\n`),
  });
  for (const warning of desk.warnings) process.stderr.write(`[desk] warning: ${warning}\n`);
  if (args.tokenSource === 'argument') {
    process.stderr.write('[desk] warning: --token shows in the process list to every user of this computer; use --token-file or RECEIVING_DESK_TOKEN.\n');
  }
  let server;
  try {
    server = await startWebServer({
      dispatch: desk.dispatch,
      events: desk.events,
      token,
      host: args.host,
      port: args.port,
      staticDir: path.join(__dirname, '..', 'renderer'),
    });
  } catch (error) {
    await desk.close();
    throw error;
  }
  // One line, as docs/architecture.md ("Web mode") promises: scripts read the URL and the token from it.
  process.stdout.write(`Receiving Desk web mode: ${server.launchUrl} token=${token} data=${dataDir}${desk.seededDemo ? ' (demo data loaded)' : ''}\n`);
  // The browser gets a one-time launch code, not the token: its command line is public on this machine.
  if (args.open) openBrowser(server.mintLaunchUrl());

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void server
      .close()
      .then(() => desk.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`[desk] shutdown: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`Receiving Desk could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
