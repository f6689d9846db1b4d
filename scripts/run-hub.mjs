// `npm run hub -- --port P --data DIR [--database postgres://…] …`: bundles the hub (main/hub/,
// TypeScript) with esbuild, builds the board's page when stale, then runs it with the arguments passed through. Signals are forwarded
// so Ctrl-C or a test's kill stops the hub cleanly and closes its database.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { buildBoardIfStale } from './build-board.mjs';
import { buildHub } from './build-hub.mjs';

const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM'];

// The board's page (served at /board/) is built too when its sources changed since the last build.
const [outfile] = await Promise.all([buildHub(), buildBoardIfStale()]);
const child = spawn(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of FORWARDED_SIGNALS) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  // Exit as the child did; a child killed by a signal is reported the shell's way (128 + number).
  process.exit(code ?? (signal === null ? 1 : 128 + (os.constants.signals[signal] ?? 0)));
});
