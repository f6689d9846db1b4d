import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type CDPSession, type Page } from '@playwright/test';

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
export async function startWebDesk(options: { readonly demo?: boolean } = {}): Promise<{ desk: WebDesk; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const token = `e2e-${Math.random().toString(36).slice(2)}-token`;
  // A new desk seeds the demo set as `npm start` does only when a test asks for it.
  const demo = options.demo === true ? [] : ['--no-demo'];
  const child: ChildProcess = spawn(process.execPath, [WEB_CLI, '--port', '0', '--data', dataDir, '--token', token, '--no-open', ...demo], {
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

/** A keyboard-wedge scanner's pace: a few milliseconds a key. */
export const SCANNER_MS_PER_KEY = 2;

/** A key a scanner sends: a character, a named end key, or Ctrl+] (GS1's group separator). */
export type ScannerKey = string | 'Enter' | 'Tab' | 'Control+]';

interface KeyDefinition {
  readonly key: string;
  readonly code: string;
  readonly keyCode: number;
  readonly text?: string;
  readonly modifiers?: number;
}

const NAMED_KEYS: Record<string, KeyDefinition> = {
  Enter: { key: 'Enter', code: 'Enter', keyCode: 13, text: '\r' },
  Tab: { key: 'Tab', code: 'Tab', keyCode: 9 },
  // CDP's modifier bit for Ctrl.
  'Control+]': { key: ']', code: 'BracketRight', keyCode: 221, modifiers: 2 },
};

function keyOf(character: string): KeyDefinition {
  const upper = character.toUpperCase();
  if (/^[A-Z]$/.test(upper)) return { key: character, code: `Key${upper}`, keyCode: upper.charCodeAt(0), text: character };
  if (/^[0-9]$/.test(character)) return { key: character, code: `Digit${character}`, keyCode: character.charCodeAt(0), text: character };
  return { key: character, code: '', keyCode: 0, text: character };
}

const cdpSessions = new WeakMap<Page, CDPSession>();

/**
 * Sends keys the way a keyboard-wedge scanner does, each stamped `msPerKey` after the last. The
 * stamps are the events' own (`event.timeStamp` in the page, through CDP's `Input.dispatchKeyEvent`
 * timestamp), so the desk sees a scanner's pace however late a loaded machine delivers the keys:
 * Playwright's own `keyboard.type` stamps each key when it arrives, 26–150 ms apart under load,
 * which the desk rightly reads as a person typing.
 */
export async function typeAsScanner(page: Page, keys: readonly ScannerKey[], msPerKey: number = SCANNER_MS_PER_KEY): Promise<void> {
  let cdp = cdpSessions.get(page);
  if (cdp === undefined) {
    cdp = await page.context().newCDPSession(page);
    cdpSessions.set(page, cdp);
  }
  const session = cdp;
  const startSeconds = Date.now() / 1000;
  // Sent without waiting for each answer (one session delivers its commands in order), as a
  // scanner sends: a scan costs one round trip to the browser, not two a key.
  const sent: Promise<unknown>[] = [];
  for (const [index, name] of keys.entries()) {
    const key = NAMED_KEYS[name] ?? keyOf(name);
    const common = { key: key.key, code: key.code, windowsVirtualKeyCode: key.keyCode, modifiers: key.modifiers ?? 0, timestamp: startSeconds + (index * msPerKey) / 1000 };
    sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyDown', ...common, ...(key.text === undefined ? {} : { text: key.text, unmodifiedText: key.text }) }));
    sent.push(session.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }));
  }
  await Promise.all(sent);
}

/** The characters of a code as scanner keys. */
export const keysOf = (code: string): ScannerKey[] => [...code];

/** Types a code the way a keyboard-wedge scanner does: 2 ms a key, then Enter. */
export async function scan(page: Page, code: string): Promise<void> {
  await typeAsScanner(page, [...keysOf(code), 'Enter']);
}

/** Opens the desk and waits until the scan field has the focus, as an operator would see it ready. */
export async function openDesk(page: Page, desk: WebDesk): Promise<void> {
  await page.goto(desk.launchUrl);
  await expect(page.getByTestId('scan-field')).toBeFocused();
}

/**
 * The browser's print dialog cannot open in headless Chromium (printing a PDF frame crashes the
 * page there), so a test that presses Print counts the dialogs asked for instead: each frame's
 * `print()` is replaced, before the desk loads, by a counter read with `printDialogsOpened(page)`.
 */
export async function countPrintDialogs(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counter = window as unknown as { __printDialogs: number };
    counter.__printDialogs = 0;
    const frameWindow = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow');
    Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
      configurable: true,
      get(this: HTMLIFrameElement) {
        const inner = frameWindow?.get?.call(this) as Window | null;
        if (inner === null || inner === undefined) return inner;
        return new Proxy(inner, {
          get(target, property) {
            if (property === 'print') return () => (counter.__printDialogs += 1);
            const value = Reflect.get(target, property) as unknown;
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          },
        });
      },
    });
  });
}

export const printDialogsOpened = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __printDialogs: number }).__printDialogs);
