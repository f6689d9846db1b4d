/**
 * A hub as its own process, started the way an operator starts it (the bundled CLI, as
 * `npm run hub` runs it): for tests of several hub processes on one database, and of the CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(__dirname, '..', '..');
export const HUB_BUNDLE = path.join(ROOT, 'dist', 'main', 'hub-cli.cjs');
/** What `npm run hub` runs: it builds the bundle (and the board's page when stale), then starts it. */
export const NPM_RUN_HUB = path.join(ROOT, 'scripts', 'run-hub.mjs');
/** The first start of an embedded database creates it: slow on a busy machine. */
const START_TIMEOUT_MS = 120_000;

export interface HubProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote to stderr (its request log). */
  log(): string;
  /** Everything it wrote, stdout and stderr. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Builds the CLI bundle once per test process (what `npm run hub` does before it starts). */
let built: Promise<void> | null = null;
export function buildHubBundle(): Promise<void> {
  built ??= import(path.join(ROOT, 'scripts', 'build-hub.mjs')).then((module: { buildHub: () => Promise<string> }) => module.buildHub().then(() => undefined));
  return built;
}

export interface HubProcessOptions {
  /**
   * Start it as `npm run hub` does (scripts/run-hub.mjs: build, then run), not the bundle itself.
   * Its stop() is forwarded to the hub; a SIGKILL would reach only the wrapper, so use SIGTERM.
   */
  readonly viaNpmScript?: boolean;
  /** The whole environment of the process, instead of this one's with `env` over it. */
  readonly exactEnv?: boolean;
}

export async function startHubProcess(args: readonly string[], env: NodeJS.ProcessEnv = {}, options: HubProcessOptions = {}): Promise<HubProcess> {
  if (options.viaNpmScript !== true) await buildHubBundle();
  const entry = options.viaNpmScript === true ? [NPM_RUN_HUB] : ['--enable-source-maps', HUB_BUNDLE];
  const child = spawn(process.execPath, [...entry, ...args], {
    cwd: ROOT,
    env: options.exactEnv === true ? env : { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  let line: string;
  try {
    line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the hub did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)), START_TIMEOUT_MS);
      lines.once('line', (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the hub exited with ${String(code)} before printing its line: ${stderr}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const match = /^Receiving hub: (https?:\/\/\S+) on /.exec(line);
  if (match === null) {
    child.kill('SIGKILL');
    throw new Error(`unexpected first line from the hub: ${line}`);
  }
  return {
    child,
    url: match[1] ?? '',
    log: () => stderr,
    output: () => `${stdout}\n${stderr}`,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
