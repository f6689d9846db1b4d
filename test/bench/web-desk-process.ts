import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { nowMs } from './stats';

const ROOT = path.resolve(__dirname, '..', '..');
const WEB_CLI = path.join(ROOT, 'dist', 'main', 'web-cli.cjs');
const START_TIMEOUT_MS = 60_000;
export const BENCH_WEB_TOKEN = 'bench-web-token-0123456789';

export interface WebDeskProcess {
  readonly child: ChildProcess;
  /** The page to open, with the token in its fragment. */
  readonly launchUrl: string;
  /** http://127.0.0.1:PORT/ */
  readonly base: string;
  /** POST /api/<method>; the answer's value, and how long the round trip took (ms). */
  call<T = unknown>(method: string, params: unknown): Promise<{ value: T; ms: number }>;
  stop(): Promise<void>;
}

/**
 * `npm run web`'s entry point as its own process on `dataDir`, as a site runs it. With `cpuProfileDir`
 * it runs under V8's profiler and writes the profile there when it stops (the profile behind a figure).
 */
export function startWebDesk(dataDir: string, options: { cpuProfileDir?: string } = {}): Promise<WebDeskProcess> {
  const profile = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`];
  const child = spawn(process.execPath, [...profile, WEB_CLI, '--port', '0', '--data', dataDir, '--token', BENCH_WEB_TOKEN, '--no-open', '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`web mode did not start: ${err}`)), START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /((http:\/\/127\.0\.0\.1:\d+\/)#token=\S+)/.exec(out);
      if (match === null) return;
      clearTimeout(timer);
      const base = match[2] as string;
      resolve({
        child,
        launchUrl: match[1] as string,
        base,
        async call<T>(method: string, params: unknown) {
          const started = nowMs();
          const response = await fetch(new URL(`api/${method}`, base), {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${BENCH_WEB_TOKEN}` },
            body: typeof params === 'string' ? params : JSON.stringify(params),
          });
          const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
          const ms = nowMs() - started;
          if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message ?? response.status}`);
          return { value: envelope.value as T, ms };
        },
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) {
              done();
              return;
            }
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}: ${err}`)));
  });
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

/** The functions with the most self time in the .cpuprofile files of a folder: "31% parse json.ts:10; …". */
export function summariseCpuProfiles(dir: string, count = 8): string {
  const selfTime = new Map<string, number>();
  let total = 0;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parentOf = new Map<number, ProfileNode>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
    const place = (node: ProfileNode) => {
      const { functionName, url, lineNumber } = node.callFrame;
      return `${functionName === '' ? '(anonymous)' : functionName}${url === '' ? '' : ` ${path.basename(url)}:${lineNumber + 1}`}`;
    };
    profile.samples.forEach((id, index) => {
      const node = byId.get(id);
      if (node === undefined || node.callFrame.functionName === '(idle)') return;
      const parent = parentOf.get(id);
      const where = node.callFrame.url === '' && parent !== undefined && parent.callFrame.url !== '' ? `${place(node)} in ${place(parent)}` : place(node);
      const delta = profile.timeDeltas[index] ?? 0;
      total += delta;
      selfTime.set(where, (selfTime.get(where) ?? 0) + delta);
    });
  }
  if (total === 0) return 'no profile was written';
  return [...selfTime]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([where, time]) => `${Math.round((100 * time) / total)}% ${where}`)
    .join('; ');
}
