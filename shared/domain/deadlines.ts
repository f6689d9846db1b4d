/**
 * The timers of the source document, as dates (docs/receiving-rules.md):
 * - a held package (job Creating or unknown): customer contacted at once, drives returned after
 *   14 days without contact, securely destroyed after 90 days if they cannot be returned;
 * - a Shipping job with no package: overdue after 14 days, straight to Closed after 30;
 * - a Completed or Closed job: purged 90 days after it ended.
 */
import { readDocumentDate } from './site-time';

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
 * The API's shipDate (US style "9/29/2017 10:28:35 PM", or ISO) as an instant. Without a zone it is
 * a time at the site, so pass the site's zone (docs/receiving-rules.md, "Dates"); null when it is no
 * date the desk reads, or an impossible one.
 */
export function parseShipDate(raw: string | null, timeZone = 'UTC'): string | null {
  if (raw === null || raw.trim() === '') return null;
  const reading = readDocumentDate(raw, timeZone);
  return reading.ok ? reading.iso : null;
}
