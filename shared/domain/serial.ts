/**
 * Serial and tracking-number normalisation (docs/receiving-rules.md): the same function on both sides of
 * every comparison, so a scan typed "wd-ab 12" matches a document's "WDAB12".
 */

/** Longest code the desk treats as a serial; ATA serials are 20 characters, SAS and NVMe up to 40. */
export const MAX_SERIAL_LENGTH = 40;
/** Longest raw scan kept for a message: a 4,000-character paste is reported, not echoed. */
export const MAX_ECHOED_CODE_LENGTH = 60;

// Scanners frame codes with CR, LF, TAB and GS1 group separators; those edges are dropped.
// eslint-disable-next-line no-control-regex
const FRAMING_CONTROL_CHARACTERS = /^[\x00-\x1f\x7f]+|[\x00-\x1f\x7f]+$/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;
const SEPARATORS = /[\s-]+/g;
const SERIAL_CHARACTERS = /^[A-Z0-9_.]+$/;
const ASCII_LOWER_CASE = /[a-z]+/g;

export type InvalidScanReason = 'empty' | 'controlCharacters' | 'tooLong' | 'badCharacters' | 'trackingNumber';

export type ScanCodeCheck =
  | { readonly ok: true; readonly serial: string }
  | { readonly ok: false; readonly reason: InvalidScanReason };

/**
 * Normalises without judging: trim framing, upper-case, drop spaces and dashes. Only ASCII letters
 * change case: String.toUpperCase would fold a dotless ı into I and a ligature ﬁ into FI, making a
 * code no scanner read match a real serial. A non-ASCII letter stays as it is, and checkScanCode
 * then refuses it as no serial.
 */
export function normalizeCode(raw: string): string {
  return raw
    .replace(FRAMING_CONTROL_CHARACTERS, '')
    .trim()
    .replace(ASCII_LOWER_CASE, (letters) => letters.toUpperCase())
    .replace(SEPARATORS, '');
}

/** Checks a scanned code and returns the serial it stands for, or why it is not one. */
export function checkScanCode(raw: string): ScanCodeCheck {
  // Length first: a huge paste must not be scanned character by character for anything else.
  if (raw.length > MAX_SERIAL_LENGTH * 4) return { ok: false, reason: 'tooLong' };
  const framed = raw.replace(FRAMING_CONTROL_CHARACTERS, '');
  if (CONTROL_CHARACTER.test(framed)) return { ok: false, reason: 'controlCharacters' };
  const serial = normalizeCode(framed);
  if (serial.length === 0) return { ok: false, reason: 'empty' };
  if (serial.length > MAX_SERIAL_LENGTH) return { ok: false, reason: 'tooLong' };
  if (!SERIAL_CHARACTERS.test(serial)) return { ok: false, reason: 'badCharacters' };
  return { ok: true, serial };
}

/** A short, printable form of a raw code for messages: its length in digits when cut, no word (it goes into every language's text). */
export function echoCode(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const printable = raw.replace(/[\x00-\x1f\x7f]/g, '\u2400');
  return printable.length > MAX_ECHOED_CODE_LENGTH
    ? `${printable.slice(0, MAX_ECHOED_CODE_LENGTH)}… (${raw.length})`
    : printable;
}
