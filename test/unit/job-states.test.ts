import { describe, expect, it } from 'vitest';
import { isLegalJobMove, legalJobMoves } from '../../shared/domain/job-states';

const plain = { cancelled: false, faultedFrom: null };

describe('job state machine (DESIGN §1)', () => {
  it('follows Shipping → Received → Transferring → Packaging → Completed or Closed', () => {
    expect(legalJobMoves('Creating', plain)).toEqual(['Shipping', 'Faulted']);
    expect(legalJobMoves('Shipping', plain)).toEqual(['Received', 'Closed', 'Faulted']);
    expect(legalJobMoves('Received', plain)).toEqual(['Transferring', 'Faulted']);
    expect(legalJobMoves('Transferring', plain)).toEqual(['Packaging', 'Faulted']);
    expect(legalJobMoves('Packaging', plain)).toEqual(['Completed', 'Closed', 'Faulted']);
    expect(legalJobMoves('Completed', plain)).toEqual([]);
    expect(legalJobMoves('Closed', plain)).toEqual([]);
  });

  it('lets a cancelled job skip the copy', () => {
    expect(isLegalJobMove('Received', 'Packaging', { cancelled: true, faultedFrom: null })).toBe(true);
    expect(isLegalJobMove('Received', 'Packaging', plain)).toBe(false);
  });

  it('resolves a faulted job to the state it left or its successors', () => {
    expect(legalJobMoves('Faulted', { cancelled: false, faultedFrom: 'Shipping' })).toEqual(['Shipping', 'Received', 'Closed']);
  });
});
