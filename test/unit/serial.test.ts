import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SERIAL_LENGTH, checkScanCode, echoCode, normalizeCode } from '../../shared/domain/serial';

describe('serial normalisation', () => {
  it('trims, upper-cases, drops spaces and dashes and framing control characters', () => {
    expect(normalizeCode('  wd-ab 12\r\n')).toBe('WDAB12');
    expect(normalizeCode('\tkv6h86xp\n')).toBe('KV6H86XP');
    expect(checkScanCode('\x1d9ca995bb\r')).toEqual({ ok: true, serial: '9CA995BB' });
  });

  it('is idempotent, so both sides of a comparison agree', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (raw) => {
        expect(normalizeCode(normalizeCode(raw))).toBe(normalizeCode(raw));
      }),
      { numRuns: 500 },
    );
  });

  it('rejects what no serial is, with the reason', () => {
    expect(checkScanCode('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkScanCode('AB\x07CD')).toEqual({ ok: false, reason: 'controlCharacters' });
    expect(checkScanCode('A'.repeat(MAX_SERIAL_LENGTH + 1))).toEqual({ ok: false, reason: 'tooLong' });
    expect(checkScanCode('x'.repeat(4000))).toEqual({ ok: false, reason: 'tooLong' });
    expect(checkScanCode('AB#CD')).toEqual({ ok: false, reason: 'badCharacters' });
    expect(checkScanCode('DRIVE ÄÖ')).toEqual({ ok: false, reason: 'badCharacters' });
  });

  it('never echoes a huge paste in full', () => {
    expect(echoCode('x'.repeat(4000))).toContain('… (4000)');
    expect(echoCode('x'.repeat(4000)).length).toBeLessThan(100);
  });
});

describe('serials are ASCII', () => {
  it.each([
    ['dotless ı', 'wdı23'],
    ['dotted İ', 'WDİ23'],
    ['ligature ﬁ', 'ﬁ123'],
    ['long s ſ', 'ſ123'],
    ['Kelvin sign', '\u212a123'],
    ['fullwidth letters', 'ＷＤ１２'],
    ['ß', 'straße1'],
  ])('never folds a %s into ASCII: refused as no serial', (_label, code) => {
    expect(checkScanCode(code)).toEqual({ ok: false, reason: 'badCharacters' });
    expect(normalizeCode(code)).not.toMatch(/^[A-Z0-9_.]+$/);
  });

  it('upper-cases ASCII letters only, for any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit: fc.constantFrom(...'aZ09-_. \tıİﬁſßÄéＷ\u212a\u0130') }), (raw) => {
        const check = checkScanCode(raw);
        // A code with a non-ASCII character is never a serial, whatever case mapping would make of it.
        // eslint-disable-next-line no-control-regex
        if (/[^\x00-\x7f]/.test(raw.replace(/\s/g, ''))) expect(check.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
