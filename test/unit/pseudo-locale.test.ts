import { describe, expect, it } from 'vitest';
import { pseudoCatalogue, pseudoText } from '../../renderer/src/i18n/pseudo-locale';
import en from '../../renderer/src/i18n/locales/en.json';

type Tree = { readonly [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`)));

describe('the pseudo-locale', () => {
  it('wraps, accents and stretches a text, keeping its placeholders and nesting', () => {
    const text = pseudoText('Package {{tracking}} closed by $t(app.operator).');
    expect(text.startsWith('⟦')).toBe(true);
    expect(text.endsWith('⟧')).toBe(true);
    expect(text).toContain('{{tracking}}');
    expect(text).toContain('$t(app.operator)');
    expect(text).not.toMatch(/Package|closed/);
    expect(text.length).toBeGreaterThan('Package {{tracking}} closed by $t(app.operator).'.length + 5);
  });

  it('covers every text of the English catalogue, with the same placeholders', () => {
    const english = flatten(en as Tree);
    const pseudo = new Map(flatten(pseudoCatalogue(en as Tree)));
    expect(pseudo.size).toBe(english.length);
    for (const [key, text] of english) {
      const wrapped = pseudo.get(key) ?? '';
      expect(wrapped, key).toMatch(/^⟦[\s\S]*⟧$/);
      expect([...wrapped.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]), key).toEqual([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1]));
    }
  });
});
