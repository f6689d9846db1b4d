/**
 * Dates as documents write them, read in the site's time zone (docs/receiving-rules.md, "Dates").
 * A date with a zone or an offset is an instant; one without (the API's shipDate "9/29/2017
 * 10:28:35 PM", or "2026-11-18T09:05") is a wall-clock time at the site, so a deadline does not move
 * with the TZ of whichever process reads it. An impossible date (2026-02-30) is refused, never
 * rolled over into March.
 */

export type DateReading =
  | { readonly ok: true; readonly iso: string }
  | { readonly ok: false; readonly reason: 'unrecognised' | 'impossible' };

interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/** The time zone this machine is set to: the site's time zone until a setting says otherwise. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** An IANA zone name this runtime knows (`Europe/Prague`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isPossible(wall: WallTime): boolean {
  return (
    wall.year >= 1970 &&
    wall.year <= 9999 &&
    wall.month >= 1 &&
    wall.month <= 12 &&
    wall.day >= 1 &&
    wall.day <= daysInMonth(wall.year, wall.month) &&
    wall.hour <= 23 &&
    wall.minute <= 59 &&
    wall.second <= 59
  );
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far `timeZone` is ahead of UTC at the instant `utcMs`, in milliseconds. */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(new Date(utcMs)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** The instant a wall-clock time at `timeZone` names (in a DST gap: the time after the jump). */
export function wallTimeToInstant(wall: WallTime, timeZone: string): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  const first = naive - zoneOffsetMs(naive, timeZone);
  const second = naive - zoneOffsetMs(first, timeZone);
  return new Date(second);
}

/** Midnight of a calendar day (`2026-11-21`) at the site. */
export function siteMidnight(day: string, timeZone: string): string | null {
  const reading = readDocumentDate(day, timeZone);
  return reading.ok ? reading.iso : null;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function fromIso(match: RegExpExecArray, timeZone: string): DateReading {
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const wall: WallTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000),
  };
  if (!isPossible(wall)) return { ok: false, reason: 'impossible' };
  if (zone === undefined) return { ok: true, iso: wallTimeToInstant(wall, timeZone).toISOString() };
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  if (zone.toUpperCase() === 'Z') return { ok: true, iso: new Date(naive).toISOString() };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetHours = Number(digits.slice(0, 2));
  const offsetMinutes = Number(digits.slice(2, 4));
  if (offsetHours > 14 || offsetMinutes > 59) return { ok: false, reason: 'impossible' };
  return { ok: true, iso: new Date(naive - sign * (offsetHours * 60 + offsetMinutes) * 60_000).toISOString() };
}

function fromUs(match: RegExpExecArray, timeZone: string): DateReading {
  const [, month, day, year, hourText, minute, second, half] = match;
  let hour = Number(hourText ?? 0);
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return { ok: false, reason: 'impossible' };
    hour = (hour % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
  }
  const wall: WallTime = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour,
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: 0,
  };
  if (!isPossible(wall)) return { ok: false, reason: 'impossible' };
  return { ok: true, iso: wallTimeToInstant(wall, timeZone).toISOString() };
}

/**
 * Reads a document's date: ISO 8601 (a date, a date and time, with or without a zone) or the
 * API's US style ("11/18/2026 9:05:00 AM"). Without a zone it is a time at `timeZone`.
 */
export function readDocumentDate(raw: string, timeZone: string): DateReading {
  const text = raw.trim();
  if (text.length > 64) return { ok: false, reason: 'unrecognised' };
  const iso = ISO_DATE.exec(text);
  if (iso !== null) return fromIso(iso, timeZone);
  const us = US_DATE.exec(text);
  if (us !== null) return fromUs(us, timeZone);
  return { ok: false, reason: 'unrecognised' };
}
