import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, checkJsonLimits, jsonTextTooDeep } from '../../shared/rpc/json-limits';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? { a: value } : [value];
  return value;
}

describe('depth and size limits of documents and payloads', () => {
  it('accepts nesting up to the limit and names the place past it', () => {
    expect(checkJsonLimits(nested(MAX_JSON_DEPTH), 'document')).toBeNull();
    const problem = checkJsonLimits(nested(MAX_JSON_DEPTH + 1), 'document');
    expect(problem).toMatchObject({ kind: 'depth', limit: MAX_JSON_DEPTH });
    expect(problem?.kind === 'depth' && problem.path.startsWith('document')).toBe(true);
  });

  it('walks a million levels without overflowing its own stack', () => {
    expect(checkJsonLimits(nested(1_000_000), 'document')).toMatchObject({ kind: 'depth' });
    expect(jsonTextTooDeep('['.repeat(1_000_000))).toBe(true);
  });

  it('counts depth in JSON text outside strings only', () => {
    expect(jsonTextTooDeep(JSON.stringify({ a: '[[[[[[[[[[{{{{{{{{{{'.repeat(100) }))).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify({ a: 'x\\"[[[['.repeat(100) }))).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonTextTooDeep(JSON.stringify(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
  });

  it('refuses more values than the limit', () => {
    expect(checkJsonLimits(new Array(100).fill(0), 'x', 64, 50)).toEqual({ kind: 'values', limit: 50 });
  });

  it('never echoes a long key in the path', () => {
    const key = 'k'.repeat(10_000);
    const problem = checkJsonLimits({ [key]: nested(MAX_JSON_DEPTH) }, 'params');
    expect(problem?.kind === 'depth' && problem.path.length).toBeLessThan(200);
  });
});
