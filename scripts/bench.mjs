// `npm run bench`: builds, runs every benchmark of test/bench on a fresh data folder, then prints
// the table of figures from test/bench/results.json (docs/performance.md). Not part of `npm test`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = path.join(root, 'test', 'bench', 'results.json');
const started = Date.now();

/** The machine is shared: its 1-minute load average, sampled through the run, is printed beside the figures. */
const LOAD_SAMPLE_MS = 10_000;
const loads = [os.loadavg()[0]];
const sampler = setInterval(() => loads.push(os.loadavg()[0]), LOAD_SAMPLE_MS);
const run = (args, env = {}) => {
  // Asynchronous, so the load sampler runs while the benchmarks do.
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
};

// What the benchmarks need beyond npm (Chromium, PostgreSQL): the same first step as `npm test`.
if ((await run([path.join(root, 'scripts', 'prepare-test-machine.mjs')])) !== 0) process.exit(1);
if ((await run([path.join(root, 'scripts', 'build.mjs'), '--quiet'])) !== 0) process.exit(1);
rmSync(resultsFile, { force: true });
// The data set lives beside the desk's own data folder, on its file system (test/bench/global-setup.ts).
const status = await run([path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'bench', ...process.argv.slice(2)]);
clearInterval(sampler);
loads.push(os.loadavg()[0]);
const sortedLoads = [...loads].sort((a, b) => a - b);
const loadLine = `load average (1 min) through the run: min ${sortedLoads[0].toFixed(1)}, median ${sortedLoads[Math.floor(sortedLoads.length / 2)].toFixed(1)}, max ${sortedLoads[sortedLoads.length - 1].toFixed(1)} on ${os.cpus().length} cores`;

/**
 * Every target of docs/performance.md, by figure name: one that no benchmark recorded (it crashed, or
 * was left out) counts as missed. A benchmark that adds a target adds its name here.
 */
const TARGETS = [
  'scan path: median ratio to a bare durable insert',
  'scan path: p99 ratio to a bare durable insert',
  'web mode: median ratio of a scan to a no-op over HTTP',
  'browser: scan to verdict painted, p95, scan field, idle',
  'browser: scan to verdict painted, p95, button focused, idle',
  'browser: scan to verdict painted, p95, scan field, burst of 200',
  'browser: scan to verdict painted, p95, button focused, burst of 200',
  'browser: burst of 200, lost',
  'browser: burst of 200, split',
  'browser: burst of 200, merged',
  'browser: burst of 200, reordered',
  'start: launch to interactive scan station',
  'events: a change on an open screen, p95',
  'scan under load: p99 during a 100,000-drive pull, ratio to idle p99',
  'scan under load: p99 during a 10,000-job import, ratio to idle p99',
  'sync push: batches against one request per transition',
  'hub: transitions applied per second',
  'hub: push p95 at 5,000 transitions/s offered',
  'hub: desk-to-desk propagation p95',
  'import: ratio to a bare insert of the same rows',
];
const DOC = path.join(root, 'docs', 'performance.md');
const DOC_START = '<!-- bench:figures:start -->';
const DOC_END = '<!-- bench:figures:end -->';

const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : { figures: [], machine: 'unknown', facts: {} };
const recorded = new Set(results.figures.map((figure) => figure.name));
const filtered = process.argv.length > 2;
const notMeasured = filtered ? [] : TARGETS.filter((name) => !recorded.has(name));
const figures = [
  ...results.figures.map((figure) => ({ ...figure, value: figure.value ?? Number.NaN })),
  ...notMeasured.map((name) => ({ name, value: Number.NaN, unit: '', target: 'see docs/performance.md', met: false, detail: 'not measured: its benchmark failed or did not run' })),
];
const verdict = (figure) => (figure.met === null ? 'reported' : figure.met ? 'met' : Number.isNaN(figure.value) ? 'NOT MEASURED' : 'MISSED');
const loadOf = (figure) => (figure.load === undefined ? '–' : String(figure.load));
const rows = [['figure', 'value', 'target', '', 'load'], ...figures.map((figure) => [figure.name, Number.isNaN(figure.value) ? '–' : `${figure.value} ${figure.unit}`, figure.target ?? '', verdict(figure), loadOf(figure)])];
const widths = [0, 1, 2, 3, 4].map((column) => Math.max(...rows.map((row) => row[column].length), 6));
const seconds = Math.round((Date.now() - started) / 1000);
const where = results.facts?.fileSystem === undefined ? '' : `, data on ${results.facts.fileSystem}`;
console.log(`\nReceiving Desk benchmarks (${results.machine}${where}), ${seconds} s; ${loadLine}\n`);
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
const missed = figures.filter((figure) => figure.met === false);
for (const figure of missed) {
  console.log(`\nMISSED ${figure.name}: ${Number.isNaN(figure.value) ? 'not measured' : `${figure.value} ${figure.unit}`}, target ${figure.target}`);
  console.log(`  how: ${figure.detail}`);
  if (figure.profile !== undefined) console.log(`  behind it: ${figure.profile}`);
}
console.log(`\nwritten to ${path.relative(root, resultsFile)}`);

// docs/performance.md carries the figures of the last full run, generated here.
if (!filtered && existsSync(DOC)) {
  const doc = readFileSync(DOC, 'utf8');
  const begin = doc.indexOf(DOC_START);
  const end = doc.indexOf(DOC_END);
  if (begin !== -1 && end > begin) {
    const cell = (text) => String(text).replace(/\|/g, '\\|');
    const table = [
      `Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${results.machine}${where}; ${seconds} s; ${loadLine}. The load column is the 1-minute load average when the figure's benchmark ended (the machine is shared).`,
      '',
      '| figure | value | target | | load |',
      '|---|---|---|---|---|',
      ...figures.map((figure) => `| ${cell(figure.name)} | ${Number.isNaN(figure.value) ? '–' : `${figure.value} ${cell(figure.unit)}`} | ${cell(figure.target ?? '–')} | ${figure.met === false ? `**${verdict(figure).toLowerCase()}**` : verdict(figure)} | ${loadOf(figure)} |`),
      '',
      ...(missed.length === 0
        ? ['Every target met.']
        : [`${missed.length} target${missed.length === 1 ? '' : 's'} missed in this run:`, '', ...missed.map((figure) => `- **${figure.name}**: ${figure.detail}${figure.profile === undefined ? '' : `. Behind it: ${figure.profile}`}`)]),
    ].join('\n');
    writeFileSync(DOC, `${doc.slice(0, begin + DOC_START.length)}\n${table}\n${doc.slice(end)}`);
    console.log(`figures written into ${path.relative(root, DOC)}`);
  }
}
process.exit(status !== 0 || missed.length > 0 ? 1 : 0);
