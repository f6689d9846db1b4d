import { DEFAULT_SCANNER_PROFILE, wasKeyed } from '../../../shared/scanning/scanner-profile';

/**
 * Tells a scanner from a person: a keyboard-wedge scanner sends keys a few milliseconds apart,
 * a person's fastest typing is ~50 ms a key. A scan is "keyed" when its median gap is slower
 * than the desk's threshold (scanner setup; 35 ms unless set).
 */
export const KEYED_MEDIAN_GAP_MS = DEFAULT_SCANNER_PROFILE.keyedThresholdMs;

export class KeystrokeTiming {
  #times: number[] = [];

  key(at: number): void {
    this.#times.push(at);
  }

  reset(): void {
    this.#times = [];
  }

  get times(): readonly number[] {
    return this.#times;
  }

  /** True when the keys came at a person's pace; false for a scanner or a paste. */
  wasKeyed(thresholdMs: number = KEYED_MEDIAN_GAP_MS): boolean {
    return wasKeyed(this.#times, thresholdMs);
  }
}
