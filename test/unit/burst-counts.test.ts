import { describe, expect, it } from 'vitest';
import { burstCounts } from '../bench/burst-counts';

/** The burst benchmark's judge: a split, merged, lost or reordered scan is never counted as met. */
const sent = ['BURST0000', 'BURST0001', 'BURST0002', 'BURST0003', 'BURST0004'];

describe('burst counts', () => {
  it('all recorded in order: nothing to count', () => {
    expect(burstCounts(sent, sent)).toEqual({ lost: 0, split: 0, merged: 0, reordered: 0 });
  });

  it('counts each kind on its own', () => {
    expect(burstCounts(sent, ['BURST0000', 'BURST0002', 'BURST0003', 'BURST0004'])).toEqual({ lost: 1, split: 0, merged: 0, reordered: 0 });
    expect(burstCounts(sent, ['BURST0000', 'BURS', 'T0001', 'BURST0002', 'BURST0003', 'BURST0004'])).toEqual({ lost: 0, split: 1, merged: 0, reordered: 0 });
    expect(burstCounts(sent, ['BURST0000', 'BURST0001BURST0002', 'BURST0003', 'BURST0004'])).toEqual({ lost: 0, split: 0, merged: 1, reordered: 0 });
    expect(burstCounts(sent, ['BURST0000', 'BURST0002', 'BURST0001', 'BURST0003', 'BURST0004'])).toEqual({ lost: 0, split: 0, merged: 0, reordered: 1 });
  });

  it('a scan with the right count but the wrong codes is not met', () => {
    // Same number of scans recorded as sent, yet one is two codes run together and one is missing.
    const recorded = ['BURST0000', 'BURST0001BURST0002', 'BURST0003', 'XYZ'];
    expect(burstCounts(sent, [...recorded, 'BURST0004'])).toMatchObject({ merged: 1, lost: 0 });
    expect(burstCounts(sent, ['BURST0000', 'BURST0001', 'BURST0002', 'BURST0003', 'GARBAGE'])).toMatchObject({ lost: 1 });
  });
});
