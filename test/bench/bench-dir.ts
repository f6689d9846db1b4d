import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../../main/host/data-dir';
import { buildLargeDesk } from './bench-data';

/**
 * The run's folder: beside the desk's own data folder (so on the file system the desk's data lives
 * on, which the results name), made and removed by global-setup.ts; BENCH_DIR overrides it.
 */
export function benchDir(): string {
  const dir = process.env.BENCH_DIR ?? path.join(path.dirname(defaultDataDir()), 'receiving-desk-bench');
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

/** The file system a folder is on, from the mount table (Linux), e.g. "ext4 on /dev/vda (/)". */
export function fileSystemOf(dir: string): string {
  let table: string;
  try {
    table = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return 'unknown file system';
  }
  // mountinfo: id parent major:minor root mountpoint options ... - fstype source superoptions
  const mounts = table
    .split('\n')
    .map((line) => {
      const [left, right] = line.split(' - ');
      const fields = left?.split(' ') ?? [];
      const [fsType, source] = right?.split(' ') ?? [];
      return { mountPoint: fields[4] ?? '', fsType: fsType ?? '?', source: source ?? '?' };
    })
    .filter((mount) => mount.mountPoint !== '');
  const resolved = path.resolve(dir);
  const best = mounts
    .filter((mount) => resolved === mount.mountPoint || resolved.startsWith(mount.mountPoint === '/' ? '/' : `${mount.mountPoint}/`))
    .sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0];
  return best === undefined ? 'unknown file system' : `${best.fsType} on ${best.source} (${best.mountPoint})`;
}
