import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildLargeDesk } from './bench-data';

/** One folder per `npm run bench` run (scripts/bench.mjs sets it), on the disk the desk uses. */
export function benchDir(): string {
  const dir = process.env.BENCH_DIR ?? path.join(os.tmpdir(), 'receiving-desk-bench');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A private copy of the large data set for one benchmark, so one's writes never skew another's. */
export function largeDeskCopy(label: string): string {
  const source = buildLargeDesk(path.join(benchDir(), 'data'));
  const folder = path.join(benchDir(), label);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const target = path.join(folder, 'desk.sqlite');
  copyFileSync(source, target);
  return target;
}
