import type { CertificateContent } from '../../../shared/rpc/results';
import { documentWords, type DocumentWords } from '../i18n/document-words';
import { NOT_RECORDED, NO_TOOL, UNCLASSIFIED } from '../packages/certificate';

/**
 * The certificate's coded fields (NIST SP 800-88's method types, methods, verification and
 * destination) in words of the certificate's language, from the catalogues' `documents.certificate`
 * group. The content kept and hashed holds the codes, so the hash is the same in every language.
 */
export function certificateWords(
  content: CertificateContent,
  words: DocumentWords = documentWords(undefined),
): { methodType: string; method: string; verification: string; destination: string } {
  const coded = (group: string, code: string): string => {
    const key = `documents.certificate.${group}.${code}`;
    const text = words(key);
    return text === key ? code : text;
  };
  return {
    methodType: coded('methodTypes', content.methodType),
    method: coded('methods', content.method),
    verification: coded('verifications', content.verification),
    destination: coded('destinations', content.destination),
  };
}

/** A value the desk itself wrote into the content (not recorded, none, the classification), in the certificate's language. */
export function certificateValue(words: DocumentWords, value: string): string {
  if (value === NOT_RECORDED) return words('documents.certificate.notRecorded');
  if (value === NO_TOOL) return words('documents.certificate.none');
  if (value === UNCLASSIFIED) return words('documents.certificate.unclassified');
  return value;
}
