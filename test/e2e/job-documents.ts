/** Job documents in the public API's shape, for e2e tests that need their own jobs. */
export function importJob(
  name: string,
  trackingNumber: string,
  drives: readonly string[],
  options: { state?: string; jobType?: string; driveCount?: number; shipDate?: string } = {},
): Record<string, unknown> {
  return {
    name,
    properties: {
      jobType: options.jobType ?? 'Import',
      state: options.state ?? 'Shipping',
      deliveryPackage: {
        carrierName: 'FedEx',
        trackingNumber,
        driveCount: options.driveCount ?? drives.length,
        ...(options.shipDate === undefined ? {} : { shipDate: options.shipDate }),
      },
      driveList: drives.map((driveId) => ({ driveId, state: 'Specified' })),
    },
  };
}
