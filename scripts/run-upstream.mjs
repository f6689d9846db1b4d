// `npm run upstream -- --port P --data DIR --token T`: bundles the reference upstream
// (test/upstream/, TypeScript) with esbuild, then runs it with the arguments passed through.
// Signals are forwarded so Ctrl-C or a test's kill stops the service cleanly and closes its database.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'dist', 'upstream', 'upstream-cli.cjs');
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM'];

await build({
  entryPoints: [path.join(root, 'test', 'upstream', 'upstream-cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // A native module: loaded from node_modules at run time, never bundled.
  external: ['better-sqlite3'],
  logLevel: 'warning',
});

const child = spawn(process.execPath, ['--enable-source-maps', outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of FORWARDED_SIGNALS) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  // Exit as the child did; a child killed by a signal is reported the shell's way (128 + number).
  process.exit(code ?? (signal === null ? 1 : 128 + (os.constants.signals[signal] ?? 0)));
});
