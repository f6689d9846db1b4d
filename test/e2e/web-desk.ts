import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';

const ROOT = path.resolve(__dirname, '..', '..');
const WEB_CLI = path.join(ROOT, 'dist', 'main', 'web-cli.cjs');
/** Screenshots a person looks at after the run; one folder for every e2e test. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test', 'artifacts', 'screenshots');
const START_TIMEOUT_MS = 15_000;

export interface WebDesk {
  readonly launchUrl: string;
  readonly baseUrl: string;
  readonly token: string;
  readonly dataDir: string;
  /** Calls the desk's API directly, for test data and for checks behind the screen. */
  api<T = unknown>(method: string, params: unknown): Promise<T>;
  screenshotPath(name: string): string;
}

/** Starts `npm run web`'s entry point on a fresh data folder, as a real child process. */
async function startWebDesk(): Promise<{ desk: WebDesk; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const token = `e2e-${Math.random().toString(36).slice(2)}-token`;
  const child: ChildProcess = spawn(process.execPath, [WEB_CLI, '--port', '0', '--data', dataDir, '--token', token, '--no-open', '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`web mode did not start: ${err}`)), START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(out.split('\n')[0] ?? '');
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`web mode exited with ${code}: ${err}`)));
  });
  const match = /(http:\/\/127\.0\.0\.1:\d+\/)(#token=\S+)/.exec(line);
  if (match === null) throw new Error(`unexpected start line: ${line}`);
  const baseUrl = match[1] ?? '';
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const desk: WebDesk = {
    launchUrl: `${baseUrl}${match[2] ?? ''}`,
    baseUrl,
    token,
    dataDir,
    async api<T>(method: string, params: unknown): Promise<T> {
      const response = await fetch(`${baseUrl}api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(params),
      });
      const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message ?? 'failed'}`);
      return envelope.value as T;
    },
    screenshotPath: (name) => path.join(SCREENSHOT_DIR, `${name}.png`),
  };
  return {
    desk,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ desk: WebDesk }>({
  // Playwright reads the fixture's dependencies from this destructuring; this one has none.
  // eslint-disable-next-line no-empty-pattern
  desk: async ({}, use) => {
    const { desk, stop } = await startWebDesk();
    await use(desk);
    await stop();
  },
});
import { expect } from '@playwright/test';
export { expect };

/** Types a code the way a keyboard-wedge scanner does: 2 ms a key, then Enter. */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 2 });
  await page.keyboard.press('Enter');
}

/** Opens the desk and waits until the scan field has the focus, as an operator would see it ready. */
export async function openDesk(page: Page, desk: WebDesk): Promise<void> {
  await page.goto(desk.launchUrl);
  await expect(page.getByTestId('scan-field')).toBeFocused();
}
