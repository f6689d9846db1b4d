/** Small statistics for the benchmarks: percentiles by nearest rank, medians of ratios. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Milliseconds, with sub-millisecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export async function timed(work: () => unknown): Promise<number> {
  const started = nowMs();
  await work();
  return nowMs() - started;
}

export { seededRandom } from '../helpers/seeded-random';
