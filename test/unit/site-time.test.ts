import { describe, expect, it } from 'vitest';
import { isTimeZone, readDocumentDate, siteMidnight } from '../../shared/domain/site-time';

describe('document dates in the site time zone', () => {
  it('reads a date without a zone as a wall-clock time at the site', () => {
    expect(readDocumentDate('11/18/2026 9:05:00 AM', 'Europe/Prague')).toEqual({ ok: true, iso: '2026-11-18T08:05:00.000Z' });
    expect(readDocumentDate('11/18/2026 9:05:00 AM', 'America/Los_Angeles')).toEqual({ ok: true, iso: '2026-11-18T17:05:00.000Z' });
    expect(readDocumentDate('2026-07-01T12:00', 'Europe/Prague')).toEqual({ ok: true, iso: '2026-07-01T10:00:00.000Z' });
    expect(readDocumentDate('2026-07-01', 'Asia/Tokyo')).toEqual({ ok: true, iso: '2026-06-30T15:00:00.000Z' });
    expect(siteMidnight('2026-03-29', 'Europe/Prague')).toBe('2026-03-28T23:00:00.000Z');
  });

  it('keeps an instant that carries its zone or offset', () => {
    expect(readDocumentDate('2026-11-18T09:05:00Z', 'Asia/Tokyo')).toEqual({ ok: true, iso: '2026-11-18T09:05:00.000Z' });
    expect(readDocumentDate('2026-11-18T09:05:00+02:00', 'UTC')).toEqual({ ok: true, iso: '2026-11-18T07:05:00.000Z' });
  });

  it('crosses daylight saving time at the site correctly', () => {
    // Prague leaves summer time at 03:00 on 2026-10-25: 02:30 before and 03:30 after are an hour apart in UTC + 1 h.
    expect(readDocumentDate('2026-10-24T12:00', 'Europe/Prague')).toEqual({ ok: true, iso: '2026-10-24T10:00:00.000Z' });
    expect(readDocumentDate('2026-10-26T12:00', 'Europe/Prague')).toEqual({ ok: true, iso: '2026-10-26T11:00:00.000Z' });
  });

  it.each(['2026-02-30', '2/30/2026', '2025-02-29', '13/01/2026', '2026-04-31T10:00', '2026-01-01T24:00', '1/1/2026 13:00 PM', '2026-01-01T10:00+15:00'])(
    'refuses the impossible date %s instead of rolling it over',
    (raw) => {
      expect(readDocumentDate(raw, 'UTC')).toEqual({ ok: false, reason: 'impossible' });
    },
  );

  it('accepts 29 February of a leap year and refuses words', () => {
    expect(readDocumentDate('2028-02-29', 'UTC').ok).toBe(true);
    expect(readDocumentDate('next tuesday', 'UTC')).toEqual({ ok: false, reason: 'unrecognised' });
  });

  it('knows IANA zone names', () => {
    expect(isTimeZone('Europe/Prague')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
