/**
 * Long work (import, purge, report, backup) runs in bounded chunks, each its own transaction, and
 * lets the event loop run between them: a scan that arrives meanwhile waits behind at most one chunk
 * (docs/performance.md, "Nothing blocks a scan").
 */
export function yieldToScans(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Splits `items` into chunks of at most `size`. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
