// `npm start`: the Electron app where its runtime is installed, web mode otherwise (docs/architecture.md, "Methods").
// Where Electron's runtime is missing and someone is at the terminal, it offers to fetch it.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const { findElectronRuntime } = createRequire(import.meta.url)('./electron-runtime.cjs');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FETCH_PROMPT_TIMEOUT_MS = 15_000;

function electronBinary() {
  const runtime = findElectronRuntime();
  return 'path' in runtime ? runtime.path : null;
}

function ask(question) {
  if (!process.stdin.isTTY || process.env.CI) return Promise.resolve(false);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      rl.close();
      resolve(false);
    }, FETCH_PROMPT_TIMEOUT_MS);
    rl.question(question, (answer) => {
      clearTimeout(timer);
      rl.close();
      resolve(/^y(es)?$/i.test(answer.trim()));
    });
  });
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root });
  child.on('exit', (code, signal) => process.exit(signal === null ? (code ?? 0) : 1));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let electron = electronBinary();
if (electron === null && (await ask('The Electron runtime is not installed. Fetch it now (needs network access)? [y/N] '))) {
  const fetched = spawnSync(process.execPath, [path.join(root, 'scripts', 'electron-fetch.mjs')], { stdio: 'inherit' });
  if (fetched.status === 0) electron = electronBinary();
}

if (electron !== null) {
  run(electron, [root, ...process.argv.slice(2)]);
} else {
  console.log('Electron runtime not installed: starting web mode instead (run `npm run electron:fetch` where the network allows).');
  run(process.execPath, [path.join(root, 'dist', 'main', 'web-cli.cjs'), ...process.argv.slice(2)]);
}
