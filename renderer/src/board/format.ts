/** Times on the board, in the supervisor's language: a date and time, or how long ago. */
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function dateTime(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function dateOnly(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(new Date(iso));
}

export function timeOnly(language: string, date: Date): string {
  return new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(date);
}

/** "3 minutes ago", "yesterday": the unit that reads best for the distance. */
export function ago(language: string, iso: string, now: Date): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const elapsed = new Date(iso).getTime() - now.getTime();
  const size = Math.abs(elapsed);
  if (size < MINUTE_MS) return format.format(Math.round(elapsed / 1000), 'second');
  if (size < HOUR_MS) return format.format(Math.round(elapsed / MINUTE_MS), 'minute');
  if (size < DAY_MS) return format.format(Math.round(elapsed / HOUR_MS), 'hour');
  return format.format(Math.round(elapsed / DAY_MS), 'day');
}
