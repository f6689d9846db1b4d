/**
 * The public Import/Export API's job document (api-version 2020-08-01), as far as the desk reads it.
 * Loose objects: the API grows fields, and a document must not be refused for one we do not use.
 */
import { z } from 'zod';
import { MAX_TEXT_FIELD_LENGTH } from '../rpc/limits';

const text = z.string().max(MAX_TEXT_FIELD_LENGTH);

/** The API documents "up to ten drives"; a little slack for data the service sends anyway. */
export const MAX_DRIVES_PER_JOB = 100;

export const driveStatusSchema = z.looseObject({
  driveId: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH),
  bitLockerKey: z.string().optional(),
  manifestFile: z.string().optional(),
  manifestHash: z.string().optional(),
  driveHeaderHash: z.string().optional(),
  state: text.optional(),
  copyStatus: z.string().optional(),
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

export const deliveryPackageSchema = z.looseObject({
  carrierName: text,
  trackingNumber: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH),
  driveCount: z.number().int().min(0).max(MAX_DRIVES_PER_JOB).optional(),
  shipDate: text.optional(),
});

export const jobDetailsSchema = z.looseObject({
  jobType: text.optional(),
  state: text.optional(),
  cancelRequested: z.boolean().optional(),
  returnAddress: addressSchema.optional(),
  returnShipping: z.looseObject({ carrierName: text.optional(), carrierAccountNumber: text.optional() }).optional(),
  shippingInformation: addressSchema.optional(),
  deliveryPackage: deliveryPackageSchema.optional(),
  driveList: z.array(driveStatusSchema).max(MAX_DRIVES_PER_JOB).optional(),
});

export const jobDocumentSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1).max(MAX_TEXT_FIELD_LENGTH).optional(),
  type: z.string().optional(),
  location: text.optional(),
  properties: jobDetailsSchema,
});
export type JobDocument = z.infer<typeof jobDocumentSchema>;

export const locationDocumentSchema = z.looseObject({
  id: z.string().optional(),
  name: text,
  type: z.literal('Microsoft.ImportExport/locations'),
  properties: addressSchema,
});
export type LocationDocument = z.infer<typeof locationDocumentSchema>;

export const LOCATION_RESOURCE_TYPE = 'Microsoft.ImportExport/locations';
