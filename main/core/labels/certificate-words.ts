import type { CertificateContent } from '../../../shared/rpc/results';

/** NIST SP 800-88's words for the certificate's coded fields, as printed. */
const METHOD_TYPES: Readonly<Record<string, string>> = { clear: 'Clear', purge: 'Purge', destroy: 'Destroy' };
const METHODS: Readonly<Record<string, string>> = {
  shredding: 'Destruct: shred',
  degaussingAndShredding: 'Degauss, then shred',
  crushing: 'Destruct: crush',
  incineration: 'Destruct: incinerate',
  disintegration: 'Destruct: disintegrate',
  degaussing: 'Degauss',
  overwrite: 'Overwrite',
  blockErase: 'Block erase',
  cryptoErase: 'Cryptographic erase',
  other: 'Other',
};
const VERIFICATIONS: Readonly<Record<string, string>> = { full: 'Full verification', sampling: 'Quick sampling' };
const DESTINATIONS: Readonly<Record<string, string>> = {
  recyclingFacility: 'Recycling facility',
  manufacturer: 'Manufacturer',
  internalReuse: 'Internal reuse',
  externalReuse: 'External reuse',
  other: 'Other',
};

export function certificateWords(content: CertificateContent): { methodType: string; method: string; verification: string; destination: string } {
  return {
    methodType: METHOD_TYPES[content.methodType] ?? content.methodType,
    method: METHODS[content.method] ?? content.method,
    verification: VERIFICATIONS[content.verification] ?? content.verification,
    destination: DESTINATIONS[content.destination] ?? content.destination,
  };
}
