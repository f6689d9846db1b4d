import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_SCANNER_PROFILE, decodeScan, wasKeyed } from '../../shared/scanning/scanner-profile';
import { ScanCapture, scannerKey } from '../../renderer/src/scanning/scan-capture';

const profile = { ...DEFAULT_SCANNER_PROFILE, prefix: '#', suffix: '$', endKey: 'Tab' as const };

describe('scanner setup', () => {
  it('strips the prefix, the suffix, an AIM identifier and GS1 separators, and says what it did', () => {
    expect(decodeScan('#]C1SN\u001d42$', profile)).toEqual({
      raw: '#]C1SN\u001d42$',
      code: 'SN42',
      prefixRemoved: true,
      suffixRemoved: true,
      aimIdentifier: ']C1',
      groupSeparatorsRemoved: 1,
    });
    expect(decodeScan(']C1SN42', { ...profile, stripAimIdentifier: false }).code).toBe(']C1SN42');
    expect(decodeScan('SN\u001d42', { ...profile, stripGroupSeparators: false }).code).toBe('SN\u001d42');
    // A code without the affixes is left as it came.
    expect(decodeScan('SN42', profile)).toMatchObject({ code: 'SN42', prefixRemoved: false, suffixRemoved: false, aimIdentifier: null });
  });

  it('never loses the code between the affixes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,30}$/), (serial) => {
        expect(decodeScan(`#]E0${serial}$`, profile).code).toBe(serial);
      }),
      { numRuns: 300 },
    );
  });

  it('ends a scan on the configured key, and reads Ctrl+] as the group separator', () => {
    const capture = new ScanCapture(profile);
    for (const key of ['S', 'N', '1']) expect(capture.feed(key, 0)).toBe('consumed');
    expect(capture.feed('Enter', 1)).toBe('ignored');
    expect(capture.feed('Tab', 2)).toMatchObject({ code: 'SN1' });
    expect(scannerKey({ key: ']', ctrlKey: true, altKey: false, metaKey: false })).toBe('\u001d');
    expect(scannerKey({ key: 'c', ctrlKey: true, altKey: false, metaKey: false })).toBeNull();
    expect(scannerKey({ key: 'ř', ctrlKey: false, altKey: false, metaKey: false })).toBe('ř');
  });

  it('tells a person from a scanner by the configured threshold', () => {
    const keysEvery = (ms: number) => Array.from({ length: 8 }, (_, index) => index * ms);
    expect(wasKeyed(keysEvery(2), 35)).toBe(false);
    expect(wasKeyed(keysEvery(60), 35)).toBe(true);
    expect(wasKeyed(keysEvery(60), 80)).toBe(false);
  });
});
