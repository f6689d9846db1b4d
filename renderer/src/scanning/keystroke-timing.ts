/**
 * Tells a scanner from a person: a keyboard-wedge scanner sends keys a few milliseconds apart,
 * a person's fastest typing is ~50 ms a key. A scan is "keyed" when its median gap is slower.
 */
export const KEYED_MEDIAN_GAP_MS = 35;
/** Codes this short are judged by their timing only if there are at least this many gaps. */
const MIN_GAPS_TO_JUDGE = 3;

export class KeystrokeTiming {
  #times: number[] = [];

  key(at: number): void {
    this.#times.push(at);
  }

  reset(): void {
    this.#times = [];
  }

  /** True when the keys came at a person's pace; false for a scanner or a paste. */
  wasKeyed(): boolean {
    const gaps = this.#times.slice(1).map((time, index) => time - (this.#times[index] ?? time));
    if (gaps.length < MIN_GAPS_TO_JUDGE) return false;
    const sorted = [...gaps].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return median > KEYED_MEDIAN_GAP_MS;
  }
}
