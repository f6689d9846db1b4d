// `npm run bench`: builds, runs every benchmark of test/bench on a fresh data folder, then prints
// the table of figures from test/bench/results.json (docs/performance.md). Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.join(root, 'test', 'bench', 'results.json');
const started = Date.now();

const run = (args, env = {}) => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
};

// What the benchmarks need beyond npm (Chromium, PostgreSQL): the same first step as `npm test`.
if (run([path.join(root, 'scripts', 'prepare-test-machine.mjs')]) !== 0) process.exit(1);
if (run([path.join(root, 'scripts', 'build.mjs'), '--quiet']) !== 0) process.exit(1);
rmSync(resultsFile, { force: true });
// The data set lives on the disk the desk would use, in a folder of its own, removed afterwards.
const benchDir = mkdtempSync(path.join(os.tmpdir(), 'receiving-desk-bench-'));
const status = run([path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'bench'], { BENCH_DIR: benchDir });
rmSync(benchDir, { recursive: true, force: true });

if (!existsSync(resultsFile)) {
  console.error('no results were written');
  process.exit(1);
}
const { figures, machine } = JSON.parse(readFileSync(resultsFile, 'utf8'));
const rows = figures.map((figure) => [
  figure.name,
  `${figure.value} ${figure.unit}`,
  figure.target ?? '',
  figure.met === null ? 'reported' : figure.met ? 'met' : 'MISSED',
]);
const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length), 6));
console.log(`\nReceiving Desk benchmarks (${machine}), ${Math.round((Date.now() - started) / 1000)} s\n`);
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
console.log(`\nwritten to ${path.relative(root, resultsFile)}`);
process.exit(status);
