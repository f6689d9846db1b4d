/** Postal addresses as the public API shapes them (ReturnAddress, ShippingInformation, Location). */
export interface PostalAddress {
  readonly recipientName?: string | undefined;
  readonly streetAddress1?: string | undefined;
  readonly streetAddress2?: string | undefined;
  readonly city?: string | undefined;
  readonly stateOrProvince?: string | undefined;
  readonly postalCode?: string | undefined;
  readonly countryOrRegion?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
}

/** The flag a job gets when its return address cannot take a label: the operations team must fix it. */
export const ADDRESS_FLAG_PREFIX = 'Incorrect or missing return address';

/** The API's required ReturnAddress fields: a carrier will not take a box without them. */
export const RETURN_ADDRESS_REQUIRED = ['recipientName', 'streetAddress1', 'city', 'postalCode', 'countryOrRegion', 'phone', 'email'] as const;
/** ReturnShipping's required fields: who carries the box, on whose account. */
export const RETURN_SHIPPING_REQUIRED = ['carrierName', 'carrierAccountNumber'] as const;
/** What a sender block needs to be a postal address at all (the API requires nothing of it). */
export const SENDER_ADDRESS_REQUIRED = ['recipientName', 'streetAddress1', 'city', 'postalCode', 'countryOrRegion'] as const;

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** `returnAddress.phone`, … for every required field that is absent or blank. */
export function missingFields(value: object | undefined, required: readonly string[], prefix: string): string[] {
  const record = (value ?? {}) as Record<string, unknown>;
  return required.filter((field) => isBlank(record[field])).map((field) => `${prefix}.${field}`);
}

/** The lines of an address as a carrier prints them. */
export function addressLines(address: PostalAddress): string[] {
  const cityLine = [address.city, address.stateOrProvince, address.postalCode].filter((part) => !isBlank(part)).join(' ');
  return [address.recipientName, address.streetAddress1, address.streetAddress2, cityLine, address.countryOrRegion]
    .filter((line): line is string => !isBlank(line))
    .map((line) => line.trim());
}
