import { describe, expect, it } from 'vitest';
import { STALE_KEY_GAP_MS, ScanCapture } from '../../renderer/src/scanning/scan-capture';

function typeInto(capture: ScanCapture, text: string, start: number, gap: number) {
  const results = [];
  let at = start;
  for (const key of text) {
    results.push(capture.feed(key, at));
    at += gap;
  }
  results.push(capture.feed('Enter', at));
  return results;
}

describe('ScanCapture', () => {
  it('turns keys ending in Enter into exactly one scan each, back to back', () => {
    const capture = new ScanCapture();
    const first = typeInto(capture, 'ABC123', 0, 2);
    const second = typeInto(capture, 'XYZ9', 20, 2);
    expect(first.at(-1)).toMatchObject({ code: 'ABC123' });
    expect(second.at(-1)).toMatchObject({ code: 'XYZ9' });
    expect(first.slice(0, -1).every((result) => result === 'consumed')).toBe(true);
  });

  it('leaves Enter and a leading space to the focused control when no scan is under way', () => {
    const capture = new ScanCapture();
    expect(capture.feed('Enter', 0)).toBe('ignored');
    expect(capture.feed(' ', 1)).toBe('ignored');
    expect(capture.feed('Tab', 2)).toBe('ignored');
  });

  it('drops stray keys typed long before a scan, so they never glue onto it', () => {
    const capture = new ScanCapture();
    capture.feed('q', 0);
    const results = typeInto(capture, 'SN42', STALE_KEY_GAP_MS + 10, 2);
    expect(results.at(-1)).toMatchObject({ code: 'SN42' });
  });
});
