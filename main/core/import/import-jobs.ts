import { z } from 'zod';
import { DeskError } from '../../../shared/rpc/envelope';
import { describeIssues, issuesText } from '../../../shared/rpc/describe-issues';
import { checkScanCode, echoCode, normalizeCode } from '../../../shared/domain/serial';
import { EXPORT_JOB, IMPORT_JOB } from '../../../shared/domain/job-states';
import type { ImportResult, ImportedJob } from '../../../shared/rpc/results';
import type { MethodParams } from '../../../shared/rpc/contract';
import type { DriveDocumentFields } from '../../db/drives-repository';
import type { JobUpsert } from '../../db/jobs-repository';
import { outboxSubject } from '../../db/transitions-repository';
import type { CoreContext } from '../context';
import {
  LOCATION_RESOURCE_TYPE,
  jobDocumentSchema,
  locationDocumentSchema,
  type JobDocument,
} from './job-document-schema';

export const SITE_ADDRESS_SETTING = 'site.address';
/** A list document larger than this is refused before any work: split it. */
export const MAX_JOBS_PER_IMPORT = 20_000;

export interface ParsedJob {
  readonly document: JobDocument;
  readonly name: string;
  readonly path: string;
}

function parseDocumentText(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(document) as unknown;
  } catch (error) {
    throw new DeskError(
      'invalid_document',
      `document: not valid JSON (${error instanceof Error ? error.message : String(error)}); expected a Get Job or List Jobs response body`,
      undefined,
      { key: 'documentNotJson' },
    );
  }
}

function parseJob(raw: unknown, path: string, fallbackName: string | undefined): ParsedJob {
  const parsed = jobDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new DeskError('invalid_document', describeIssues(parsed.error, path), undefined, issuesText(parsed.error, raw, path));
  const name = parsed.data.name ?? fallbackName;
  if (name === undefined) {
    throw new DeskError(
      'invalid_document',
      `${path === '' ? '' : `${path}.`}name: the job has no name; pass jobName with a Put Job request body`,
      undefined,
      { key: 'jobWithoutName', params: { field: `${path === '' ? '' : `${path}.`}name` } },
    );
  }
  const seen = new Set<string>();
  (parsed.data.properties.driveList ?? []).forEach((drive, index) => {
    const field = `${path === '' ? '' : `${path}.`}properties.driveList[${index}].driveId`;
    const check = checkScanCode(drive.driveId);
    if (!check.ok) {
      throw new DeskError('invalid_document', `${field}: ${echoCode(drive.driveId)} is not a drive serial (${check.reason})`, undefined, {
        key: 'documentSerialInvalid',
        params: { field, serial: echoCode(drive.driveId) },
      });
    }
    if (seen.has(check.serial)) {
      throw new DeskError('invalid_document', `${field}: serial ${check.serial} is listed twice`, undefined, {
        key: 'documentSerialTwice',
        params: { field, serial: check.serial },
      });
    }
    seen.add(check.serial);
  });
  return { document: parsed.data, name, path };
}

/** BitLocker keys never reach the disk: the document is stored without them. */
function withoutSecrets(document: JobDocument): JobDocument {
  const driveList = document.properties.driveList?.map((drive) => {
    const copy: Record<string, unknown> = { ...drive };
    delete copy.bitLockerKey;
    return copy as (typeof drive);
  });
  return { ...document, properties: { ...document.properties, ...(driveList === undefined ? {} : { driveList }) } };
}

function jobTypeOf(document: JobDocument): string {
  if (document.properties.jobType !== undefined && document.properties.jobType !== '') return document.properties.jobType;
  // The API sets no enum and no default; a job without drives listed can only be an export.
  return (document.properties.driveList?.length ?? 0) > 0 ? IMPORT_JOB : EXPORT_JOB;
}

function toUpsert(job: ParsedJob, at: string, isDemo: boolean): JobUpsert {
  const { properties } = job.document;
  const delivery = properties.deliveryPackage;
  return {
    name: job.name,
    armId: job.document.id ?? null,
    jobType: jobTypeOf(job.document),
    state: properties.state !== undefined && properties.state !== '' ? properties.state : 'Creating',
    cancelRequested: properties.cancelRequested ?? false,
    location: job.document.location ?? null,
    trackingNumber: delivery === undefined ? null : normalizeCode(delivery.trackingNumber),
    carrierName: delivery?.carrierName ?? null,
    declaredDriveCount: delivery?.driveCount ?? null,
    shipDateRaw: delivery?.shipDate ?? null,
    documentJson: JSON.stringify(withoutSecrets(job.document)),
    isDemo,
    at,
  };
}

function driveFields(drive: NonNullable<JobDocument['properties']['driveList']>[number]): DriveDocumentFields {
  return {
    manifestFile: drive.manifestFile ?? null,
    manifestHash: drive.manifestHash ?? null,
    driveHeaderHash: drive.driveHeaderHash ?? null,
    copyStatus: drive.copyStatus ?? null,
    percentComplete: drive.percentComplete ?? null,
  };
}

/**
 * Writes one job and its drives. A drive or job with moves the upstream has not yet accepted keeps
 * its local state (offline-first): the desk's record wins until the upstream has judged it.
 */
function storeJob(context: CoreContext, job: ParsedJob, isDemo: boolean): ImportedJob {
  const { store } = context;
  const at = context.clock.now().toISOString();
  const upsert = toUpsert(job, at, isDemo);
  const existing = store.jobs.findByName(job.name);
  let jobRowId: number;
  if (existing === undefined) {
    jobRowId = store.jobs.insert(upsert);
  } else {
    jobRowId = existing.rowId;
    const unsent = store.outbox.hasUnsent(outboxSubject({ entity: 'job', jobRowId, driveRowId: null }));
    store.jobs.update(jobRowId, unsent ? { ...upsert, state: existing.state } : upsert);
  }
  const drives = job.document.properties.driveList ?? [];
  for (const drive of drives) {
    const serial = normalizeCode(drive.driveId);
    const state = drive.state !== undefined && drive.state !== '' ? drive.state : 'Specified';
    const current = store.drives.findInJob(jobRowId, serial);
    if (current === undefined) {
      store.drives.insert({ jobRowId, serial, serialAsWritten: drive.driveId, state, isExtra: false, packageId: null, ...driveFields(drive) });
    } else {
      store.drives.updateDocumentFields(current.rowId, drive.driveId, driveFields(drive));
      if (current.state !== state && !store.outbox.hasUnsent(outboxSubject({ entity: 'drive', jobRowId, driveRowId: current.rowId }))) {
        store.drives.setState(current.rowId, state, null, null);
      }
    }
  }
  return { id: job.name, created: existing === undefined, driveCount: drives.length };
}

function importLocation(context: CoreContext, raw: unknown): ImportResult {
  const parsed = locationDocumentSchema.safeParse(raw);
  if (!parsed.success) throw new DeskError('invalid_document', describeIssues(parsed.error), undefined, issuesText(parsed.error, raw));
  context.store.transaction(() => {
    context.store.settings.set(SITE_ADDRESS_SETTING, JSON.stringify({ name: parsed.data.name, ...parsed.data.properties }));
  });
  return { jobs: [], siteAddressUpdated: true };
}

/** `jobs.import`: one transaction for the whole document, so a bad job anywhere changes nothing. */
export function importJobs(context: CoreContext, params: MethodParams<'jobs.import'>, isDemo = false): ImportResult {
  const document = parseDocumentText(params.document);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new DeskError('invalid_document', 'document: expected a JSON object (a Get Job body or a list body {value:[…]})', undefined, {
      key: 'documentNotJobDocument',
    });
  }
  const record = document as Record<string, unknown>;
  if (record.type === LOCATION_RESOURCE_TYPE) return importLocation(context, record);

  let jobs: ParsedJob[];
  if ('value' in record) {
    const list = z.array(z.unknown()).max(MAX_JOBS_PER_IMPORT).safeParse(record.value);
    if (!list.success) throw new DeskError('invalid_document', describeIssues(list.error, 'value'), undefined, issuesText(list.error, record.value, 'value'));
    jobs = list.data.map((raw, index) => parseJob(raw, `value[${index}]`, undefined));
  } else {
    jobs = [parseJob(record, '', params.jobName)];
  }
  refuseRepeatedNames(jobs);
  const imported = context.store.transaction(() => jobs.map((job) => storeJob(context, job, isDemo)));
  return { jobs: imported, siteAddressUpdated: false };
}

function refuseRepeatedNames(jobs: readonly ParsedJob[]): void {
  const names = new Set<string>();
  for (const job of jobs) {
    if (names.has(job.name)) {
      throw new DeskError('invalid_document', `${job.path}.name: job ${job.name} appears twice`, undefined, { key: 'documentJobTwice', params: { job: job.name } });
    }
    names.add(job.name);
  }
}

/**
 * Checks a page of job documents from the upstream as strictly as an import: a bad document
 * anywhere refuses the whole page before anything is written.
 */
export function parseJobDocuments(documents: readonly unknown[], path: string): ParsedJob[] {
  const jobs = documents.map((raw, index) => parseJob(raw, `${path}[${index}]`, undefined));
  refuseRepeatedNames(jobs);
  return jobs;
}

/** Checks one document of an upstream page; `path` names it in errors (`value[3]`). */
export function parseJobDocument(document: unknown, path: string): ParsedJob {
  return parseJob(document, path, undefined);
}

/** Writes checked job documents; the caller holds the transaction (a pull also moves its cursor in it). */
export function storeJobDocuments(context: CoreContext, jobs: readonly ParsedJob[]): ImportedJob[] {
  return jobs.map((job) => storeJob(context, job, false));
}
