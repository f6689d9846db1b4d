/**
 * The timers of the source document, as dates (docs/receiving-rules.md):
 * - a held package (job Creating or unknown): customer contacted at once, drives returned after
 *   14 days without contact, securely destroyed after 90 days if they cannot be returned;
 * - a Shipping job with no package: overdue after 14 days, straight to Closed after 30;
 * - a Completed or Closed job: purged 90 days after it ended.
 */
export const DAY_MS = 24 * 60 * 60 * 1000;
export const HELD_RETURN_AFTER_DAYS = 14;
export const HELD_DESTROY_AFTER_DAYS = 90;
export const SHIPPING_OVERDUE_AFTER_DAYS = 14;
export const SHIPPING_CLOSE_AFTER_DAYS = 30;
export const ENDED_PURGE_AFTER_DAYS = 90;

export function addDays(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * DAY_MS).toISOString();
}

export type HeldStage = 'contact' | 'return' | 'destroy';
export type ShippingStage = 'onTime' | 'overdue' | 'dueForClosed';

export function heldStage(heldSince: string, asOf: string): HeldStage {
  if (asOf >= addDays(heldSince, HELD_DESTROY_AFTER_DAYS)) return 'destroy';
  if (asOf >= addDays(heldSince, HELD_RETURN_AFTER_DAYS)) return 'return';
  return 'contact';
}

export function shippingStage(shippingSince: string, asOf: string): ShippingStage {
  if (asOf >= addDays(shippingSince, SHIPPING_CLOSE_AFTER_DAYS)) return 'dueForClosed';
  if (asOf >= addDays(shippingSince, SHIPPING_OVERDUE_AFTER_DAYS)) return 'overdue';
  return 'onTime';
}

/**
 * The API's shipDate is not ISO: the examples use US style ("9/29/2017 10:28:35 PM"). Parse that
 * or ISO; anything else gives null and the caller falls back to when the desk saw the job.
 */
export function parseShipDate(raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i.exec(raw.trim());
  if (us !== null) {
    const [, month, day, year, hourText, minute, second, half] = us;
    let hour = Number(hourText ?? 0);
    if (half !== undefined) hour = (hour % 12) + (half.toUpperCase() === 'PM' ? 12 : 0);
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), hour, Number(minute ?? 0), Number(second ?? 0)));
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  const iso = new Date(raw);
  return /^\d{4}-\d{2}-\d{2}/.test(raw.trim()) && !Number.isNaN(iso.getTime()) ? iso.toISOString() : null;
}
