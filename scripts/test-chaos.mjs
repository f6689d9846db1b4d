// `npm run test:chaos`: the long runs `npm test` only samples (CHAOS_SCALE=full): sync through every
// upstream fault with 2,000+ transitions, 20 SIGKILLs of the desk under load, and the 10,000-case fuzz runs.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHAOS_TESTS = ['test/integration/sync-chaos.test.ts', 'test/integration/crash-safety.test.ts', 'test/integration/fuzz.test.ts'];

// What the suites need beyond npm (Chromium, PostgreSQL): the same first step as `npm test`.
const prepare = spawnSync(process.execPath, [path.join(root, 'scripts', 'prepare-test-machine.mjs')], { cwd: root, stdio: 'inherit' });
if (prepare.status !== 0) process.exit(prepare.status ?? 1);

// The crash test starts the built web mode as a child process.
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'integration', ...CHAOS_TESTS], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHAOS_SCALE: 'full' },
});
child.on('exit', (code) => process.exit(code ?? 1));
