/**
 * How this desk's scanner talks (issue: scanner setup). Keyboard-wedge scanners differ: some send a
 * prefix or a suffix, end with Enter or Tab, put an AIM symbology identifier (`]C1` for Code 128)
 * first, or split GS1 fields with the group separator (ASCII 29). The desk strips all of that before
 * a code becomes a scan, the same way for the scan field and for scans read anywhere else.
 */
import { z } from 'zod';

export const SCAN_END_KEYS = ['Enter', 'Tab'] as const;
export type ScanEndKey = (typeof SCAN_END_KEYS)[number];
export const GROUP_SEPARATOR = '\u001d';
/** `]` + symbology letter + modifier digit (ISO/IEC 15424), e.g. `]C1`, `]E0`, `]d2`, `]Q3`. */
const AIM_IDENTIFIER = /^\][A-Za-z][0-9A-Za-z]/;
const MAX_AFFIX_LENGTH = 16;

export const scannerProfileSchema = z.strictObject({
  prefix: z.string().max(MAX_AFFIX_LENGTH),
  suffix: z.string().max(MAX_AFFIX_LENGTH),
  endKey: z.enum(SCAN_END_KEYS),
  /** A scan whose median gap between keys is slower than this was typed by hand. */
  keyedThresholdMs: z.number().int().min(5).max(500),
  /** A pause longer than this between keys starts a new scan. */
  staleGapMs: z.number().int().min(100).max(10_000),
  stripAimIdentifier: z.boolean(),
  stripGroupSeparators: z.boolean(),
});
export type ScannerProfile = z.infer<typeof scannerProfileSchema>;

export const DEFAULT_SCANNER_PROFILE: ScannerProfile = {
  prefix: '',
  suffix: '',
  endKey: 'Enter',
  keyedThresholdMs: 35,
  staleGapMs: 1_000,
  stripAimIdentifier: true,
  stripGroupSeparators: true,
};

/** What the desk made of one scan, for the scan itself and for the diagnostics screen. */
export interface DecodedScan {
  readonly raw: string;
  readonly code: string;
  readonly prefixRemoved: boolean;
  readonly suffixRemoved: boolean;
  readonly aimIdentifier: string | null;
  readonly groupSeparatorsRemoved: number;
}

export function decodeScan(raw: string, profile: ScannerProfile): DecodedScan {
  let code = raw;
  const prefixRemoved = profile.prefix !== '' && code.startsWith(profile.prefix);
  if (prefixRemoved) code = code.slice(profile.prefix.length);
  const suffixRemoved = profile.suffix !== '' && code.endsWith(profile.suffix);
  if (suffixRemoved) code = code.slice(0, code.length - profile.suffix.length);
  let aimIdentifier: string | null = null;
  if (profile.stripAimIdentifier) {
    const match = AIM_IDENTIFIER.exec(code);
    if (match !== null) {
      aimIdentifier = match[0];
      code = code.slice(match[0].length);
    }
  }
  let groupSeparatorsRemoved = 0;
  if (profile.stripGroupSeparators) {
    groupSeparatorsRemoved = code.split(GROUP_SEPARATOR).length - 1;
    code = code.split(GROUP_SEPARATOR).join('');
  }
  return { raw, code, prefixRemoved, suffixRemoved, aimIdentifier, groupSeparatorsRemoved };
}

/** True when a scan's keys came at a person's pace (median gap above the threshold). */
export function wasKeyed(times: readonly number[], thresholdMs: number): boolean {
  const MIN_GAPS_TO_JUDGE = 3;
  const gaps = times.slice(1).map((time, index) => time - (times[index] ?? time));
  if (gaps.length < MIN_GAPS_TO_JUDGE) return false;
  const sorted = [...gaps].sort((a, b) => a - b);
  return (sorted[Math.floor(sorted.length / 2)] ?? 0) > thresholdMs;
}
