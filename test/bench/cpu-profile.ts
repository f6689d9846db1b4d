import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly children?: readonly number[];
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a sampled function lives, short: "name file:line". */
function place(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url === '' ? '' : ` ${path.basename(url.replace(/^file:\/\//, ''))}:${lineNumber + 1}`;
  return `${functionName === '' ? '(anonymous)' : functionName}${file}`;
}

/**
 * Runs `work` under V8's sampling profiler (this thread) and returns the functions that took the most
 * time themselves, as "47% sqliteTransaction transaction.js:52; ...": the profile behind a figure.
 * Native work (SQLite, the fsync of a commit) shows as the JavaScript function that called it.
 */
export async function profileTop(work: () => Promise<void>, count = 8): Promise<string> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    await work();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parentOf = new Map<number, ProfileNode>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
    // A native function (SQLite's step, a commit's fsync) is named with the JavaScript that called it.
    const where = (node: ProfileNode) => {
      const parent = parentOf.get(node.id);
      return node.callFrame.url === '' && parent !== undefined && parent.callFrame.url !== '' ? `${place(node)} in ${place(parent)}` : place(node);
    };
    const selfTime = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, index) => {
      const node = byId.get(id);
      const delta = profile.timeDeltas[index] ?? 0;
      if (node === undefined || node.callFrame.functionName === '(idle)') return;
      total += delta;
      selfTime.set(where(node), (selfTime.get(where(node)) ?? 0) + delta);
    });
    return [...selfTime]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([where, time]) => `${Math.round((100 * time) / total)}% ${where}`)
      .join('; ');
  } finally {
    session.disconnect();
  }
}
