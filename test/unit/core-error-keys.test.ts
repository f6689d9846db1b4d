import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/i18n/locales/en.json';
import { issuesText } from '../../shared/rpc/describe-issues';
import { createDispatcher, type MethodHandlers } from '../../main/core/dispatcher';
import { ERROR_CODES } from '../../shared/rpc/envelope';

const ROOT = path.resolve(__dirname, '..', '..');
const CORE_TEXTS = en.core as Record<string, string>;
const ERROR_CODE_SET = new Set<string>(ERROR_CODES);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(full) && !full.endsWith('.d.ts') ? [full] : [];
  });
}

interface ErrorSite {
  readonly where: string;
  readonly keyed: boolean;
}

/** Every place main/ or shared/ makes an error envelope or a DeskError, and the message keys it names. */
function errorSites(file: string): { sites: ErrorSite[]; keys: string[] } {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sites: ErrorSite[] = [];
  const keys: string[] = [];
  const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && node.expression.getText() === 'DeskError') {
      sites.push({ where: where(node), keyed: (node.arguments?.length ?? 0) >= 4 });
    } else if (ts.isCallExpression(node) && node.expression.getText() === 'fail') {
      const first = node.arguments[0];
      // The envelope's fail(code, message, details, text); local helpers of the same name take other things.
      if (first !== undefined && ts.isStringLiteral(first) && ERROR_CODE_SET.has(first.text)) sites.push({ where: where(node), keyed: node.arguments.length >= 4 });
    } else if (ts.isPropertyAssignment(node) && node.name.getText() === 'key' && ts.isStringLiteral(node.initializer)) {
      keys.push(node.initializer.text);
    }
    // said('key', …) and a table of keys (`const INVALID_KEYS = { empty: 'scanInvalidEmpty', … }`).
    if (ts.isCallExpression(node) && node.expression.getText() === 'said' && node.arguments[0] !== undefined && ts.isStringLiteral(node.arguments[0])) {
      keys.push(node.arguments[0].text);
    }
    if (ts.isVariableDeclaration(node) && /_KEYS$/.test(node.name.getText()) && node.initializer !== undefined && ts.isObjectLiteralExpression(node.initializer)) {
      for (const property of node.initializer.properties) if (ts.isPropertyAssignment(property) && ts.isStringLiteral(property.initializer)) keys.push(property.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { sites, keys };
}

const files = [...sourceFiles(path.join(ROOT, 'main')), ...sourceFiles(path.join(ROOT, 'shared'))];
const found = files.map(errorSites);

describe('every error the core raises can be said in the operator\'s language (docs/i18n.md)', () => {
  it('every DeskError and error envelope in main/ and shared/ carries a catalogue key', () => {
    const sites = found.flatMap((entry) => entry.sites);
    expect(sites.length).toBeGreaterThan(40);
    expect(sites.filter((site) => !site.keyed).map((site) => site.where)).toEqual([]);
  });

  it('every key named in the code has a text in the core section of the English catalogue', () => {
    const keys = [...new Set(found.flatMap((entry) => entry.keys))];
    expect(keys.length).toBeGreaterThan(40);
    // A plural text is there as key_one, key_other …
    expect(keys.filter((key) => CORE_TEXTS[key] === undefined && CORE_TEXTS[`${key}_other`] === undefined)).toEqual([]);
  });

  it('a refused payload names the field and says what it must be, for every kind of problem', () => {
    const schema = z.strictObject({
      name: z.string().trim().min(1).max(5),
      count: z.number().int().positive(),
      ratio: z.number().max(1).optional(),
      kind: z.enum(['a', 'b']).optional(),
      day: z.iso.date().optional(),
      url: z.url().optional(),
      list: z.array(z.string()).min(1).max(2).optional(),
      flag: z.boolean().optional(),
      code: z.string().regex(/^x+$/).optional(),
    });
    const cases: [unknown, string, Record<string, string | number>][] = [
      [{ count: 1 }, 'fieldMissing', { field: 'name' }],
      [{ name: 3, count: 1 }, 'fieldExpectedText', { field: 'name' }],
      [{ name: '', count: 1 }, 'fieldEmpty', { field: 'name' }],
      [{ name: 'toolong', count: 1 }, 'fieldTooLong', { field: 'name', maximum: 5 }],
      [{ name: 'a', count: 0 }, 'fieldNotAbove', { field: 'count', minimum: 0 }],
      [{ name: 'a', count: 1.5 }, 'fieldExpectedWholeNumber', { field: 'count' }],
      [{ name: 'a', count: 1, ratio: 2 }, 'fieldTooLarge', { field: 'ratio', maximum: 1 }],
      [{ name: 'a', count: 1, kind: 'c' }, 'fieldNotOneOf', { field: 'kind', options: 'a, b' }],
      [{ name: 'a', count: 1, day: '2026-13-40' }, 'fieldExpectedDate', { field: 'day' }],
      [{ name: 'a', count: 1, url: 'nope' }, 'fieldExpectedUrl', { field: 'url' }],
      [{ name: 'a', count: 1, list: [] }, 'fieldTooFew', { field: 'list', minimum: 1 }],
      [{ name: 'a', count: 1, list: ['a', 'b', 'c'] }, 'fieldTooMany', { field: 'list', maximum: 2 }],
      [{ name: 'a', count: 1, flag: 'yes' }, 'fieldExpectedTrueFalse', { field: 'flag' }],
      [{ name: 'a', count: 1, code: 'y' }, 'fieldBadFormat', { field: 'code' }],
      [{ name: 'a', count: 1, extra: 1 }, 'fieldsUnknown', { fields: 'extra' }],
    ];
    for (const [input, key, params] of cases) {
      const parsed = schema.safeParse(input);
      expect(parsed.success, JSON.stringify(input)).toBe(false);
      if (parsed.success) continue;
      expect(issuesText(parsed.error, input), JSON.stringify(input)).toEqual({ key, params });
      expect(CORE_TEXTS[key], key).toBeDefined();
    }
  });

  it('the dispatcher answers a bad payload, an unknown method and a failure with a key', async () => {
    const handlers = {
      'desk.ping': () => {
        throw new Error('boom');
      },
    } as unknown as MethodHandlers;
    const dispatch = createDispatcher(handlers);
    expect(await dispatch('jobs.get', { jobId: '' })).toMatchObject({ ok: false, error: { code: 'invalid_params', key: 'fieldEmpty', params: { field: 'jobId' } } });
    expect(await dispatch('jobs.get', {})).toMatchObject({ ok: false, error: { key: 'fieldMissing', params: { field: 'jobId' } } });
    expect(await dispatch('no.such', {})).toMatchObject({ ok: false, error: { code: 'unknown_method', key: 'unknownMethod', params: { method: 'no.such' } } });
    expect(await dispatch('desk.ping', {})).toMatchObject({ ok: false, error: { code: 'internal', key: 'unexpectedFailure', params: { method: 'desk.ping' } } });
  });
});
