/**
 * The public Import/Export API's job document (api-version 2020-08-01) as far as the desk and the
 * hub read it, and the allow-listed projection of it that is all either ever stores
 * (docs/reliability.md, "BitLocker keys"). The schema is loose (the API grows fields and a document
 * must not be refused for one nobody uses); the projection copies only the fields named below, so a
 * BitLocker key under any spelling, casing or nesting never reaches a disk.
 */
import { z } from 'zod';
import { MAX_NOTE_LENGTH, MAX_TEXT_FIELD_LENGTH } from '../rpc/limits';
import { FREE_TEXT_KEYS, checkFreeText, freeTextMessage } from './free-text';
import { readDocumentDate } from './site-time';

const text = z.string().max(MAX_TEXT_FIELD_LENGTH);
/** Hashes and paths the service writes (a drive header hash runs to ~300 characters). */
const longText = z.string().max(MAX_NOTE_LENGTH);

/** The API documents "up to ten drives"; a little slack for data the service sends anyway. */
export const MAX_DRIVES_PER_JOB = 100;

export const driveStatusSchema = z.looseObject({
  driveId: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH),
  manifestFile: longText.optional(),
  manifestHash: longText.optional(),
  driveHeaderHash: longText.optional(),
  state: text.optional(),
  copyStatus: longText.optional(),
  percentComplete: z.number().optional(),
});

export const addressSchema = z.looseObject({
  recipientName: text.optional(),
  streetAddress1: text.optional(),
  streetAddress2: text.optional(),
  city: text.optional(),
  stateOrProvince: text.optional(),
  postalCode: text.optional(),
  countryOrRegion: text.optional(),
  phone: text.optional(),
  email: text.optional(),
});

export const packageInfoSchema = z.looseObject({
  carrierName: text,
  trackingNumber: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH),
  driveCount: z.number().int().min(0).max(MAX_DRIVES_PER_JOB).optional(),
  shipDate: text.optional(),
});
/** @deprecated name kept for callers of the first schema; the API calls it PackageInfomation. */
export const deliveryPackageSchema = packageInfoSchema;

export const jobDetailsSchema = z.looseObject({
  jobType: text.optional(),
  state: text.optional(),
  cancelRequested: z.boolean().optional(),
  returnAddress: addressSchema.optional(),
  returnShipping: z.looseObject({ carrierName: text.optional(), carrierAccountNumber: text.optional() }).optional(),
  shippingInformation: addressSchema.optional(),
  deliveryPackage: packageInfoSchema.optional(),
  returnPackage: packageInfoSchema.optional(),
  driveList: z.array(driveStatusSchema).max(MAX_DRIVES_PER_JOB).optional(),
});

export const jobDocumentSchema = z.looseObject({
  id: text.optional(),
  name: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH).optional(),
  type: text.optional(),
  location: text.optional(),
  properties: jobDetailsSchema,
});
export type JobDocument = z.infer<typeof jobDocumentSchema>;

export const LOCATION_RESOURCE_TYPE = 'Microsoft.ImportExport/locations';
export const JOB_RESOURCE_TYPE = 'Microsoft.ImportExport/jobs';

export const locationDocumentSchema = z.looseObject({
  id: text.optional(),
  name: text,
  type: z.literal(LOCATION_RESOURCE_TYPE),
  properties: addressSchema,
});
export type LocationDocument = z.infer<typeof locationDocumentSchema>;

// ---------------------------------------------------------------------------------------------
// The projection: what is kept, field by field.

const ADDRESS_FIELDS = ['recipientName', 'streetAddress1', 'streetAddress2', 'city', 'stateOrProvince', 'postalCode', 'countryOrRegion', 'phone', 'email'] as const;
const PACKAGE_FIELDS = ['carrierName', 'trackingNumber', 'driveCount', 'shipDate'] as const;
const DRIVE_FIELDS = ['driveId', 'state', 'manifestFile', 'manifestHash', 'driveHeaderHash', 'copyStatus', 'percentComplete'] as const;

export type ProjectedAddress = Partial<Record<(typeof ADDRESS_FIELDS)[number], string>>;
export interface ProjectedPackage {
  readonly carrierName: string;
  readonly trackingNumber: string;
  readonly driveCount?: number;
  readonly shipDate?: string;
}
export interface ProjectedDrive {
  readonly driveId: string;
  readonly state?: string;
  readonly manifestFile?: string;
  readonly manifestHash?: string;
  readonly driveHeaderHash?: string;
  readonly copyStatus?: string;
  readonly percentComplete?: number;
}
/** Exactly what the desk and the hub keep of a job document: nothing else is ever written. */
export interface ProjectedJobDocument {
  readonly id?: string;
  readonly name?: string;
  readonly type?: string;
  readonly location?: string;
  readonly properties: {
    readonly jobType?: string;
    readonly state?: string;
    readonly cancelRequested?: boolean;
    readonly returnAddress?: ProjectedAddress;
    readonly returnShipping?: { readonly carrierName?: string; readonly carrierAccountNumber?: string };
    readonly shippingInformation?: ProjectedAddress;
    readonly deliveryPackage?: ProjectedPackage;
    readonly returnPackage?: ProjectedPackage;
    readonly driveList?: readonly ProjectedDrive[];
  };
}

function pick<K extends string>(source: Record<string, unknown> | undefined, fields: readonly K[]): Partial<Record<K, unknown>> | undefined {
  if (source === undefined) return undefined;
  const out: Partial<Record<K, unknown>> = {};
  for (const field of fields) {
    // Own properties only: a key on the prototype chain is never copied.
    if (Object.prototype.hasOwnProperty.call(source, field) && source[field] !== undefined) out[field] = source[field];
  }
  return out;
}

function withOptional<T extends object>(target: T, key: string, value: unknown): T {
  if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  return target;
}

/** The allow-listed copy of a checked document: the fields the desk uses and shows, nothing more. */
export function projectJobDocument(document: JobDocument): ProjectedJobDocument {
  const p = document.properties;
  const properties: Record<string, unknown> = {};
  withOptional(properties, 'jobType', p.jobType);
  withOptional(properties, 'state', p.state);
  withOptional(properties, 'cancelRequested', p.cancelRequested);
  withOptional(properties, 'returnAddress', pick(p.returnAddress, ADDRESS_FIELDS));
  withOptional(properties, 'returnShipping', pick(p.returnShipping, ['carrierName', 'carrierAccountNumber'] as const));
  withOptional(properties, 'shippingInformation', pick(p.shippingInformation, ADDRESS_FIELDS));
  withOptional(properties, 'deliveryPackage', pick(p.deliveryPackage, PACKAGE_FIELDS));
  withOptional(properties, 'returnPackage', pick(p.returnPackage, PACKAGE_FIELDS));
  withOptional(properties, 'driveList', p.driveList?.map((drive) => pick(drive, DRIVE_FIELDS)));
  const top: Record<string, unknown> = { properties };
  withOptional(top, 'id', document.id);
  withOptional(top, 'name', document.name);
  withOptional(top, 'type', document.type);
  withOptional(top, 'location', document.location);
  return top as unknown as ProjectedJobDocument;
}

// ---------------------------------------------------------------------------------------------
// Checks of the kept values: what would be printed, and what would be a secret in a kept field.

/** A BitLocker recovery password: 48 digits in eight groups of six (dashes, spaces or nothing between). */
const RECOVERY_PASSWORD = /\d{6}(?:[-\s]?\d{6}){7}/;

export interface DocumentProblem {
  /** `properties.returnAddress.city`, relative to the document. */
  readonly field: string;
  readonly message: string;
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

function stringsOf(value: unknown, path: string, out: { path: string; value: string }[]): void {
  if (typeof value === 'string') out.push({ path, value });
  else if (Array.isArray(value)) value.forEach((item, index) => stringsOf(item, `${path}[${index}]`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) stringsOf(child, path === '' ? key : `${path}.${key}`, out);
  }
}

/**
 * Problems of a projected document's kept text: free text that would print wrongly (control
 * characters, bidirectional overrides, invalid Unicode), a value shaped like a BitLocker recovery
 * password (never stored, in whatever field it was put), a shipDate that is no date or an
 * impossible one. The first problem, or null.
 */
export function checkProjectedDocument(document: ProjectedJobDocument): DocumentProblem | null {
  const strings: { path: string; value: string }[] = [];
  stringsOf(document, '', strings);
  for (const { path, value } of strings) {
    if (RECOVERY_PASSWORD.test(value)) {
      return {
        field: path,
        message: 'holds what looks like a BitLocker recovery key; the desk never stores one: remove it from the document',
        key: 'documentRecoveryKeyInField',
        params: { field: path },
      };
    }
    const finding = checkFreeText(value);
    if (finding !== null) {
      return { field: path, message: freeTextMessage(finding), key: FREE_TEXT_KEYS[finding.problem], params: { field: path, codePoint: finding.codePoint, position: finding.index + 1 } };
    }
  }
  for (const key of ['deliveryPackage', 'returnPackage'] as const) {
    const shipDate = document.properties[key]?.shipDate;
    if (shipDate === undefined || shipDate.trim() === '') continue;
    // The zone does not change whether a date exists; UTC is enough to judge it.
    const reading = readDocumentDate(shipDate, 'UTC');
    if (!reading.ok) {
      const field = `properties.${key}.shipDate`;
      return reading.reason === 'impossible'
        ? { field, message: `"${shipDate.slice(0, 40)}" is not a real date`, key: 'documentImpossibleDate', params: { field, value: shipDate.slice(0, 40) } }
        : {
            field,
            message: `"${shipDate.slice(0, 40)}" is not a date the desk reads: expected ISO 8601 (2026-11-18T09:05:00Z) or the API's M/D/YYYY h:mm:ss AM`,
            key: 'documentUnreadableDate',
            params: { field, value: shipDate.slice(0, 40) },
          };
    }
  }
  return null;
}
