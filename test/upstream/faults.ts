/**
 * Fault switches for the protocol routes (never the admin routes), so tests can show the desk
 * surviving what a real network and a real upstream do. All off by default. Random decisions come
 * from a seeded PRNG: the same seed and the same requests fire the same faults.
 */
import { z } from 'zod';
import { seededRandom } from '../helpers/seeded-random';

/** Longest added latency a test may ask for: longer than any client timeout worth testing. */
export const MAX_LATENCY_MS = 120_000;
/** Longest Retry-After the switch accepts (a day). */
export const MAX_RETRY_AFTER_SECONDS = 86_400;
export const DEFAULT_RETRY_AFTER_SECONDS = 1;
export const DEFAULT_FAULT_SEED = 1;

export interface FaultSwitches {
  /** Share of requests answered 503 before processing. */
  readonly serverErrorRate: number;
  /** Share of requests answered 429 with `Retry-After: retryAfterSeconds` before processing. */
  readonly tooManyRequestsRate: number;
  readonly retryAfterSeconds: number;
  /** Added to every request before anything else is decided. */
  readonly latencyMs: number;
  /** Share of requests whose connection is destroyed before processing. */
  readonly resetRate: number;
  /** Share of pushes processed and committed, whose connection is then destroyed without an answer. */
  readonly lostResponseRate: number;
  /** Share of pushes (of 2+ items) with one item, never the first, dropped before processing. */
  readonly sequenceGapRate: number;
  /** Answer the next changes request with mustRefetch, once; the switch then turns itself off. */
  readonly forceMustRefetch: boolean;
  /** Every protocol request answered 503 at once, until turned off. */
  readonly outage: boolean;
  readonly seed: number;
}

/** How many times each fault fired since the last reset. */
export interface FaultCounters {
  serverError: number;
  tooManyRequests: number;
  latency: number;
  reset: number;
  lostResponse: number;
  sequenceGap: number;
  mustRefetch: number;
  outage: number;
}

export const DEFAULT_FAULTS: FaultSwitches = {
  serverErrorRate: 0,
  tooManyRequestsRate: 0,
  retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS,
  latencyMs: 0,
  resetRate: 0,
  lostResponseRate: 0,
  sequenceGapRate: 0,
  forceMustRefetch: false,
  outage: false,
  seed: DEFAULT_FAULT_SEED,
};

const rate = z.number().min(0).max(1);
/** A partial update as `POST /v1/admin/faults` accepts it; unknown fields are refused, not ignored. */
export const faultSwitchesPatchSchema = z
  .strictObject({
    serverErrorRate: rate,
    tooManyRequestsRate: rate,
    retryAfterSeconds: z.number().int().min(0).max(MAX_RETRY_AFTER_SECONDS),
    latencyMs: z.number().int().min(0).max(MAX_LATENCY_MS),
    resetRate: rate,
    lostResponseRate: rate,
    sequenceGapRate: rate,
    forceMustRefetch: z.boolean(),
    outage: z.boolean(),
    seed: z.number().int(),
  })
  .partial();
export type FaultSwitchesPatch = z.infer<typeof faultSwitchesPatchSchema>;

const zeroCounters = (): FaultCounters => ({
  serverError: 0,
  tooManyRequests: 0,
  latency: 0,
  reset: 0,
  lostResponse: 0,
  sequenceGap: 0,
  mustRefetch: 0,
  outage: 0,
});

export class FaultInjector {
  private current: FaultSwitches = DEFAULT_FAULTS;
  private counters = zeroCounters();
  private random = seededRandom(DEFAULT_FAULT_SEED);

  get switches(): FaultSwitches {
    return this.current;
  }

  get fired(): Readonly<FaultCounters> {
    return { ...this.counters };
  }

  /** Merges a partial update; a new seed restarts the PRNG. */
  set(patch: FaultSwitchesPatch): FaultSwitches {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    this.current = { ...this.current, ...defined };
    if (patch.seed !== undefined) this.random = seededRandom(patch.seed);
    return this.current;
  }

  /** Everything off, counters zero, PRNG back at the default seed. */
  reset(): void {
    this.current = DEFAULT_FAULTS;
    this.counters = zeroCounters();
    this.random = seededRandom(DEFAULT_FAULT_SEED);
  }

  /** True when a fault with this rate fires now; a zero rate never consumes a random number. */
  private roll(probability: number, counter: keyof FaultCounters): boolean {
    if (probability <= 0 || this.random() >= probability) return false;
    this.counters[counter] += 1;
    return true;
  }

  outage(): boolean {
    if (!this.current.outage) return false;
    this.counters.outage += 1;
    return true;
  }

  /** The delay to add to this request, in milliseconds. */
  latency(): number {
    if (this.current.latencyMs <= 0) return 0;
    this.counters.latency += 1;
    return this.current.latencyMs;
  }

  /** What to do to a protocol request before processing it, decided in this order. */
  beforeProcessing(): 'reset' | 'serverError' | 'tooManyRequests' | null {
    if (this.roll(this.current.resetRate, 'reset')) return 'reset';
    if (this.roll(this.current.serverErrorRate, 'serverError')) return 'serverError';
    if (this.roll(this.current.tooManyRequestsRate, 'tooManyRequests')) return 'tooManyRequests';
    return null;
  }

  /** The index of the push item to drop (never the first), or null. */
  droppedItemIndex(itemCount: number): number | null {
    if (itemCount < 2 || !this.roll(this.current.sequenceGapRate, 'sequenceGap')) return null;
    return 1 + Math.floor(this.random() * (itemCount - 1));
  }

  /** After a push committed: destroy the connection instead of answering? */
  loseResponse(): boolean {
    return this.roll(this.current.lostResponseRate, 'lostResponse');
  }

  /** Consumes the one-shot forceMustRefetch switch. */
  takeMustRefetch(): boolean {
    if (!this.current.forceMustRefetch) return false;
    this.current = { ...this.current, forceMustRefetch: false };
    this.counters.mustRefetch += 1;
    return true;
  }
}
