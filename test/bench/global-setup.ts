import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../../main/host/data-dir';

/**
 * One folder for the whole `npm run bench` run, beside the desk's default data folder (the same
 * file system as the desk's data), removed at the end. BENCH_DIR names another (kept afterwards).
 */
export default function setup(): () => void {
  if (process.env.BENCH_DIR !== undefined) return () => undefined;
  const parent = path.dirname(defaultDataDir());
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(path.join(parent, 'receiving-desk-bench-'));
  process.env.BENCH_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
