import type { z } from 'zod';
import type { ErrorText } from './envelope';

/** Longest key and message shown: a hostile payload's keys and values are never echoed in full. */
const MAX_SHOWN_KEY_LENGTH = 40;
const MAX_SHOWN_MESSAGE_LENGTH = 200;
const MAX_SHOWN_UNKNOWN_KEYS = 5;

function bounded(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length})` : text;
}

/** `value[0].properties.driveList[1].driveId` — the path an operator or a script can act on. */
export function formatIssuePath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = bounded(String(key), MAX_SHOWN_KEY_LENGTH);
      out += out === '' ? name : `.${name}`;
    }
  }
  return out === '' ? '(the whole document)' : out;
}

/** One line per problem, naming the field: what a malformed payload gets back. */
export function describeIssues(error: z.ZodError, prefix = '', maxIssues = 5): string {
  const lines = error.issues
    .slice(0, maxIssues)
    .map((issue) => `${formatIssuePath(issue.path, prefix)}: ${bounded(issue.message, MAX_SHOWN_MESSAGE_LENGTH)}`);
  const more = error.issues.length - maxIssues;
  return more > 0 ? `${lines.join('; ')}; and ${more} more` : lines.join('; ');
}

/** Types a field may be expected to have; each has its own words in the catalogues. */
const EXPECTED_TYPES: Readonly<Record<string, string>> = {
  string: 'fieldExpectedText',
  number: 'fieldExpectedNumber',
  int: 'fieldExpectedWholeNumber',
  boolean: 'fieldExpectedTrueFalse',
  object: 'fieldExpectedObject',
  array: 'fieldExpectedList',
};

/** Formats a text field may be expected to have. */
const FORMATS: Readonly<Record<string, string>> = {
  date: 'fieldExpectedDate',
  datetime: 'fieldExpectedDateTime',
  url: 'fieldExpectedUrl',
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/**
 * The first problem of a refused payload as a catalogue text (docs/i18n.md): which field, and what
 * it must be, in the operator's language. `input` is the payload as sent, to tell a missing field
 * from a wrong one.
 */
export function issuesText(error: z.ZodError, input: unknown, prefix = ''): ErrorText {
  const issue = error.issues[0];
  if (issue === undefined) return { key: 'fieldInvalid', params: { field: formatIssuePath([], prefix) } };
  const field = formatIssuePath(issue.path, prefix);
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return { key: 'fieldMissing', params: { field } };
      return { key: EXPECTED_TYPES[issue.expected] ?? 'fieldInvalid', params: { field } };
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { key: 'fieldEmpty', params: { field } } : { key: 'fieldTooShort', params: { field, minimum: Number(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'fieldTooFew', params: { field, minimum: Number(issue.minimum) } };
      return { key: issue.inclusive === false ? 'fieldNotAbove' : 'fieldTooSmall', params: { field, minimum: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'fieldTooLong', params: { field, maximum: Number(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set') return { key: 'fieldTooMany', params: { field, maximum: Number(issue.maximum) } };
      return { key: 'fieldTooLarge', params: { field, maximum: Number(issue.maximum) } };
    case 'invalid_value':
      return { key: 'fieldNotOneOf', params: { field, options: issue.values.map((value) => String(value)).join(', ') } };
    case 'invalid_format':
      return { key: FORMATS[issue.format] ?? 'fieldBadFormat', params: { field } };
    case 'unrecognized_keys': {
      // A hostile payload may send thousands of keys: a few are named, the rest counted.
      const shown = issue.keys.slice(0, MAX_SHOWN_UNKNOWN_KEYS).map((key) => formatIssuePath([...issue.path, key], prefix));
      const more = issue.keys.length - shown.length;
      return { key: 'fieldsUnknown', params: { fields: more > 0 ? `${shown.join(', ')} (+${more})` : shown.join(', ') } };
    }
    case 'custom': {
      // A refinement of ours (free text …) names its own catalogue text; the field comes from the path.
      const custom = issue.params as { key?: unknown } | undefined;
      if (typeof custom?.key === 'string') {
        const { key, ...params } = issue.params as Record<string, string | number> & { key: string };
        return { key, params: { ...params, field } };
      }
      return { key: 'fieldInvalid', params: { field } };
    }
    default:
      return { key: 'fieldInvalid', params: { field } };
  }
}
