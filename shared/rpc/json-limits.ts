/**
 * Depth and size limits for every payload and document (docs/reliability.md, "Bad input"). Deep
 * nesting would otherwise overflow the stack of JSON.parse, a schema or JSON.stringify and end as an
 * internal error; a document with millions of values would hold the desk's one thread. Both checks
 * here are iterative, so they never overflow themselves.
 */

/** Deepest nesting of objects and arrays accepted anywhere; a job document nests about 5 deep. */
export const MAX_JSON_DEPTH = 64;
/** Most values (objects, arrays, strings, numbers …) in one payload; a 20,000-job list has ~1.5 million. */
export const MAX_JSON_VALUES = 4_000_000;

export type JsonLimitProblem =
  | { readonly kind: 'depth'; readonly path: string; readonly limit: number }
  | { readonly kind: 'values'; readonly limit: number };

/** Longest key shown in a path: a hostile document's keys are never echoed in full. */
const MAX_PATH_KEY_LENGTH = 40;

function pathKey(key: string): string {
  const shown = key.length > MAX_PATH_KEY_LENGTH ? `${key.slice(0, MAX_PATH_KEY_LENGTH)}…` : key;
  return /^[A-Za-z_$][\w$]*$/.test(shown) ? `.${shown}` : `[${JSON.stringify(shown)}]`;
}

/** Longest path shown: its start says where the nesting began. */
const MAX_SHOWN_PATH_LENGTH = 120;

function shownPath(path: string): string {
  if (path === '') return '(the whole document)';
  return path.length > MAX_SHOWN_PATH_LENGTH ? `${path.slice(0, MAX_SHOWN_PATH_LENGTH)}…` : path;
}

/**
 * The first place `value` nests deeper than `maxDepth`, or holds more than `maxValues` values.
 * `prefix` names where the value sits (`document`).
 */
export function checkJsonLimits(
  value: unknown,
  prefix: string,
  maxDepth: number = MAX_JSON_DEPTH,
  maxValues: number = MAX_JSON_VALUES,
): JsonLimitProblem | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: prefix }];
  let count = 0;
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; depth: number; path: string };
    count += 1;
    if (count > maxValues) return { kind: 'values', limit: maxValues };
    if (typeof item.value !== 'object' || item.value === null) continue;
    const depth = item.depth + 1;
    if (depth > maxDepth) return { kind: 'depth', path: shownPath(item.path), limit: maxDepth };
    if (Array.isArray(item.value)) {
      for (let index = item.value.length - 1; index >= 0; index -= 1) {
        stack.push({ value: item.value[index], depth, path: `${item.path}[${index}]` });
      }
    } else {
      for (const [key, child] of Object.entries(item.value as Record<string, unknown>)) {
        stack.push({ value: child, depth, path: `${item.path}${pathKey(key)}` });
      }
    }
  }
  return null;
}

/**
 * The nesting depth JSON text reaches, counted without parsing (strings skipped), so text too deep
 * for JSON.parse is refused before it is parsed. Stops counting once past `maxDepth`.
 */
export function jsonTextTooDeep(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const c = text.charCodeAt(index);
    if (inString) {
      if (c === 0x5c) index += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

export function describeJsonLimit(problem: JsonLimitProblem): string {
  return problem.kind === 'depth'
    ? `${problem.path}: nested deeper than ${problem.limit} levels (the limit for any document or request)`
    : `holds more than ${problem.limit} values (the limit for any document or request): split it`;
}
