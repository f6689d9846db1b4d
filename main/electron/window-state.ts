import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** Where the window was, kept across restarts so the desk opens where the operator put it. */
export const windowStateSchema = z.strictObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** How much of the window must lie on a screen for the saved place to be used. */
const MIN_VISIBLE_PX = 100;

function overlap(a: Area, b: Area): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? Math.min(width, height) : 0;
}

/**
 * The saved state if it is valid and still on one of today's screens (a monitor may have gone
 * since), otherwise null: the window then opens at its default size, centred.
 */
export function restoreWindowState(saved: unknown, screens: readonly Area[]): WindowState | null {
  const parsed = windowStateSchema.safeParse(saved);
  if (!parsed.success) return null;
  return screens.some((screen) => overlap(parsed.data, screen) >= MIN_VISIBLE_PX) ? parsed.data : null;
}

export function readWindowState(file: string, screens: readonly Area[]): WindowState | null {
  try {
    return restoreWindowState(JSON.parse(readFileSync(file, 'utf8')) as unknown, screens);
  } catch {
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  writeFileSync(file, JSON.stringify(state));
}
