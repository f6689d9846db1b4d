import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDesk } from '../../main/host/start-desk';
import { startWebServer } from '../../main/web/server';
import { fixedClock } from '../../main/core/clock';
import { SCREENSHOT_DIR, type WebDesk } from './web-desk';

const ROOT = path.resolve(__dirname, '..', '..');
/** The built renderer `npm run test:e2e` serves (scripts/build.mjs). */
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

export interface ClockedDesk extends WebDesk {
  /** The desk's own clock: deadlines (14, 30, 90 days) pass when the test moves it. */
  readonly clock: ReturnType<typeof fixedClock>;
  readonly databaseFile: string;
}

/**
 * Web mode in the test's own process, on a fresh data folder, with the desk's clock in the test's
 * hands: the same host (main/host) and web server (main/web) `npm run web` starts, with a fixed
 * clock instead of the machine's, so a held package can be 90 days old in a test that takes a minute.
 * The browser's own clock is left alone: the screens act on the desk's time.
 */
export async function startClockedDesk(startAt: string): Promise<{ desk: ClockedDesk; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-clock-'));
  const token = `e2e-${Math.random().toString(36).slice(2)}-token`;
  const clock = fixedClock(startAt);
  const host = await startDesk(dataDir, { clock, schedulers: false });
  const server = await startWebServer({ dispatch: host.dispatch, events: host.events, token, staticDir: RENDERER_DIR, port: 0 });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const baseUrl = `${server.url.replace(/\/$/, '')}/`;
  const desk: ClockedDesk = {
    launchUrl: server.launchUrl,
    baseUrl,
    token,
    dataDir,
    clock,
    databaseFile: host.databaseFile,
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
      await server.close();
      await host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
