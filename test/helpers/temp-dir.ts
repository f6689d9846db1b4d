import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder per test: every test builds its own data. */
export function makeTempDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `desk-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
