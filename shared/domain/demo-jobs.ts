/**
 * A small demo set for a desk (or a hub) that opens on an empty database, in the public API's own JSON shape
 * so it goes through the same import as real documents. Every demo job is marked as demo.
 */
const DEMO_DATACENTER = {
  recipientName: 'Import/Export Service (demo)',
  streetAddress1: '2045 Lafayette Street',
  city: 'Santa Clara',
  stateOrProvince: 'CA',
  postalCode: '95050',
  countryOrRegion: 'USA',
  phone: '408 352 7600',
};

const DEMO_RETURN_ADDRESS = {
  recipientName: 'Demo Customer',
  streetAddress1: '1 Example Way',
  city: 'Redmond',
  stateOrProvince: 'WA',
  postalCode: '98007',
  countryOrRegion: 'USA',
  phone: '4250000000',
  email: 'receiving-demo@example.com',
};

function demoJob(name: string, properties: Record<string, unknown>): Record<string, unknown> {
  return {
    name,
    type: 'Microsoft.ImportExport/jobs',
    location: 'West US',
    properties: {
      returnAddress: DEMO_RETURN_ADDRESS,
      returnShipping: { carrierName: 'FedEx', carrierAccountNumber: 'DEMO0001' },
      shippingInformation: DEMO_DATACENTER,
      ...properties,
    },
  };
}

const specified = (...ids: string[]) => ids.map((driveId) => ({ driveId, state: 'Specified' }));

export const DEMO_DOCUMENT = {
  value: [
    demoJob('demo-import-4-drives', {
      jobType: 'Import',
      state: 'Shipping',
      deliveryPackage: { carrierName: 'FedEx', trackingNumber: '787895108176', driveCount: 4, shipDate: '11/18/2026 9:05:00 AM' },
      driveList: specified('9CA995BB', '7PHR882C', 'KV6H86XP', 'AZ31BGB1'),
    }),
    demoJob('demo-import-2-drives', {
      jobType: 'Import',
      state: 'Shipping',
      deliveryPackage: { carrierName: 'UPS', trackingNumber: '1Z999AA10123456784', driveCount: 2 },
      driveList: specified('WDWCC4E1234567', 'S3Z9NB0K123456'),
    }),
    demoJob('demo-import-creating', {
      jobType: 'Import',
      state: 'Creating',
      deliveryPackage: { carrierName: 'DHL', trackingNumber: '3318810025', driveCount: 1 },
      driveList: specified('ZA1B2C3D'),
    }),
    demoJob('demo-export-2-drives', {
      jobType: 'Export',
      state: 'Shipping',
      deliveryPackage: { carrierName: 'FedEx', trackingNumber: '612999AX0123', driveCount: 2 },
      export: { blobList: { blobPathPrefix: ['/'] } },
    }),
  ],
} as const;
