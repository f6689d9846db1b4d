import { describe, expect, it } from 'vitest';
import { checkProjectedDocument, jobDocumentSchema, projectJobDocument } from '../../shared/domain/job-document';

const KEY = '238810-662376-448998-450120-652806-203390-606320-483076';

function hostile(): unknown {
  return {
    name: 'leaky-job',
    type: 'Microsoft.ImportExport/jobs',
    bitLockerKey: KEY,
    extra: { deep: { deeper: [{ BitLockerKey: KEY }] } },
    properties: {
      jobType: 'Import',
      state: 'Shipping',
      BITLOCKERKEY: KEY,
      bitlocker_key: KEY,
      encryptionKey: { kekType: 'CustomerManaged', kekUrl: `https://vault/${KEY}` },
      returnAddress: { recipientName: 'Ana', city: 'Brno', bitLockerKey: KEY },
      deliveryPackage: { carrierName: 'FedEx', trackingNumber: '787895108176', driveCount: 1, secret: KEY },
      driveList: [{ driveId: '9CA995BB', state: 'Specified', bitLockerKey: KEY, BitLockerKey: KEY, properties: { bitLockerKey: KEY } }],
    },
  };
}

describe('the allow-listed projection of a job document', () => {
  it('keeps the fields the desk uses and nothing else, whatever a key is called or where it sits', () => {
    const projected = projectJobDocument(jobDocumentSchema.parse(hostile()));
    expect(JSON.stringify(projected)).not.toContain('238810');
    expect(projected).toEqual({
      name: 'leaky-job',
      type: 'Microsoft.ImportExport/jobs',
      properties: {
        jobType: 'Import',
        state: 'Shipping',
        returnAddress: { recipientName: 'Ana', city: 'Brno' },
        deliveryPackage: { carrierName: 'FedEx', trackingNumber: '787895108176', driveCount: 1 },
        driveList: [{ driveId: '9CA995BB', state: 'Specified' }],
      },
    });
  });

  it('refuses a recovery key put in a kept field, naming the field', () => {
    const document = jobDocumentSchema.parse({ name: 'x', properties: { returnAddress: { streetAddress2: `key ${KEY.replace(/-/g, ' ')}` } } });
    expect(checkProjectedDocument(projectJobDocument(document))).toMatchObject({ field: 'properties.returnAddress.streetAddress2', key: 'documentRecoveryKeyInField' });
  });

  it('refuses an impossible ship date and a control character in an address, naming the field', () => {
    const badDate = jobDocumentSchema.parse({ name: 'x', properties: { deliveryPackage: { carrierName: 'UPS', trackingNumber: '1', shipDate: '2026-02-30' } } });
    expect(checkProjectedDocument(projectJobDocument(badDate))).toMatchObject({ field: 'properties.deliveryPackage.shipDate', key: 'documentImpossibleDate' });
    const badText = jobDocumentSchema.parse({ name: 'x', properties: { returnAddress: { city: 'Br\u202eno' } } });
    expect(checkProjectedDocument(projectJobDocument(badText))).toMatchObject({ field: 'properties.returnAddress.city', key: 'freeTextBidiControl' });
  });
});
