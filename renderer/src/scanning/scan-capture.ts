/**
 * Reads scans typed into whatever has the focus (a button, a table row, the page): a
 * keyboard-wedge scanner does not know where the focus is. Keys are buffered until the end
 * key; the buffer becomes one scan, so scans are never merged or split whatever the speed.
 * Text fields other than the scan field keep their keys: a person typing there is not scanning.
 */
import { DEFAULT_SCANNER_PROFILE, type ScannerProfile } from '../../../shared/scanning/scanner-profile';

/** Keys further apart than this start a new scan: stray key presses never glue onto the next scan. */
export const STALE_KEY_GAP_MS = DEFAULT_SCANNER_PROFILE.staleGapMs;

export type CaptureSettings = Pick<ScannerProfile, 'endKey' | 'staleGapMs'>;

/** ASCII 29 (GS1's group separator): keyboard-wedge scanners send it as Ctrl+]. */
const GROUP_SEPARATOR = '\u001d';

/**
 * The character a key press stands for in a scan, or null for a shortcut a person pressed.
 * `key` is the character the layout produced, so AZERTY or QWERTZ scanners read right.
 */
export function scannerKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'> & { readonly isComposing?: boolean }): string | null {
  if (event.isComposing === true || event.altKey || event.metaKey) return null;
  if (event.ctrlKey) return event.key === ']' ? GROUP_SEPARATOR : null;
  return event.key;
}

export interface CapturedScan {
  readonly code: string;
  /** Key times, for telling a scanner from a person. */
  readonly times: readonly number[];
}

export class ScanCapture {
  #buffer = '';
  #times: number[] = [];
  #settings: CaptureSettings;

  constructor(settings: CaptureSettings = DEFAULT_SCANNER_PROFILE) {
    this.#settings = settings;
  }

  /** The scanner setup changed: a different end key or pause. */
  configure(settings: CaptureSettings): void {
    this.#settings = settings;
  }

  /**
   * Feeds one key press. Returns 'consumed' when the key belongs to a scan (the caller stops it
   * from reaching the focused control), a scan when the end key completes one, or 'ignored'.
   */
  feed(key: string, at: number): 'consumed' | 'ignored' | CapturedScan {
    if (key === this.#settings.endKey) {
      if (this.#buffer === '') return 'ignored';
      const scan = { code: this.#buffer, times: this.#times };
      this.#buffer = '';
      this.#times = [];
      return scan;
    }
    // `key` is the character the layout produced, so AZERTY or QWERTZ scanners read right.
    if (key.length !== 1) return 'ignored';
    const last = this.#times[this.#times.length - 1];
    if (last !== undefined && at - last > this.#settings.staleGapMs) this.reset();
    // A space before anything else is a person pressing a focused button, not a scan.
    if (key === ' ' && this.#buffer === '') return 'ignored';
    this.#buffer += key;
    this.#times.push(at);
    return 'consumed';
  }

  reset(): void {
    this.#buffer = '';
    this.#times = [];
  }
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'number', 'email', 'tel', 'url', 'password', 'date', 'datetime-local']);

/**
 * Elements where typed characters are meant for the element itself: text fields, and any element
 * marked `data-reads-keys` (the scanner's diagnostics area reads a scan itself).
 */
export function isTextEntry(element: Element | null): boolean {
  if (element === null) return false;
  if (element.closest('[data-reads-keys]') !== null) return true;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  if (element instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}
