// `npm run test:chaos`: the long runs `npm test` only samples (CHAOS_SCALE=full): sync through every
// upstream fault with 2,000+ transitions, and whatever else declares itself a chaos test.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHAOS_TESTS = ['test/integration/sync-chaos.test.ts'];

const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'integration', ...CHAOS_TESTS], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHAOS_SCALE: 'full' },
});
child.on('exit', (code) => process.exit(code ?? 1));
