/**
 * Free text that ends up on printed documents and in CSV (operator names, notes, reasons, carrier
 * names, addresses): refused when it holds control characters, bidirectional overrides (which make
 * a printed line read differently from what is stored) or text that is not valid Unicode (a lone
 * surrogate, or U+FFFD where the transport met invalid UTF-8). docs/receiving-rules.md, "Free text".
 */

export type FreeTextProblem = 'controlCharacter' | 'bidiControl' | 'invalidUnicode';

export interface FreeTextFinding {
  readonly problem: FreeTextProblem;
  /** The offending character as U+XXXX: safe to print, never the character itself. */
  readonly codePoint: string;
  /** Its position in the text (UTF-16 units), for a person to find it. */
  readonly index: number;
}

/** C0 and C1 controls and DEL. Tab and line breaks only where a field is multi-line. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI). */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** What a lenient UTF-8 decoder leaves where the bytes were invalid. */
const REPLACEMENT_CHARACTER = /\ufffd/;

function codePointAt(text: string, index: number): string {
  return `U+${(text.codePointAt(index) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function find(text: string, pattern: RegExp, problem: FreeTextProblem): FreeTextFinding | null {
  const match = pattern.exec(text);
  return match === null ? null : { problem, codePoint: codePointAt(text, match.index), index: match.index };
}

/** The first problem of `text`, or null when it may be stored and printed. */
export function checkFreeText(text: string, options: { multiLine?: boolean } = {}): FreeTextFinding | null {
  // Lone surrogates first: the /u patterns below would not see them as characters.
  const lone = LONE_SURROGATE.exec(text);
  if (lone !== null) return { problem: 'invalidUnicode', codePoint: codePointAt(text, lone.index), index: lone.index };
  return (
    find(text, REPLACEMENT_CHARACTER, 'invalidUnicode') ??
    find(text, options.multiLine === true ? CONTROL_EXCEPT_LINES : CONTROL, 'controlCharacter') ??
    find(text, BIDI_CONTROL, 'bidiControl')
  );
}

const PROBLEM_WORDS: Readonly<Record<FreeTextProblem, string>> = {
  controlCharacter: 'a control character',
  bidiControl: 'a bidirectional control character (it would make printed text read differently)',
  invalidUnicode: 'text that is not valid Unicode (invalid UTF-8 or a lone surrogate)',
};

/** `holds a control character (U+0007) at position 5` */
export function freeTextMessage(finding: FreeTextFinding): string {
  return `holds ${PROBLEM_WORDS[finding.problem]} (${finding.codePoint}) at position ${finding.index + 1}`;
}

/** `note: holds a control character (U+0007) at position 5` */
export function describeFreeTextProblem(field: string, finding: FreeTextFinding): string {
  return `${field}: ${freeTextMessage(finding)}`;
}

/** The catalogue key of each problem (docs/i18n.md), with params field, codePoint, position. */
export const FREE_TEXT_KEYS: Readonly<Record<FreeTextProblem, string>> = {
  controlCharacter: 'freeTextControlCharacter',
  bidiControl: 'freeTextBidiControl',
  invalidUnicode: 'freeTextInvalidUnicode',
};
