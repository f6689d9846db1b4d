import { describe, expect, it } from 'vitest';
import { KNOWN_DRIVE_STATES, REMOVED_DRIVE_STATE, isLegalDriveMove, legalDriveMoves } from '../../shared/domain/drive-states';

const plain = { jobCancelled: false, faultedFrom: null };

describe('drive state machine (DESIGN §1)', () => {
  it('has exactly the table of legal ordinary moves', () => {
    const table = Object.fromEntries(KNOWN_DRIVE_STATES.filter((s) => s !== 'Faulted').map((state) => [state, legalDriveMoves(state, plain)]));
    expect(table).toEqual({
      Specified: ['Received', 'NeverReceived', 'Faulted'],
      NeverReceived: ['Received', 'Faulted'],
      Received: ['Transferring', 'Faulted'],
      Transferring: ['Completed', 'CompletedMoreInfo', 'Faulted'],
      Completed: ['ShippedBack', 'Faulted'],
      CompletedMoreInfo: ['ShippedBack', 'Faulted'],
      ShippedBack: [],
    });
  });

  it('lets a cancelled job ship received drives straight back, and only a cancelled one', () => {
    expect(isLegalDriveMove('Received', 'ShippedBack', { jobCancelled: true, faultedFrom: null })).toBe(true);
    expect(isLegalDriveMove('Received', 'ShippedBack', plain)).toBe(false);
  });

  it('resolves Faulted to the state it left or a legal successor of it', () => {
    expect(legalDriveMoves('Faulted', { jobCancelled: false, faultedFrom: 'Transferring' })).toEqual(['Transferring', 'Completed', 'CompletedMoreInfo']);
    expect(legalDriveMoves('Faulted', { jobCancelled: true, faultedFrom: 'Received' })).toEqual(['Received', 'Transferring', 'ShippedBack']);
    expect(legalDriveMoves('Faulted', { jobCancelled: false, faultedFrom: null })).toEqual([]);
  });

  it('never faults a shipped-back drive; from a state the upstream invented, operations may move it to any known state', () => {
    expect(isLegalDriveMove('ShippedBack', 'Faulted', plain)).toBe(false);
    // Not a dead end (docs/receiving-rules.md): the desk asks for a note on such a move.
    expect(legalDriveMoves('Lost', plain)).toEqual([...KNOWN_DRIVE_STATES]);
    // Faulted from such a state resolves to any known state but Faulted.
    expect(legalDriveMoves('Faulted', { jobCancelled: false, faultedFrom: 'Lost' })).toEqual(KNOWN_DRIVE_STATES.filter((state) => state !== 'Faulted'));
    // The desk-local Removed is not an upstream state: nothing moves it but a new scan.
    expect(legalDriveMoves(REMOVED_DRIVE_STATE, plain)).toEqual([]);
  });
});

describe('extra drives', () => {
  it('go from Received straight back (they are never copied), and only extra drives do', () => {
    expect(isLegalDriveMove('Received', 'ShippedBack', { jobCancelled: false, faultedFrom: null, isExtra: true })).toBe(true);
    expect(isLegalDriveMove('Received', 'ShippedBack', { jobCancelled: false, faultedFrom: null, isExtra: false })).toBe(false);
    expect(isLegalDriveMove('Received', 'ShippedBack', { jobCancelled: false, faultedFrom: null })).toBe(false);
    expect(isLegalDriveMove('NeverReceived', 'ShippedBack', { jobCancelled: false, faultedFrom: null, isExtra: true })).toBe(false);
  });
});
