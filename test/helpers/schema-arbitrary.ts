/**
 * fast-check inputs built from a zod schema (the RPC contract's params): the right shape, with
 * values that are sometimes right and often wrong — out of range, too long, empty, control and
 * bidirectional characters, non-ASCII look-alikes, dates that do not exist, names of nothing — so
 * that most inputs pass the shape check and reach the method's own code, where the interesting
 * refusals live. Field names pick pools of values the desk really holds (job names, serials,
 * tracking numbers, package ids…), so some inputs are accepted too.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** Values the desk under test holds, by the field names that carry them. */
export interface ValuePools {
  readonly strings: Readonly<Record<string, readonly string[]>>;
  readonly numbers: Readonly<Record<string, readonly number[]>>;
  /** For a field whose schema says nothing of its shape (a job document): whole values. */
  readonly unknowns?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
}

/** Strings that are wrong in some way for almost any field. */
const WRONG_STRINGS = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'A\u0000B',
  '\u001b[31mred',
  '\u202eevil',
  'a\u200fb',
  '\ud800',
  'DRIVEı',
  'ﬁle',
  'Ｆｕｌｌ',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=cmd|calc!A1',
  '__proto__',
  'constructor',
  'null',
  '2026-02-30',
  '2026-13-01T00:00:00Z',
  'not a date',
];

interface Def {
  readonly type: string;
  readonly [key: string]: unknown;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
interface CheckDef {
  readonly check: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
  readonly format?: string;
}
const checksOf = (def: Def): CheckDef[] => ((def.checks as { _zod: { def: CheckDef } }[] | undefined) ?? []).map((check) => check._zod.def);

function stringArbitrary(def: Def, field: string, pools: ValuePools): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const min = checks.find((check) => check.check === 'min_length')?.minimum ?? 0;
  const max = checks.find((check) => check.check === 'max_length')?.maximum ?? 200;
  const format = checks.find((check) => check.check === 'string_format')?.format;
  const pool = pools.strings[field] ?? [];
  const options: fc.Arbitrary<string>[] = [
    fc.constantFrom(...WRONG_STRINGS),
    fc.string({ minLength: min, maxLength: Math.min(max, 40) }),
    // At the limit and one past it.
    fc.constantFrom('x'.repeat(Math.max(max, 1)), 'x'.repeat(max + 1)),
  ];
  if (format === 'datetime' || format === 'date') {
    options.push(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => (format === 'date' ? date.toISOString().slice(0, 10) : date.toISOString())));
  }
  // Pooled values weigh most: they are what reaches the method's code and gets accepted.
  if (pool.length > 0) return fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, ...options.map((arbitrary) => ({ arbitrary, weight: 1 })));
  return fc.oneof(...options);
}

function numberArbitrary(def: Def, field: string, pools: ValuePools): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const low = checks.find((check) => check.check === 'greater_than');
  const high = checks.find((check) => check.check === 'less_than');
  const isInt = checks.some((check) => check.check === 'number_format');
  const min = low?.value === undefined ? -1_000 : low.value + (low.inclusive === false ? 1 : 0);
  const max = high?.value === undefined ? 100_000 : high.value - (high.inclusive === false ? 1 : 0);
  const pool = pools.numbers[field] ?? [];
  const options: fc.Arbitrary<number>[] = [
    isInt ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }) : fc.double({ min, max, noNaN: true }),
    fc.constantFrom(min - 1, max + 1, 0, -1, 1.5, 2 ** 53, -(2 ** 53), 1e308),
  ];
  if (pool.length > 0) return fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, ...options.map((arbitrary) => ({ arbitrary, weight: 1 })));
  return fc.oneof(...options);
}

/**
 * An arbitrary for `schema`. `field` is the name the value goes under (it picks the pool). Optional
 * fields are sometimes left out; an object now and then carries a key it does not know.
 */
export function arbitraryFor(schema: z.ZodType, pools: ValuePools, field = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringArbitrary(def, field, pools);
    case 'number':
      return numberArbitrary(def, field, pools);
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.oneof(fc.constantFrom(...(def.values as unknown[])), fc.constantFrom('', 0, 'other'));
    case 'enum': {
      const values = Object.values(def.entries as Record<string, string | number>);
      return fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 4 }, { arbitrary: fc.constantFrom('', 'unknown', String(values[0]).toUpperCase()), weight: 1 });
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return arbitraryFor(def.innerType as z.ZodType, pools, field);
    case 'nullable':
      return fc.oneof({ arbitrary: arbitraryFor(def.innerType as z.ZodType, pools, field), weight: 4 }, { arbitrary: fc.constant(null), weight: 1 });
    case 'pipe':
      return arbitraryFor(def.in as z.ZodType, pools, field);
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((option) => arbitraryFor(option, pools, field)));
    case 'array': {
      const checks = checksOf(def);
      const max = checks.find((check) => check.check === 'max_length')?.maximum ?? 5;
      return fc.array(arbitraryFor(def.element as z.ZodType, pools, field), { maxLength: Math.min(max + 1, 6) });
    }
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 10 }), arbitraryFor(def.valueType as z.ZodType, pools, field), { maxKeys: 3 });
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const entries = Object.entries(shape);
      const required = entries.filter(([, value]) => !['optional', 'default', 'prefault'].includes(defOf(value).type)).map(([key]) => key);
      const record = fc.record(Object.fromEntries(entries.map(([key, value]) => [key, arbitraryFor(value, pools, key)])), { requiredKeys: required as never[] });
      // Now and then a key the method does not know: the right shape, one wrong key.
      return fc.oneof({ arbitrary: record, weight: 9 }, { arbitrary: fc.tuple(record, fc.constantFrom('extra', '__proto__', 'constructor')).map(([value, key]) => ({ ...(value as object), [key]: 1 })), weight: 1 });
    }
    case 'unknown':
    case 'any':
      return pools.unknowns?.[field] ?? fc.anything();
    default:
      // A schema kind this generator does not know: any value, so nothing is silently left out.
      return fc.anything();
  }
}
