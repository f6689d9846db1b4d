import { describe, expect, it } from 'vitest';
import { checkFreeText } from '../../shared/domain/free-text';

describe('free text on printed documents and CSV', () => {
  it.each([
    ['a bell', 'Jana\u0007', 'controlCharacter', 'U+0007'],
    ['an escape', '\u001b[31mred', 'controlCharacter', 'U+001B'],
    ['a C1 control', 'x\u0085y', 'controlCharacter', 'U+0085'],
    ['a line break in a name', 'Jana\nNovak', 'controlCharacter', 'U+000A'],
    ['a right-to-left override', 'invoice\u202Efdp.exe', 'bidiControl', 'U+202E'],
    ['a first-strong isolate', 'a\u2068b', 'bidiControl', 'U+2068'],
    ['a lone high surrogate', 'ab\ud800', 'invalidUnicode', 'U+D800'],
    ['a lone low surrogate', '\udc00ab', 'invalidUnicode', 'U+DC00'],
    ['a replacement character from invalid UTF-8', 'Mu\ufffdller', 'invalidUnicode', 'U+FFFD'],
  ])('refuses %s', (_label, text, problem, codePoint) => {
    expect(checkFreeText(text)).toMatchObject({ problem, codePoint });
  });

  it('accepts names and notes in any script, emoji included, and line breaks in notes', () => {
    expect(checkFreeText('Jiří Dvořák')).toBeNull();
    expect(checkFreeText('Алексей Смирнов')).toBeNull();
    expect(checkFreeText('שרה כהן')).toBeNull();
    expect(checkFreeText('box 📦 crushed')).toBeNull();
    expect(checkFreeText('called twice\nno answer\tleft a message', { multiLine: true })).toBeNull();
  });
});
