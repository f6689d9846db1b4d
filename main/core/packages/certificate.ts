/**
 * The destruction record, in the form of NIST SP 800-88 Rev. 1 Appendix G's sample certificate of
 * sanitisation: who performed it (name, title, organisation, location, phone), each medium (make,
 * model, serial, media type, source), method type and method, tool and version, verification,
 * post-sanitisation classification, destination, notes, date, and a second person's validation.
 * A SHA-256 of the certificate's content (its canonical JSON) is printed on it and kept with it.
 */
import { createHash } from 'node:crypto';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { CertificateContent, CertificateMedium, CertificatePerson } from '../../../shared/rpc/results';
import type { OperatorRow } from '../../db/operators-repository';
import type { CoreContext } from '../context';
import { SITE_ADDRESS_SETTING } from '../import/import-jobs';
import { addressLines, type PostalAddress } from '../labels/addresses';

/** What the desk cannot know about a drive it never opened: said so on the certificate, not left blank. */
export const NOT_RECORDED = 'not recorded';
/** Customer drives are not classified media: the certificate says so. */
export const UNCLASSIFIED = 'Unclassified (customer data)';
/** No tool given: said so on the certificate, not left blank. */
export const NO_TOOL = 'none';

export type DestructionFields = Pick<
  MethodParams<'jobs.destroyDrives'>,
  'methodType' | 'method' | 'methodDetails' | 'tool' | 'toolVersion' | 'verification' | 'destination' | 'mediaType' | 'notes'
>;

/** JSON with keys in a fixed (sorted) order at every level: the same facts always hash the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, child]) => child !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(content: CertificateContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

function siteAddress(context: CoreContext): PostalAddress | null {
  const stored = context.store.settings.get(SITE_ADDRESS_SETTING);
  if (stored === undefined) return null;
  try {
    return JSON.parse(stored) as PostalAddress;
  } catch {
    return null;
  }
}

/** A person on the certificate: the operator's own title and phone, the site's organisation and place. */
export function certificatePerson(context: CoreContext, name: string): CertificatePerson {
  const operator: OperatorRow | undefined = context.store.operators.findByName(name);
  const settings = context.settings();
  const site = siteAddress(context);
  const location = site === null ? settings.deskName : addressLines(site).join(', ');
  return {
    name,
    title: operator?.title ?? (operator?.role === 'supervisor' ? 'Receiving supervisor' : 'Receiving operator'),
    organisation: settings.siteOrganisation ?? site?.recipientName ?? settings.deskName,
    location: `${location} (desk ${settings.deskName})`,
    phone: operator?.phone ?? site?.phone ?? NOT_RECORDED,
  };
}

export function mediaFor(serials: readonly string[], source: string, mediaType: string): CertificateMedium[] {
  return [...serials].sort().map((serial) => ({ serial, make: NOT_RECORDED, model: NOT_RECORDED, mediaType, source }));
}

export interface CertificateFacts {
  readonly certificateNumber: string;
  readonly kind: CertificateContent['kind'];
  readonly subject: string;
  readonly media: readonly CertificateMedium[];
  readonly performedBy: CertificatePerson;
  readonly validatedBy: CertificatePerson;
  readonly date: string;
  readonly certificates?: CertificateContent['certificates'];
}

export function certificateContent(facts: CertificateFacts, fields: DestructionFields): CertificateContent {
  return {
    certificateNumber: facts.certificateNumber,
    kind: facts.kind,
    subject: facts.subject,
    performedBy: facts.performedBy,
    media: facts.media,
    methodType: fields.methodType,
    method: fields.method,
    methodDetails: fields.methodDetails?.trim() || NOT_RECORDED,
    tool: fields.tool?.trim() || NO_TOOL,
    toolVersion: fields.toolVersion?.trim() || NO_TOOL,
    verification: fields.verification,
    postSanitizationClassification: UNCLASSIFIED,
    destination: fields.destination,
    notes: fields.notes?.trim() ?? '',
    date: facts.date,
    validatedBy: facts.validatedBy,
    certificates: facts.certificates ?? [],
  };
}

/** `D-<desk>-P<package>-<yyyymmdd>`: unique at the desk, readable on the phone. */
export function certificateNumber(context: CoreContext, kind: 'P' | 'B' | 'J', subjectId: string | number, at: string): string {
  return `D-${context.settings().deskId.slice(0, 8).toUpperCase()}-${kind}${subjectId}-${at.slice(0, 10).replace(/-/g, '')}`;
}
