/** What a burst of scans came to at the desk, each kind counted on its own. */
export interface BurstCounts {
  readonly lost: number;
  readonly split: number;
  readonly merged: number;
  readonly reordered: number;
}

/** Length of the longest increasing run (not necessarily contiguous) of `values`. */
function longestIncreasing(values: readonly number[]): number {
  const tails: number[] = [];
  for (const value of values) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((tails[middle] as number) < value) low = middle + 1;
      else high = middle;
    }
    tails[low] = value;
  }
  return tails.length;
}

/**
 * What became of the codes sent, from the scans the desk recorded, in its order: each recorded scan is
 * one code sent (matched), several run together (merged), or a piece of one (split); a code sent that
 * is in none of them is lost; matched codes out of the order they were sent are reordered (all but
 * the longest run in order).
 */
export function burstCounts(sent: readonly string[], recorded: readonly string[]): BurstCounts {
  const index = new Map(sent.map((code, position) => [code, position]));
  const matchedOrder: number[] = [];
  const covered = new Set<number>();
  let merged = 0;
  const pieces: string[] = [];
  for (const code of recorded) {
    const exact = index.get(code);
    if (exact !== undefined) {
      matchedOrder.push(exact);
      covered.add(exact);
      continue;
    }
    const inside = sent.map((candidate, position) => ({ candidate, position })).filter(({ candidate }) => code.includes(candidate));
    if (inside.length >= 2) {
      merged += 1;
      for (const { position } of inside) covered.add(position);
    } else {
      pieces.push(code);
    }
  }
  let split = 0;
  for (const [position, code] of sent.entries()) {
    if (covered.has(position)) continue;
    if (pieces.some((piece) => piece.length < code.length && code.includes(piece))) {
      split += 1;
      covered.add(position);
    }
  }
  return { lost: sent.length - covered.size, split, merged, reordered: matchedOrder.length - longestIncreasing(matchedOrder) };
}

